import { MEMBER_PERMISSIONS, effectivePermissions, toPermissionBits } from './permissions.ts';
import { snowflake } from './snowflake.ts';
import type {
  InteractionState,
  StandinChannel,
  StandinGuild,
  StandinMember,
  StandinUser,
  StoredAttachment,
  StoredCommand,
  StoredMessage,
} from './types.ts';

export interface UserInput {
  username: string;
  globalName?: string | null;
  bot?: boolean;
  id?: string;
}

export interface MemberInput {
  /** Computed permissions; default: a plain member's. Owners/Administrators get all bits. */
  permissions?: bigint | string | number;
  roleIds?: string[];
  nick?: string | null;
}

export interface GuildInput {
  name: string;
  id?: string;
  /** Text channel names; default `['general']`. */
  channels?: string[];
  /** Owner; default: a new user `<guild name> owner`. The owner is a member with all permissions. */
  owner?: StandinUser;
}

/** Everything the stand-in knows: users, guilds, channels, messages, interactions, commands. */
export class World {
  readonly bot: StandinUser;
  readonly applicationId: string;
  readonly users = new Map<string, StandinUser>();
  readonly guilds = new Map<string, StandinGuild>();
  readonly channels = new Map<string, StandinChannel>();
  readonly messages = new Map<string, StoredMessage>();
  readonly attachments = new Map<string, StoredAttachment>();
  readonly interactions = new Map<string, InteractionState>();
  readonly interactionsByToken = new Map<string, InteractionState>();
  readonly globalCommands: StoredCommand[] = [];
  readonly guildCommands = new Map<string, StoredCommand[]>();
  readonly dmRefusers = new Set<string>();
  /** What GET /gateway/bot recommends: the shard count, and how many shards may identify at once. */
  recommendedShards = 1;
  maxConcurrency = 1;

  constructor(botName: string) {
    this.bot = this.addUser({ username: botName, bot: true });
    // Bots created since 2016 share their id with their application.
    this.applicationId = this.bot.id;
  }

  addUser(input: UserInput): StandinUser {
    const user: StandinUser = {
      id: input.id ?? snowflake(),
      username: input.username,
      globalName: input.globalName ?? null,
      bot: input.bot ?? false,
    };
    this.users.set(user.id, user);
    return user;
  }

  addGuild(input: GuildInput): StandinGuild {
    const id = input.id ?? snowflake();
    const owner = input.owner ?? this.addUser({ username: `${input.name} owner` });
    const guild: StandinGuild = {
      id,
      name: input.name,
      ownerId: owner.id,
      channels: [],
      // The @everyone role shares the guild's id.
      roles: [{ id, name: '@everyone', permissions: MEMBER_PERMISSIONS, position: 0 }],
      members: new Map(),
    };
    this.guilds.set(id, guild);
    for (const name of input.channels ?? ['general']) this.addChannel(id, name);
    this.addMember(id, owner);
    this.addMember(id, this.bot);
    return guild;
  }

  addChannel(guildId: string, name: string, type = 0): StandinChannel {
    const guild = this.requireGuild(guildId);
    const channel: StandinChannel = {
      id: snowflake(),
      type,
      name,
      guildId,
      recipientId: null,
      position: guild.channels.length,
    };
    guild.channels.push(channel);
    this.channels.set(channel.id, channel);
    return channel;
  }

  addMember(guildId: string, user: StandinUser, input: MemberInput = {}): StandinMember {
    const guild = this.requireGuild(guildId);
    if (!this.users.has(user.id)) this.users.set(user.id, user);
    const bits = toPermissionBits(input.permissions ?? MEMBER_PERMISSIONS);
    const member: StandinMember = {
      userId: user.id,
      guildId,
      nick: input.nick ?? null,
      roleIds: input.roleIds ?? [],
      permissions: effectivePermissions(bits, guild.ownerId === user.id),
      joinedAt: new Date().toISOString(),
    };
    guild.members.set(user.id, member);
    return member;
  }

  /** The DM channel between the bot and a user, created on first use with a stable id. */
  dmChannel(userId: string): StandinChannel {
    for (const channel of this.channels.values()) {
      if (channel.type === 1 && channel.recipientId === userId) return channel;
    }
    const channel: StandinChannel = {
      id: snowflake(),
      type: 1,
      name: null,
      guildId: null,
      recipientId: userId,
      position: 0,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  requireGuild(guildId: string): StandinGuild {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`stand-in has no guild ${guildId}`);
    return guild;
  }

  requireUser(userId: string): StandinUser {
    const user = this.users.get(userId);
    if (!user) throw new Error(`stand-in has no user ${userId}`);
    return user;
  }

  channelByName(name: string, guildId?: string): StandinChannel {
    for (const channel of this.channels.values()) {
      if (channel.name === name && (guildId === undefined || channel.guildId === guildId)) return channel;
    }
    throw new Error(`stand-in has no channel named ${name}`);
  }

  addMessage(input: Omit<StoredMessage, 'id' | 'createdAt' | 'editedAt' | 'deleted'>): StoredMessage {
    const message: StoredMessage = {
      ...input,
      id: snowflake(),
      createdAt: new Date().toISOString(),
      editedAt: null,
      deleted: false,
    };
    this.messages.set(message.id, message);
    return message;
  }

  addAttachment(filename: string, data: Buffer, contentType: string | null, description: string | null = null) {
    const attachment: StoredAttachment = { id: snowflake(), filename, contentType, description, data };
    this.attachments.set(attachment.id, attachment);
    return attachment;
  }

  commandsFor(guildId: string | null): StoredCommand[] {
    const guild = guildId ? (this.guildCommands.get(guildId) ?? []) : [];
    return [...this.globalCommands, ...guild];
  }
}
