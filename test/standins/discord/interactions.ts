import { asObject, asObjects } from './http-util.ts';
import { type OptionInput, type OptionShorthand, buildOptions, nestOptions, normalizeOptions } from './options.ts';
import { MEMBER_PERMISSIONS, effectivePermissions, toPermissionBits } from './permissions.ts';
import { channelJson, flattenComponents, memberJson, messageJson, userJson } from './payloads.ts';
import { interactionToken, snowflake } from './snowflake.ts';
import type { JsonObject, StandinChannel, StandinGuild, StandinUser, StoredMessage } from './types.ts';
import type { World } from './world.ts';

export interface InvokerOptions {
  /** Who acts. A user who is not yet a member of the guild joins it (with `permissions`). */
  user: StandinUser;
  /** Default: the first guild. Ignored with `dm`. */
  guildId?: string;
  /** Default: the guild's first text channel (or the DM channel with `dm`). */
  channelId?: string;
  /** Invoke from the person's DM with the bot: no guild, no member, `user` instead. */
  dm?: boolean;
  /** The member's computed permissions for this interaction (bits; Manage Server = 0x20n). */
  permissions?: bigint | string | number;
  locale?: string;
}

export interface SlashCommandOptions extends InvokerOptions {
  name: string;
  subcommand?: string;
  group?: string;
  options?: OptionInput[] | Record<string, OptionShorthand>;
}

export interface AutocompleteOptions extends SlashCommandOptions {
  /** Name of the option being typed into. */
  focused: string;
}

export interface ComponentOptions extends Omit<InvokerOptions, 'guildId' | 'channelId' | 'dm'> {
  customId: string;
  /** The message carrying the component; default: the newest stored message that has it. */
  message?: StoredMessage | string;
  /** Only when no message has the component: where to invent one. */
  guildId?: string;
  channelId?: string;
  dm?: boolean;
}

export interface SelectOptions extends ComponentOptions {
  values: string[];
  /** 3 string select (default), 5 user, 6 role, 7 mentionable, 8 channel. */
  componentType?: number;
}

/** A right-click "Apps" menu command on a member (application command type 2). */
export interface UserCommandOptions extends InvokerOptions {
  name: string;
  target: StandinUser;
}

export interface ModalSubmitOptions extends InvokerOptions {
  customId: string;
  /** Text input custom_id → value. */
  fields: Record<string, string>;
}

interface Context {
  guild: StandinGuild | null;
  channel: StandinChannel;
  user: StandinUser;
  permissions: bigint;
}

export class InteractionFactory {
  readonly #world: World;
  readonly #baseUrl: () => string;

  constructor(world: World, baseUrl: () => string) {
    this.#world = world;
    this.#baseUrl = baseUrl;
  }

  slashCommand(o: SlashCommandOptions): JsonObject {
    return this.#command(o, 2);
  }

  autocomplete(o: AutocompleteOptions): JsonObject {
    return this.#command(o, 4, o.focused);
  }

