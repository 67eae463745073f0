import { DiscordError, asObject, errors } from './http-util.ts';
import { channelJson } from './payloads.ts';
import { Perm } from './permissions.ts';
import type { Route, RouteContext, RouteResult } from './router.ts';
import { snowflake } from './snowflake.ts';
import type { StandinChannel, StandinGuild } from './types.ts';

// Threads as Discord documents them: "Start Thread without Message" (POST /channels/{id}/threads), "Add Thread Member"
// (PUT /channels/{thread}/thread-members/{user}), "Modify Channel" for a thread (archived, locked) and "List Active
// Guild Threads" (GET /guilds/{id}/threads/active). Checked like Discord checks them: the bot's permissions (Create Private Threads, Manage Threads), the parent channel's type,
// the name's length, the allowed auto-archive durations, members of the guild only, nothing added to a closed thread.

const THREAD_TYPES = new Set([10, 11, 12]);
const ARCHIVE_MINUTES = new Set([60, 1440, 4320, 10080]);

function channelOf(ctx: RouteContext): StandinChannel {
  const channel = ctx.world.channels.get(ctx.params.channelId ?? '');
  if (!channel) throw errors.unknownChannel();
  return channel;
}

function guildOf(ctx: RouteContext, channel: StandinChannel): StandinGuild {
  const guild = channel.guildId ? ctx.world.guilds.get(channel.guildId) : undefined;
  if (!guild) throw errors.missingAccess();
  return guild;
}

/** The bot's permissions in a guild (channel overwrites are not modelled). */
export function botHas(ctx: RouteContext, guild: StandinGuild, bits: bigint): boolean {
  const me = guild.members.get(ctx.world.bot.id);
  return me !== undefined && (me.permissions & bits) === bits;
}

function threadJson(ctx: RouteContext, thread: StandinChannel): Record<string, unknown> {
  return { ...channelJson(ctx.world, thread), newly_created: true };
}

const startThread = (ctx: RouteContext): RouteResult => {
  const parent = channelOf(ctx);
  const guild = guildOf(ctx, parent);
  const body = asObject(ctx.body);
  const type = typeof body.type === 'number' ? body.type : 12; // v10: private unless said otherwise
  const name = typeof body.name === 'string' ? body.name : '';
  const problems: Record<string, string> = {};
  if ([...name].length < 1 || [...name].length > 100) problems.name = 'Must be between 1 and 100 in length.';
  if (!THREAD_TYPES.has(type)) problems.type = 'Value must be one of {10, 11, 12}.';
  if (body.auto_archive_duration !== undefined && !ARCHIVE_MINUTES.has(Number(body.auto_archive_duration))) {
    problems.auto_archive_duration = 'Value must be one of {60, 1440, 4320, 10080}.';
  }
  if (body.invitable !== undefined && typeof body.invitable !== 'boolean') problems.invitable = 'Must be a boolean.';
  if (Object.keys(problems).length > 0) throw errors.invalidForm(problems);
  if (!botHas(ctx, guild, Perm.ViewChannel)) throw errors.missingAccess();
  // Private threads live in text channels only; announcement channels get announcement threads.
  if (parent.type !== 0 || (type === 12 && parent.type !== 0)) throw errors.wrongChannelType();
  const needed = type === 12 ? Perm.CreatePrivateThreads : Perm.CreatePublicThreads;
  if (!botHas(ctx, guild, needed | Perm.SendMessagesInThreads)) throw errors.missingPermissions();
  const thread: StandinChannel = {
    id: snowflake(),
    type,
    name,
    guildId: guild.id,
    recipientId: null,
    position: 0,
    thread: {
      parentId: parent.id,
      ownerId: ctx.world.bot.id,
      archived: false,
      locked: false,
      invitable: type === 12 ? body.invitable !== false : true,
      autoArchiveMinutes: Number(body.auto_archive_duration ?? 4320),
      members: new Set([ctx.world.bot.id]),
      createdAt: new Date().toISOString(),
    },
  };
  ctx.world.channels.set(thread.id, thread);
  ctx.gatewayEvent('THREAD_CREATE', threadJson(ctx, thread));
  return { status: 201, body: threadJson(ctx, thread) };
};

