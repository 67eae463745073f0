import { attachmentJson, channelJson, memberJson, roleJson, userJson } from './payloads.ts';
import type { JsonObject, StandinGuild, StandinUser } from './types.ts';
import type { World } from './world.ts';

/** A slash-command option as a person would fill it in. */
export type OptionInput =
  | { type: 'string'; name: string; value: string; focused?: boolean }
  | { type: 'integer' | 'number'; name: string; value: number | string; focused?: boolean }
  | { type: 'boolean'; name: string; value: boolean }
  | { type: 'user'; name: string; user: StandinUser }
  | { type: 'channel'; name: string; channelId: string }
  | { type: 'role'; name: string; roleId: string }
  | { type: 'attachment'; name: string; filename: string; content: string | Buffer; contentType?: string };

/** Shorthand values: string → STRING, boolean → BOOLEAN, integer → INTEGER, other number → NUMBER, user → USER. */
export type OptionShorthand = string | number | boolean | StandinUser;

export const opt = {
  string: (name: string, value: string): OptionInput => ({ type: 'string', name, value }),
  integer: (name: string, value: number): OptionInput => ({ type: 'integer', name, value }),
  number: (name: string, value: number): OptionInput => ({ type: 'number', name, value }),
  boolean: (name: string, value: boolean): OptionInput => ({ type: 'boolean', name, value }),
  user: (name: string, user: StandinUser): OptionInput => ({ type: 'user', name, user }),
  channel: (name: string, channelId: string): OptionInput => ({ type: 'channel', name, channelId }),
  role: (name: string, roleId: string): OptionInput => ({ type: 'role', name, roleId }),
  attachment: (name: string, filename: string, content: string | Buffer, contentType = 'text/plain'): OptionInput => ({
    type: 'attachment',
    name,
    filename,
    content,
    contentType,
  }),
};

const TYPE_CODES = { string: 3, integer: 4, boolean: 5, user: 6, channel: 7, role: 8, number: 10, attachment: 11 } as const;

export function normalizeOptions(options: OptionInput[] | Record<string, OptionShorthand> | undefined): OptionInput[] {
  if (options === undefined) return [];
  if (Array.isArray(options)) return options;
  return Object.entries(options).map(([name, value]): OptionInput => {
    if (typeof value === 'string') return { type: 'string', name, value };
    if (typeof value === 'boolean') return { type: 'boolean', name, value };
    if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number', name, value };
    return { type: 'user', name, user: value };
  });
}

export interface BuiltOptions {
  options: JsonObject[];
  resolved: JsonObject | null;
}

/** Discord's wire form of the options plus the `resolved` map for users, members, channels, roles, files. */
export function buildOptions(
  world: World,
  guild: StandinGuild | null,
  inputs: OptionInput[],
  baseUrl: string,
  focused?: string,
): BuiltOptions {
  const resolved: Record<string, Record<string, JsonObject>> = {};
  const put = (kind: string, id: string, value: JsonObject) => {
    resolved[kind] = { ...(resolved[kind] ?? {}), [id]: value };
  };
  const options = inputs.map((input): JsonObject => {
    const base = { name: input.name, type: TYPE_CODES[input.type], ...(input.name === focused ? { focused: true } : {}) };
    switch (input.type) {
      case 'string':
      case 'integer':
      case 'number':
      case 'boolean':
        return { ...base, value: input.value };
      case 'user': {
        if (!world.users.has(input.user.id)) world.users.set(input.user.id, input.user);
        put('users', input.user.id, userJson(input.user));
        const member = guild?.members.get(input.user.id);
        if (member) put('members', input.user.id, memberJson(world, member, { user: false, permissions: true }));
        return { ...base, value: input.user.id };
      }
      case 'channel': {
        const channel = world.channels.get(input.channelId);
        if (!channel) throw new Error(`stand-in has no channel ${input.channelId}`);
        put('channels', channel.id, { ...channelJson(world, channel), permissions: '0' });
        return { ...base, value: channel.id };
      }
      case 'role': {
        const role = guild?.roles.find((r) => r.id === input.roleId);
        if (!role) throw new Error(`stand-in guild has no role ${input.roleId}`);
        put('roles', role.id, roleJson(role));
        return { ...base, value: role.id };
      }
      case 'attachment': {
        const data = typeof input.content === 'string' ? Buffer.from(input.content) : input.content;
        const attachment = world.addAttachment(input.filename, data, input.contentType ?? null);
        put('attachments', attachment.id, attachmentJson(attachment, baseUrl));
        return { ...base, value: attachment.id };
      }
    }
  });
  if (focused !== undefined && !options.some((o) => o.focused === true)) {
    throw new Error(`autocomplete: no option named ${focused} among the given options`);
  }
  return { options, resolved: Object.keys(resolved).length > 0 ? resolved : null };
}

/** Wraps options in the subcommand / subcommand-group structure Discord sends. */
export function nestOptions(options: JsonObject[], subcommand?: string, group?: string): JsonObject[] {
  if (subcommand === undefined) {
    if (group !== undefined) throw new Error('a subcommand group needs a subcommand');
    return options;
  }
  const sub: JsonObject = { type: 1, name: subcommand, options };
  return group === undefined ? [sub] : [{ type: 2, name: group, options: [sub] }];
}
