import { commandRoutes } from './commands.ts';
import { DiscordError, asObject, errors } from './http-util.ts';
import { createMessage, editMessage } from './messages.ts';
import { channelJson, guildCreateJson, memberJson, messageJson, userJson } from './payloads.ts';
import { Perm, permissionsIn } from './permissions.ts';
import type { Route, RouteContext, RouteResult } from './router.ts';
import type { StandinChannel, StoredMessage } from './types.ts';

function channelOf(ctx: RouteContext): StandinChannel {
  const channel = ctx.world.channels.get(ctx.params.channelId ?? '');
  if (!channel) throw errors.unknownChannel();
  return channel;
}

function messageOf(ctx: RouteContext, channel: StandinChannel): StoredMessage {
  const message = ctx.world.messages.get(ctx.params.messageId ?? '');
  if (!message || message.deleted || message.channelId !== channel.id) throw errors.unknownMessage();
  return message;
}

function ok(body: unknown): RouteResult {
  return { status: 200, body };
}

const gatewayBot = (ctx: RouteContext): RouteResult =>
  ok({
    url: ctx.baseUrl.replace(/^http/, 'ws'),
    shards: ctx.world.recommendedShards,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: ctx.world.maxConcurrency },
  });

/** How long Discord remembers a nonce for enforce_nonce: "the past few minutes". */
export const NONCE_WINDOW_MS = 5 * 60_000;

/**
 * A message created with the same nonce by the same author within the window, when the body asks for
 * `enforce_nonce`: Discord then returns that message instead of creating another. Discord documents the check per
 * author, not per channel, so a nonce repeated in another channel is answered with the first message too.
 */
function sameNonce(ctx: RouteContext): StoredMessage | undefined {
  const body = asObject(ctx.body);
  if (body.enforce_nonce !== true || (typeof body.nonce !== 'string' && typeof body.nonce !== 'number')) return undefined;
  const nonce = String(body.nonce);
  const since = Date.now() - NONCE_WINDOW_MS;
  return [...ctx.world.messages.values()].find((m) => m.authorId === ctx.world.bot.id && m.nonce === nonce && Date.parse(m.createdAt) >= since);
}

const sendMessage = (ctx: RouteContext): RouteResult => {
  const channel = channelOf(ctx);
  if (channel.type === 1 && channel.recipientId && ctx.world.dmRefusers.has(channel.recipientId)) {
    throw errors.cannotDm();
  }
  const repeated = sameNonce(ctx);
  if (repeated) return ok(messageJson(ctx.world, repeated, ctx.baseUrl));
  // A channel whose overwrites take View Channel or Send Messages from the bot refuses it, as Discord does.
  const guild = channel.guildId ? ctx.world.guilds.get(channel.guildId) : undefined;
  const member = guild?.members.get(ctx.world.bot.id);
  if (guild && member && channel.overwrites?.length) {
    const bits = permissionsIn(guild, member, channel.overwrites);
    if ((bits & Perm.ViewChannel) === 0n) throw errors.missingAccess();
    if ((bits & Perm.SendMessages) === 0n) throw errors.missingPermissions();
  }
  if (channel.thread) {
    // A locked thread takes no messages; an archived one reopens when someone posts. A private one: members only.
    if (channel.thread.locked) throw errors.threadLocked();
    if (channel.type === 12 && !channel.thread.members.has(ctx.world.bot.id)) throw errors.missingAccess();
    channel.thread.archived = false;
  }
  const message = createMessage(ctx.world, {
    channelId: channel.id,
    guildId: channel.guildId,
    authorId: ctx.world.bot.id,
    body: ctx.body,
    files: ctx.files,
  });
  ctx.messageChanged('created', message);
  return ok(messageJson(ctx.world, message, ctx.baseUrl));
};

const editChannelMessage = (ctx: RouteContext): RouteResult => {
  const message = messageOf(ctx, channelOf(ctx));
  if (message.authorId !== ctx.world.bot.id) {
    throw new DiscordError(403, 50005, 'Cannot edit a message authored by another user');
  }
  editMessage(ctx.world, message, ctx.body, ctx.files);
  ctx.messageChanged('edited', message);
  return ok(messageJson(ctx.world, message, ctx.baseUrl));
};

