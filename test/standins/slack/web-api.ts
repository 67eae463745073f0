// Web API methods of the stand-in. Answers follow Slack: HTTP 200 with `{ ok: true, … }` or `{ ok: false, error }`.
import { blockProblems, MAX_MESSAGE_BLOCKS, MAX_MESSAGE_TEXT, viewProblems } from './blocks.ts';
import type { Teams } from './teams.ts';
import type { IssuedTokens } from './triggers.ts';
import type { Json, MethodHandler, StandinIdentity } from './types.ts';
import type { StoredView, Workspace } from './workspace.ts';

export interface WebApiContext {
  identity: StandinIdentity;
  workspace: Workspace;
  tokens: IssuedTokens;
  handlers: Map<string, MethodHandler>;
  teams: Teams;
  /** `http://127.0.0.1:PORT` */
  baseUrl: () => string;
  /** A fresh single-use Socket Mode URL. */
  socketUrl: () => string;
}

type Method = (ctx: WebApiContext, body: Json) => Json;

function fail(error: string, messages?: string[]): Json {
  return messages && messages.length > 0 ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const postMessage: Method = ({ identity, workspace }, body) => {
  const channel = str(body.channel);
  if (!channel) return fail('channel_not_found');
  const text = typeof body.text === 'string' ? body.text : undefined;
  if (!text && body.blocks === undefined && body.attachments === undefined) return fail('no_text');
  if (text && text.length > MAX_MESSAGE_TEXT) return fail('msg_too_long');
  const problems = blockProblems(body.blocks, MAX_MESSAGE_BLOCKS);
  if (problems.length > 0) return fail('invalid_blocks', problems);
  const metadata = body.metadata === undefined ? undefined : metadataOf(body.metadata);
  if (metadata === null) return fail('invalid_metadata_format');
  const message = workspace.rememberMessage({
    channel: workspace.resolveChannel(channel),
    ts: workspace.nextTs(),
    text,
    blocks: body.blocks,
    user: identity.botUserId,
    ...(str(body.thread_ts) ? { thread_ts: str(body.thread_ts) } : {}),
    ...(metadata ? { metadata } : {}),
  });
  return {
    ok: true,
    channel: message.channel,
    ts: message.ts,
    message: { type: 'message', text, blocks: body.blocks, user: identity.botUserId, bot_id: identity.botId, ts: message.ts, ...(metadata ? { metadata } : {}) },
  };
};

/** Slack's event metadata: an `event_type` string and an `event_payload` object; null when malformed. */
function metadataOf(value: unknown): Json | null {
  if (!isObject(value) || typeof value.event_type !== 'string' || !isObject(value.event_payload)) return null;
  return { event_type: value.event_type, event_payload: value.event_payload };
}

/**
 * conversations.history: a channel's messages newest first, after `oldest` (a ts) when given, at most `limit`
 * (default 100); each message's metadata only with include_all_metadata, as Slack does.
 */
const conversationsHistory: Method = ({ workspace }, body) => {
  const channel = str(body.channel);
  if (!channel) return fail('channel_not_found');
  const resolved = workspace.resolveChannel(channel);
  const oldest = Number(str(body.oldest) ?? body.oldest ?? 0);
  const limit = Math.min(Math.max(Number(body.limit ?? 100) || 100, 1), 999);
  const withMetadata = body.include_all_metadata === true || body.include_all_metadata === 'true';
  const messages = [...workspace.messages.values()]
    .filter((m) => m.channel === resolved && Number(m.ts) > oldest)
    .sort((a, b) => Number(b.ts) - Number(a.ts))
    .slice(0, limit)
    .map((m) => ({ type: 'message', ts: m.ts, user: m.user, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
  return { ok: true, messages, has_more: false };
};

const postEphemeral: Method = ({ workspace }, body) => {
  if (!str(body.channel)) return fail('channel_not_found');
  if (!str(body.user)) return fail('user_not_found');
  if (!str(body.text) && body.blocks === undefined && body.attachments === undefined) return fail('no_text');
  const problems = blockProblems(body.blocks, MAX_MESSAGE_BLOCKS);
  if (problems.length > 0) return fail('invalid_blocks', problems);
  return { ok: true, message_ts: workspace.nextTs() };
};

const update: Method = ({ workspace }, body) => {
  const channel = str(body.channel);
  const ts = str(body.ts);
  if (!channel) return fail('channel_not_found');
  const message = ts ? workspace.message(channel, ts) : undefined;
  if (!message) return fail('message_not_found');
  const problems = blockProblems(body.blocks, MAX_MESSAGE_BLOCKS);
  if (problems.length > 0) return fail('invalid_blocks', problems);
  if (typeof body.text === 'string') message.text = body.text;
  if (body.blocks !== undefined) message.blocks = body.blocks;
  return { ok: true, channel: message.channel, ts: message.ts, text: message.text, message: { ...message } };
};

const deleteMessage: Method = ({ workspace }, body) => {
  const channel = str(body.channel);
  const ts = str(body.ts);
  const message = channel && ts ? workspace.message(channel, ts) : undefined;
  if (!message) return fail('message_not_found');
  workspace.messages.delete(`${message.channel}|${message.ts}`);
  return { ok: true, channel: message.channel, ts: message.ts };
};

const conversationsOpen: Method = ({ workspace }, body) => {
  const users = str(body.users)?.split(',').map((id) => id.trim()) ?? [];
  if (users.length === 0) return fail('users_list_not_supplied');
  const unknown = users.find((id) => !workspace.users.has(id));
  if (unknown) return fail('user_not_found');
  const id = users.length === 1 && users[0] ? workspace.dmChannelId(users[0]) : `G${users.join('').replace(/[UW]/g, '')}`;
  return { ok: true, channel: { id, is_im: users.length === 1 } };
};

const usersInfo: Method = ({ identity, workspace }, body) => {
  const user = workspace.users.get(str(body.user) ?? '');
  return user ? { ok: true, user: workspace.userInfo(user, identity.teamId) } : fail('user_not_found');
};

function viewAnswer(ctx: WebApiContext, view: Json, id: string, previous?: StoredView): Json {
  const stored: StoredView = {
    ...view,
    id,
    hash: ctx.workspace.newHash(),
    team_id: ctx.identity.teamId,
    app_id: ctx.identity.appId,
    bot_id: ctx.identity.botId,
    root_view_id: previous?.root_view_id ?? id,
    previous_view_id: null,
    callback_id: typeof view.callback_id === 'string' ? view.callback_id : '',
    private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
    external_id: typeof view.external_id === 'string' ? view.external_id : '',
    state: { values: {} },
  };
  ctx.workspace.views.set(id, stored);
  return { ok: true, view: stored };
}

const viewsOpenOrPush: Method = (ctx, body) => {
  const triggerCheck = ctx.tokens.exchangeTrigger(body.trigger_id);
  if (triggerCheck !== 'ok') return fail(triggerCheck);
  const problems = viewProblems(body.view);
  if (problems.length > 0 || !isObject(body.view)) return fail('invalid_arguments', problems);
  return viewAnswer(ctx, body.view, ctx.workspace.nextId('V'));
};

// Real Slack needs no trigger_id here: the view id (or external id) is the handle.
const viewsUpdate: Method = (ctx, body) => {
  const viewId = str(body.view_id);
  const externalId = str(body.external_id);
  const existing = viewId
    ? ctx.workspace.views.get(viewId)
    : [...ctx.workspace.views.values()].find((view) => externalId && view.external_id === externalId);
  if (!existing) return fail('not_found');
  if (str(body.hash) && body.hash !== existing.hash) return fail('hash_conflict');
  const problems = viewProblems(body.view);
  if (problems.length > 0 || !isObject(body.view)) return fail('invalid_arguments', problems);
  return viewAnswer(ctx, body.view, existing.id, existing);
};

// views.publish: a member's Home tab. No trigger: the user id is the handle; one home view per user.
const viewsPublish: Method = (ctx, body) => {
  const userId = str(body.user_id);
  if (!userId || !ctx.workspace.users.has(userId)) return fail('invalid_arguments', ['invalid `user_id`']);
  if (!ctx.workspace.homeTabEnabled) return fail('not_enabled');
  if (!isObject(body.view) || body.view.type !== 'home') return fail('invalid_arguments', ['[ERROR] view.type must be home']);
  if (JSON.stringify(body.view).length > 250_000) return fail('view_too_large');
  const problems = viewProblems(body.view);
  if (problems.length > 0) return fail('invalid_arguments', problems);
  const previous = ctx.workspace.homes.get(userId);
  if (str(body.hash) && previous && body.hash !== previous.hash) return fail('hash_conflict');
  const answered = viewAnswer(ctx, body.view, previous?.id ?? ctx.workspace.nextId('V'), previous);
  ctx.workspace.homes.set(userId, answered.view as StoredView);
  return answered;
};

const getUploadUrl: Method = (ctx, body) => {
  const filename = str(body.filename);
  const length = Number(body.length);
  if (!filename || !Number.isInteger(length) || length <= 0) return fail('invalid_arguments');
  const fileId = ctx.workspace.nextId('F');
  ctx.workspace.uploads.set(fileId, { filename, length });
  return { ok: true, upload_url: `${ctx.baseUrl()}/upload/${fileId}`, file_id: fileId };
};

const completeUpload: Method = ({ workspace }, body) => {
  const files = Array.isArray(body.files) ? body.files.filter(isObject) : [];
  if (files.length === 0) return fail('invalid_arguments');
  const done: Json[] = [];
  for (const file of files) {
    const id = str(file.id);
    const upload = id ? workspace.uploads.get(id) : undefined;
    if (!id || !upload || upload.content === undefined) return fail('file_not_found');
    done.push({ id, title: str(file.title) ?? upload.filename, name: upload.filename, size: upload.length });
  }
  return { ok: true, files: done };
};

const METHODS: Record<string, Method> = {
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': deleteMessage,
  'conversations.open': conversationsOpen,
  'conversations.history': conversationsHistory,
  'users.info': usersInfo,
  'views.open': viewsOpenOrPush,
  'views.push': viewsOpenOrPush,
  'views.update': viewsUpdate,
  'views.publish': viewsPublish,
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
  'apps.connections.open': (ctx) => ({ ok: true, url: ctx.socketUrl() }),
};

/** auth.test for the token's own workspace. */
function authTest(ctx: WebApiContext, token: string | undefined): Json {
  const teamId = ctx.teams.botToken(token)?.teamId ?? ctx.identity.teamId;
  const domain = ctx.teams.teams.get(teamId)?.domain ?? ctx.identity.teamDomain;
  return {
    ok: true,
    url: `https://${domain}.slack.com/`,
    team: domain,
    user: 'breather',
    team_id: teamId,
    user_id: ctx.identity.botUserId,
    bot_id: ctx.identity.botId,
    is_enterprise_install: false,
  };
}

/** conversations.info: a channel the bot can see (public, or private with the bot in it); needs the read scopes. */
function conversationsInfo(ctx: WebApiContext, body: Json, token: string | undefined): Json {
  const channel = ctx.workspace.channels.get(str(body.channel) ?? '');
  const scopes = ctx.teams.botToken(token)?.scopes ?? [];
  const needed = channel?.is_private ? 'groups:read' : 'channels:read';
  if (!scopes.includes(needed)) return { ok: false, error: 'missing_scope', needed, provided: scopes.join(',') };
  if (!channel || (channel.is_private && !channel.is_member)) return fail('channel_not_found');
  return {
    ok: true,
    channel: {
      id: channel.id,
      name: channel.name,
      is_channel: !channel.is_private,
      is_group: false,
      is_private: channel.is_private ?? false,
      is_archived: channel.is_archived ?? false,
      is_member: channel.is_member ?? false,
    },
  };
}

/** Answers a Web API call whose token was already accepted and whose faults were already applied. */
export function answerMethod(ctx: WebApiContext, method: string, body: Json, call: { token: string | undefined; at: number }): Json {
  const custom = ctx.handlers.get(method);
  if (custom) return custom(body, call);
  if (method === 'auth.test') return authTest(ctx, call.token);
  if (method === 'oauth.v2.access') return ctx.teams.access(body);
  if (method === 'conversations.info') return conversationsInfo(ctx, body, call.token);
  const builtIn = METHODS[method];
  return builtIn ? builtIn(ctx, body) : { ok: false, error: 'unknown_method', req_method: method };
}