  userCommand(o: UserCommandOptions): JsonObject {
    const ctx = this.#context(o);
    const registered = this.#world.commandsFor(ctx.guild?.id ?? null);
    const command = registered.find((c) => c.name === o.name && c.body.type === 2);
    if (!command) throw new Error(`no user command "${o.name}" is registered here`);
    if (!this.#world.users.has(o.target.id)) this.#world.users.set(o.target.id, o.target);
    const member = ctx.guild?.members.get(o.target.id);
    const resolved: JsonObject = {
      users: { [o.target.id]: userJson(o.target) },
      ...(member ? { members: { [o.target.id]: memberJson(this.#world, member, { user: false, permissions: true }) } } : {}),
    };
    const data: JsonObject = { id: command.id, name: o.name, type: 2, target_id: o.target.id, resolved, ...(command.guildId ? { guild_id: command.guildId } : {}) };
    return this.#build(2, ctx, data, null, o.locale);
  }

  button(o: ComponentOptions): JsonObject {
    const { message, ctx } = this.#componentContext(o, 2);
    return this.#build(3, ctx, { custom_id: o.customId, component_type: 2 }, message);
  }

  select(o: SelectOptions): JsonObject {
    const type = o.componentType ?? 3;
    const { message, ctx } = this.#componentContext(o, type);
    return this.#build(3, ctx, { custom_id: o.customId, component_type: type, values: o.values }, message);
  }

  modalSubmit(o: ModalSubmitOptions): JsonObject {
    const opened = [...this.#world.interactions.values()]
      .reverse()
      .find((i) => i.response?.type === 9 && asObject(i.response.data).custom_id === o.customId);
    const source = opened?.sourceMessageId ? this.#world.messages.get(opened.sourceMessageId) : undefined;
    const ctx = source ? this.#contextOfMessage(source, o) : this.#context(o);
    const modal = opened ? asObject(opened.response?.data) : null;
    const components = modal ? this.#mirrorModal(modal, o.fields) : rowsFor(o.fields);
    return this.#build(5, ctx, { custom_id: o.customId, components }, source ?? null);
  }

  #command(o: SlashCommandOptions, type: number, focused?: string): JsonObject {
    const ctx = this.#context(o);
    const registered = this.#world.commandsFor(ctx.guild?.id ?? null);
    const command = registered.find((c) => c.name === o.name && (c.body.type ?? 1) === 1);
    if (registered.length > 0 && !command) {
      throw new Error(`/${o.name} is not registered here; registered: ${registered.map((c) => c.name).join(', ')}`);
    }
    const built = buildOptions(this.#world, ctx.guild, normalizeOptions(o.options), this.#baseUrl(), focused);
    const options = nestOptions(built.options, o.subcommand, o.group);
    const data: JsonObject = {
      id: command?.id ?? snowflake(),
      name: o.name,
      type: 1,
      ...(options.length > 0 ? { options } : {}),
      ...(built.resolved ? { resolved: built.resolved } : {}),
      ...(command?.guildId ? { guild_id: command.guildId } : {}),
    };
    return this.#build(type, ctx, data, null, o.locale);
  }

  #context(o: InvokerOptions): Context {
    const world = this.#world;
    if (o.dm) {
      if (!world.users.has(o.user.id)) world.users.set(o.user.id, o.user);
      return { guild: null, channel: world.dmChannel(o.user.id), user: o.user, permissions: MEMBER_PERMISSIONS };
    }
    const guild = world.requireGuild(o.guildId ?? [...world.guilds.keys()][0] ?? '');
    const channel = o.channelId ? world.channels.get(o.channelId) : guild.channels.find((c) => c.type === 0);
    if (!channel || channel.guildId !== guild.id) throw new Error(`no such text channel in guild ${guild.name}`);
    const member =
      guild.members.get(o.user.id) ??
      world.addMember(guild.id, o.user, o.permissions === undefined ? {} : { permissions: o.permissions });
    const permissions =
      o.permissions === undefined
        ? member.permissions
        : effectivePermissions(toPermissionBits(o.permissions), guild.ownerId === o.user.id);
    return { guild, channel, user: o.user, permissions };
  }

  #contextOfMessage(message: StoredMessage, o: InvokerOptions): Context {
    const channel = this.#world.channels.get(message.channelId);
    if (!channel) throw new Error(`message ${message.id} is in an unknown channel`);
    if (channel.type === 1) {
      if (channel.recipientId !== o.user.id) throw new Error(`message ${message.id} is in someone else's DMs`);
      return this.#context({ ...o, dm: true });
    }
    return this.#context({ ...o, dm: false, guildId: channel.guildId ?? '', channelId: channel.id });
  }

  #componentContext(o: ComponentOptions, componentType: number): { message: StoredMessage; ctx: Context } {
    const found = this.#findMessage(o);
    if (found) {
      const component = flattenComponents(found.components).find((c) => c.custom_id === o.customId);
      if (component?.type !== componentType) throw new Error(`component ${o.customId} is not of type ${componentType}`);
      if (component.disabled === true) throw new Error(`component ${o.customId} is disabled; nobody can use it`);
      if ((found.flags & 64) !== 0 && found.interactionId) {
        const owner = this.#world.interactions.get(found.interactionId)?.userId;
        if (owner !== o.user.id) throw new Error(`message ${found.id} is ephemeral: only its invoker sees it`);
      }
      return { message: found, ctx: this.#contextOfMessage(found, o) };
    }
    const ctx = this.#context(o);
    const child: JsonObject =
      componentType === 2 ? { type: 2, style: 1, label: o.customId, custom_id: o.customId } : { type: componentType, custom_id: o.customId, options: [] };
    const message = this.#world.addMessage({
      channelId: ctx.channel.id,
      guildId: ctx.guild?.id ?? null,
      authorId: this.#world.bot.id,
      content: '',
      embeds: [],
      components: [{ type: 1, components: [child] }],
      attachments: [],
      flags: 0,
      type: 0,
      webhookId: null,
      interactionId: null,
    });
    return { message, ctx };
  }

  #findMessage(o: ComponentOptions): StoredMessage | null {
    if (o.message !== undefined) {
      const id = typeof o.message === 'string' ? o.message : o.message.id;
      const message = this.#world.messages.get(id);
      if (!message) throw new Error(`stand-in has no message ${id}`);
      return message;
    }
    const all = [...this.#world.messages.values()].reverse();
    return (
      all.find((m) => !m.deleted && flattenComponents(m.components).some((c) => c.custom_id === o.customId)) ?? null
    );
  }

  /** Mirrors the layout of the modal the bot opened (action rows or labels), filled with `fields`. */
  #mirrorModal(modal: JsonObject, fields: Record<string, string>): JsonObject[] {
    const known = new Set<string>();
    const input = (component: JsonObject): JsonObject => {
      const customId = String(component.custom_id);
      known.add(customId);
      const value = fields[customId];
      if (value === undefined && component.required !== false) throw new Error(`modal field ${customId} is required`);
      return { type: 4, ...(component.id ? { id: component.id } : {}), custom_id: customId, value: value ?? '' };
    };
    const out = asObjects(modal.components).map((top): JsonObject => {
      if (top.type === 18) return { type: 18, id: top.id, component: input(asObject(top.component)) };
      if (top.type === 1) return { type: 1, ...(top.id ? { id: top.id } : {}), components: asObjects(top.components).map(input) };
      return { type: top.type, id: top.id };
    });
    const unknown = Object.keys(fields).filter((k) => !known.has(k));
    if (unknown.length > 0) throw new Error(`the modal has no field(s) ${unknown.join(', ')}`);
    return out;
  }

  #build(type: number, ctx: Context, data: JsonObject, message: StoredMessage | null, locale = 'en-US'): JsonObject {
    const world = this.#world;
    const id = snowflake();
    const token = interactionToken(id);
    const member = ctx.guild?.members.get(ctx.user.id);
    const botPermissions = ctx.guild?.members.get(world.bot.id)?.permissions ?? MEMBER_PERMISSIONS;
    const payload: JsonObject = {
      id,
      application_id: world.applicationId,
      type,
      data,
      token,
      version: 1,
      ...(ctx.guild && member
        ? {
            guild_id: ctx.guild.id,
            guild: { id: ctx.guild.id, locale: 'en-US', features: [] },
            guild_locale: 'en-US',
            member: { ...memberJson(world, member), permissions: ctx.permissions.toString() },
          }
        : { user: userJson(ctx.user) }),
      channel: channelJson(world, ctx.channel),
      channel_id: ctx.channel.id,
      ...(message ? { message: messageJson(world, message, this.#baseUrl()) } : {}),
      app_permissions: botPermissions.toString(),
      locale,
      entitlements: [],
      authorizing_integration_owners: { '0': ctx.guild?.id ?? '0' },
      context: ctx.guild ? 0 : 1,
      attachment_size_limit: 10_485_760,
    };
    const state = {
      id,
      token,
      type,
      userId: ctx.user.id,
      guildId: ctx.guild?.id ?? null,
      channelId: ctx.channel.id,
      sourceMessageId: message?.id ?? null,
      payload,
      response: null,
      originalMessageId: null,
      followUpIds: [],
      expired: false,
    };
    world.interactions.set(id, state);
    world.interactionsByToken.set(token, state);
    return payload;
  }
}

function rowsFor(fields: Record<string, string>): JsonObject[] {
  return Object.entries(fields).map(([customId, value]) => ({
    type: 1,
    components: [{ type: 4, custom_id: customId, value }],
  }));
}