const deleteChannelMessage = (ctx: RouteContext): RouteResult => {
  const message = messageOf(ctx, channelOf(ctx));
  message.deleted = true;
  ctx.messageChanged('deleted', message);
  return { status: 204 };
};

const openDm = (ctx: RouteContext): RouteResult => {
  const recipientId = String(asObject(ctx.body).recipient_id ?? '');
  if (!ctx.world.users.has(recipientId)) throw errors.unknownUser();
  return ok(channelJson(ctx.world, ctx.world.dmChannel(recipientId)));
};

const getGuild = (ctx: RouteContext): RouteResult => {
  const guild = ctx.world.guilds.get(ctx.params.guildId ?? '');
  if (!guild) throw errors.unknownGuild();
  const { members: _m, channels: _c, voice_states: _v, presences: _p, threads: _t, ...rest } = guildCreateJson(
    ctx.world,
    guild,
    false,
  );
  return ok(rest);
};

const getMember = (ctx: RouteContext): RouteResult => {
  const guild = ctx.world.guilds.get(ctx.params.guildId ?? '');
  if (!guild) throw errors.unknownGuild();
  const member = guild.members.get(ctx.params.userId ?? '');
  if (!member) throw errors.unknownMember();
  return ok(memberJson(ctx.world, member));
};

const application = (ctx: RouteContext): RouteResult =>
  ok({
    id: ctx.world.applicationId,
    name: ctx.world.bot.username,
    icon: null,
    description: '',
    summary: '',
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: userJson([...ctx.world.users.values()].find((u) => !u.bot) ?? ctx.world.bot),
    bot: userJson(ctx.world.bot),
  });

export const restRoutes: Route[] = [
  { method: 'GET', template: '/gateway/bot', auth: true, handle: gatewayBot },
  { method: 'GET', template: '/gateway', auth: false, handle: (ctx) => ok({ url: asObject(gatewayBot(ctx).body).url }) },
  {
    method: 'GET',
    template: '/users/@me',
    auth: true,
    handle: (ctx) => ok({ ...userJson(ctx.world.bot), verified: true, mfa_enabled: false, locale: 'en-US' }),
  },
  { method: 'POST', template: '/users/@me/channels', auth: true, handle: openDm },
  {
    method: 'GET',
    template: '/users/:userId',
    auth: true,
    handle: (ctx) => {
      const user = ctx.world.users.get(ctx.params.userId ?? '');
      if (!user) throw errors.unknownUser();
      return ok(userJson(user));
    },
  },
  { method: 'GET', template: '/applications/@me', auth: true, handle: application },
  ...commandRoutes,
  { method: 'GET', template: '/channels/:channelId', auth: true, handle: (ctx) => ok(channelJson(ctx.world, channelOf(ctx))) },
  { method: 'POST', template: '/channels/:channelId/messages', auth: true, handle: sendMessage },
  {
    method: 'GET',
    template: '/channels/:channelId/messages/:messageId',
    auth: true,
    handle: (ctx) => ok(messageJson(ctx.world, messageOf(ctx, channelOf(ctx)), ctx.baseUrl)),
  },
  { method: 'PATCH', template: '/channels/:channelId/messages/:messageId', auth: true, handle: editChannelMessage },
  { method: 'DELETE', template: '/channels/:channelId/messages/:messageId', auth: true, handle: deleteChannelMessage },
  { method: 'GET', template: '/guilds/:guildId', auth: true, handle: getGuild },
  {
    method: 'GET',
    template: '/guilds/:guildId/channels',
    auth: true,
    handle: (ctx) => {
      const guild = ctx.world.guilds.get(ctx.params.guildId ?? '');
      if (!guild) throw errors.unknownGuild();
      return ok(guild.channels.map((c) => channelJson(ctx.world, c)));
    },
  },
  { method: 'GET', template: '/guilds/:guildId/members/:userId', auth: true, handle: getMember },
];