const addThreadMember = (ctx: RouteContext): RouteResult => {
  const channel = channelOf(ctx);
  const thread = channel.thread;
  if (!thread || !THREAD_TYPES.has(channel.type)) throw errors.wrongChannelType();
  const guild = guildOf(ctx, channel);
  if (thread.archived) throw errors.threadLocked();
  if (!guild.members.has(ctx.params.userId ?? '')) throw errors.unknownMember();
  const moderator = botHas(ctx, guild, Perm.ManageThreads);
  if (!thread.members.has(ctx.world.bot.id) && !moderator) throw errors.missingAccess();
  // In a private thread nobody invitable: only moderators may add people.
  if (channel.type === 12 && !thread.invitable && !moderator) throw errors.missingPermissions();
  if (!botHas(ctx, guild, Perm.SendMessagesInThreads)) throw errors.missingPermissions();
  thread.members.add(ctx.params.userId ?? '');
  return { status: 204 };
};

const modifyChannel = (ctx: RouteContext): RouteResult => {
  const channel = channelOf(ctx);
  const thread = channel.thread;
  const body = asObject(ctx.body);
  if (!thread) {
    // Only threads are changed here; a bot changing a real channel needs Manage Channels, which it never asks for.
    throw errors.missingPermissions();
  }
  const guild = guildOf(ctx, channel);
  const moderator = botHas(ctx, guild, Perm.ManageThreads);
  const archiving = body.archived === true || body.locked === true;
  if (body.locked === true && !moderator) throw errors.missingPermissions();
  if (archiving && !moderator && thread.ownerId !== ctx.world.bot.id) throw errors.missingPermissions();
  if (thread.locked && !moderator) throw errors.threadLocked();
  if (typeof body.archived === 'boolean') thread.archived = body.archived;
  if (typeof body.locked === 'boolean') thread.locked = body.locked;
  if (typeof body.name === 'string') {
    if ([...body.name].length < 1 || [...body.name].length > 100) throw new DiscordError(400, 50035, 'Invalid Form Body');
    channel.name = body.name;
  }
  ctx.gatewayEvent('THREAD_UPDATE', channelJson(ctx.world, channel));
  return { status: 200, body: channelJson(ctx.world, channel) };
};

/**
 * Every thread of the server that is not archived, newest first (Discord orders them by id, descending), and a thread
 * member object for each the bot has joined. A private thread shows only to its members and to moderators.
 */
const activeThreads = (ctx: RouteContext): RouteResult => {
  const guild = ctx.world.guilds.get(ctx.params.guildId ?? '');
  if (!guild) throw errors.unknownGuild();
  if (!guild.members.has(ctx.world.bot.id)) throw errors.missingAccess();
  const botId = ctx.world.bot.id;
  const moderator = botHas(ctx, guild, Perm.ManageThreads);
  const threads = [...ctx.world.channels.values()]
    .filter((c) => c.guildId === guild.id && c.thread && !c.thread.archived && (c.type !== 12 || moderator || c.thread.members.has(botId)))
    .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
  const members = threads
    .filter((c) => c.thread?.members.has(botId))
    .map((c) => ({ id: c.id, user_id: botId, join_timestamp: c.thread?.createdAt, flags: 0 }));
  return { status: 200, body: { threads: threads.map((c) => channelJson(ctx.world, c)), members } };
};

export const threadRoutes: Route[] = [
  { method: 'GET', template: '/guilds/:guildId/threads/active', auth: true, handle: activeThreads },
  { method: 'POST', template: '/channels/:channelId/threads', auth: true, handle: startThread },
  { method: 'PUT', template: '/channels/:channelId/thread-members/:userId', auth: true, handle: addThreadMember },
  { method: 'PATCH', template: '/channels/:channelId', auth: true, handle: modifyChannel },
];
