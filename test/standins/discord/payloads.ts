import type {
  JsonObject,
  StandinChannel,
  StandinGuild,
  StandinMember,
  StandinRole,
  StandinUser,
  StoredAttachment,
  StoredMessage,
} from './types.ts';
import type { World } from './world.ts';

/** Discord-shaped JSON for the stand-in's entities. */

export function userJson(user: StandinUser): JsonObject {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
  };
}

export function roleJson(role: StandinRole): JsonObject {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0,
  };
}

export function memberJson(
  world: World,
  member: StandinMember,
  options: { user?: boolean; permissions?: boolean } = {},
): JsonObject {
  return {
    ...(options.user === false ? {} : { user: userJson(world.requireUser(member.userId)) }),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: member.roleIds,
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    ...(options.permissions ? { permissions: member.permissions.toString() } : {}),
  };
}

export function channelJson(world: World, channel: StandinChannel): JsonObject {
  if (channel.type === 1) {
    const recipient = channel.recipientId ? world.users.get(channel.recipientId) : undefined;
    return {
      id: channel.id,
      type: 1,
      last_message_id: null,
      flags: 0,
      recipients: recipient ? [userJson(recipient)] : [],
    };
  }
  const thread = channel.thread;
  if (thread) {
    return {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      parent_id: thread.parentId,
      owner_id: thread.ownerId,
      name: channel.name,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
      member_count: Math.min(thread.members.size, 50),
      message_count: 0,
      total_message_sent: 0,
      thread_metadata: {
        archived: thread.archived,
        auto_archive_duration: thread.autoArchiveMinutes,
        archive_timestamp: thread.createdAt,
        locked: thread.locked,
        ...(channel.type === 12 ? { invitable: thread.invitable } : {}),
        create_timestamp: thread.createdAt,
      },
    };
  }
  return {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    permission_overwrites: (channel.overwrites ?? []).map((o) => ({ id: o.id, type: o.type, allow: o.allow.toString(), deny: o.deny.toString() })),
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

/**
 * The GUILD_CREATE payload. With only the Guilds intent, Discord sends just the bot's own member
 * (plus voice participants), so other members must be fetched or come with interactions.
 */
export function guildCreateJson(world: World, guild: StandinGuild, allMembers: boolean): JsonObject {
  const members = [...guild.members.values()].filter((m) => allMembers || m.userId === world.bot.id);
  const botMember = guild.members.get(world.bot.id);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 2,
    roles: guild.roles.map(roleJson),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    joined_at: botMember?.joinedAt ?? new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: members.map((m) => memberJson(world, m)),
    channels: guild.channels.map((c) => {
      const { guild_id: _omitted, ...rest } = channelJson(world, c);
      return rest;
    }),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function attachmentJson(attachment: StoredAttachment, baseUrl: string): JsonObject {
  const url = `${baseUrl}/attachments/${attachment.id}/${encodeURIComponent(attachment.filename)}`;
  return {
    id: attachment.id,
    filename: attachment.filename,
    size: attachment.data.length,
    url,
    proxy_url: url,
    ...(attachment.contentType ? { content_type: attachment.contentType } : {}),
    ...(attachment.description ? { description: attachment.description } : {}),
  };
}

export function messageJson(world: World, message: StoredMessage, baseUrl: string): JsonObject {
  const author = world.requireUser(message.authorId);
  const interaction = message.interactionId ? world.interactions.get(message.interactionId) : undefined;
  const invoker = interaction ? world.users.get(interaction.userId) : undefined;
  return {
    id: message.id,
    type: message.type,
    channel_id: message.channelId,
    ...(message.guildId ? { guild_id: message.guildId } : {}),
    author: userJson(author),
    content: message.content,
    timestamp: message.createdAt,
    edited_timestamp: message.editedAt,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: message.attachments.map((a) => attachmentJson(a, baseUrl)),
    embeds: message.embeds,
    components: message.components,
    pinned: false,
    flags: message.flags,
    ...(message.nonce === undefined ? {} : { nonce: message.nonce }),
    ...(message.webhookId ? { webhook_id: message.webhookId, application_id: world.applicationId } : {}),
    ...(interaction && invoker
      ? {
          interaction_metadata: {
            id: interaction.id,
            type: interaction.type,
            user: userJson(invoker),
            authorizing_integration_owners: interaction.guildId ? { '0': interaction.guildId } : { '1': invoker.id },
          },
        }
      : {}),
  };
}

/** Every component (recursively) of a message, e.g. to find a button by custom_id. */
export function flattenComponents(components: readonly unknown[]): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const component = value as JsonObject;
    out.push(component);
    if (Array.isArray(component.components)) component.components.forEach(visit);
    if (component.component !== undefined) visit(component.component);
    if (component.accessory !== undefined) visit(component.accessory);
  };
  components.forEach(visit);
  return out;
}
