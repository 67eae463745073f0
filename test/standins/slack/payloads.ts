// Builders for what Slack sends an app. Each issues a fresh trigger_id and response_url on the stand-in.
import { randomUUID } from 'node:crypto';
import type { IssuedTokens } from './triggers.ts';
import type { Json, RecordedCall, StandinIdentity } from './types.ts';
import type { Workspace } from './workspace.ts';

export interface SlashCommandInput {
  command: string;
  text?: string;
  user_id: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
}

export interface ButtonPressInput {
  action_id: string;
  user_id: string;
  value?: string;
  block_id?: string;
  /** Button label. */
  text?: string;
  channel_id?: string;
  /** The message holding the button; default: a fresh message the stand-in remembers (so chat.update works). */
  message?: { ts: string; text?: string; blocks?: unknown };
  /** A recorded chat.postMessage / chat.update / chat.postEphemeral / response_url call: press its button. */
  from?: RecordedCall;
}

export interface ViewSubmissionInput {
  user_id: string;
  /** An opened view (views.open answer) to submit; its callback_id / private_metadata / blocks are used. */
  view_id?: string;
  /** A recorded views.open / views.update / views.push call whose view is submitted. */
  from?: RecordedCall;
  callback_id?: string;
  private_metadata?: string;
  /** `{ block_id: { action_id: 'typed text' | raw state entry } }` */
  values?: Record<string, Record<string, string | Json>>;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function findButton(blocks: unknown, actionId: string): { element: Json; blockId: string | undefined } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks.filter(isObject)) {
    const elements = Array.isArray(block.elements) ? block.elements : [block.accessory];
    const element = elements.filter(isObject).find((e) => e.action_id === actionId);
    if (element) return { element, blockId: typeof block.block_id === 'string' ? block.block_id : undefined };
  }
  return undefined;
}

export class PayloadBuilder {
  readonly #identity: StandinIdentity;
  readonly #tokens: IssuedTokens;
  readonly #workspace: Workspace;
  readonly #baseUrl: () => string;
  readonly #now: () => number;

  constructor(identity: StandinIdentity, tokens: IssuedTokens, workspace: Workspace, baseUrl: () => string, now: () => number) {
    this.#identity = identity;
    this.#tokens = tokens;
    this.#workspace = workspace;
    this.#baseUrl = baseUrl;
    this.#now = now;
  }

  /** A fresh response_url on the stand-in (30 min, 5 uses). */
  responseUrl(): string {
    return `${this.#baseUrl()}/response/${this.#tokens.issueResponseUrlId()}`;
  }

  slashCommand(input: SlashCommandInput): Json {
    const { teamId, teamDomain, appId } = this.#identity;
    return {
      token: 'standin-verification-token',
      team_id: teamId,
      team_domain: teamDomain,
      channel_id: input.channel_id ?? 'C0GENERAL',
      channel_name: input.channel_name ?? 'general',
      user_id: input.user_id,
      user_name: input.user_name ?? this.#userName(input.user_id),
      command: input.command,
      text: input.text ?? '',
      api_app_id: appId,
      is_enterprise_install: 'false',
      response_url: this.responseUrl(),
      trigger_id: this.#tokens.issueTrigger(),
    };
  }

  /** block_actions for one button press on a message. */
  buttonPress(input: ButtonPressInput): Json {
    const source = input.from;
    const sourceBlocks = source?.body.blocks ?? input.message?.blocks;
    const found = findButton(sourceBlocks, input.action_id);
    if (source && !found) throw new Error(`slack stand-in: no button ${input.action_id} in call ${source.seq} (${source.method})`);
    const ephemeral = source?.method === 'chat.postEphemeral' || source?.method === 'response_url';
    const channelId = this.#sourceChannel(source) ?? input.channel_id ?? 'C0GENERAL';
    const ts = this.#sourceTs(source) ?? input.message?.ts ?? this.#workspace.nextTs();
    const text = source && typeof source.body.text === 'string' ? source.body.text : input.message?.text;
    if (!source && !input.message) {
      this.#workspace.rememberMessage({ channel: channelId, ts, text, blocks: undefined, user: this.#identity.botUserId });
    }
    const button = found?.element;
    const buttonText = input.text ?? (isObject(button?.text) ? button.text.text : undefined) ?? input.action_id;
    const value = input.value ?? (typeof button?.value === 'string' ? button.value : undefined);
    return {
      ...this.#common('block_actions', input.user_id),
      container: { type: 'message', message_ts: ts, channel_id: channelId, is_ephemeral: ephemeral },
      channel: { id: channelId, name: channelId === 'C0GENERAL' ? 'general' : channelId },
      ...(ephemeral
        ? {}
        : { message: { type: 'message', ts, text, blocks: sourceBlocks, user: this.#identity.botUserId, bot_id: this.#identity.botId } }),
      state: { values: {} },
      response_url: this.responseUrl(),
      actions: [
        {
          type: 'button',
          action_id: input.action_id,
          block_id: input.block_id ?? found?.blockId ?? 'standin-block',
          text: { type: 'plain_text', text: buttonText, emoji: true },
          ...(value !== undefined ? { value } : {}),
          action_ts: (this.#now() / 1000).toFixed(6),
        },
      ],
    };
  }

  viewSubmission(input: ViewSubmissionInput): Json {
    const fromView = input.from && isObject(input.from.response.view) ? input.from.response.view : undefined;
    const viewId = input.view_id ?? (typeof fromView?.id === 'string' ? fromView.id : undefined);
    const stored = viewId ? this.#workspace.views.get(viewId) : undefined;
    if (viewId && !stored) throw new Error(`slack stand-in: no view ${viewId} was opened`);
    const values: Record<string, Record<string, Json>> = {};
    for (const [blockId, actions] of Object.entries(input.values ?? {})) {
      values[blockId] = {};
      for (const [actionId, entry] of Object.entries(actions)) {
        values[blockId][actionId] = typeof entry === 'string' ? { type: 'plain_text_input', value: entry } : entry;
      }
    }
    const view: Json = {
      id: viewId ?? this.#workspace.nextId('V'),
      team_id: this.#identity.teamId,
      type: 'modal',
      title: { type: 'plain_text', text: 'Stand-in' },
      blocks: [],
      hash: this.#workspace.newHash(),
      app_id: this.#identity.appId,
      bot_id: this.#identity.botId,
      previous_view_id: null,
      external_id: '',
      ...stored,
      callback_id: input.callback_id ?? stored?.callback_id ?? '',
      private_metadata: input.private_metadata ?? stored?.private_metadata ?? '',
      state: { values },
    };
    return { ...this.#common('view_submission', input.user_id), view, response_urls: [] };
  }

  /** An Events API callback around `event` (what Socket Mode puts in the envelope and HTTP mode POSTs as JSON). */
  eventCallback(event: Json): Json {
    const { teamId, appId, botUserId } = this.#identity;
    return {
      token: 'standin-verification-token',
      team_id: teamId,
      api_app_id: appId,
      event: { event_ts: (this.#now() / 1000).toFixed(6), ...event },
      type: 'event_callback',
      event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      event_time: Math.floor(this.#now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: teamId, user_id: botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    };
  }

  /** A person typing in a channel (or a DM: channel_type 'im'). */
  messageEvent(input: { user: string; channel: string; text: string; channel_type?: 'channel' | 'im'; thread_ts?: string }): Json {
    const ts = this.#workspace.nextTs();
    return this.eventCallback({ type: 'message', channel_type: 'channel', ...input, ts });
  }

  /** The member opened the app's Home tab (or its Messages tab). */
  appHomeOpened(input: { user: string; tab?: 'home' | 'messages' }): Json {
    const home = [...this.#workspace.homes.entries()].find(([user]) => user === input.user)?.[1];
    return this.eventCallback({
      type: 'app_home_opened',
      user: input.user,
      channel: this.#workspace.dmChannelId(input.user),
      tab: input.tab ?? 'home',
      ...(home && (input.tab ?? 'home') === 'home' ? { view: home } : {}),
    });
  }

  /** A global shortcut picked from the ⚡ menu. */
  globalShortcut(input: { callback_id: string; user_id: string }): Json {
    const { type: _type, ...common } = this.#common('shortcut', input.user_id);
    return { type: 'shortcut', ...common, callback_id: input.callback_id, action_ts: (this.#now() / 1000).toFixed(6) };
  }

  /** A message shortcut picked from a message's ⋮ menu. */
  messageShortcut(input: { callback_id: string; user_id: string; channel_id?: string; channel_name?: string; message: { user?: string; text: string; ts?: string } }): Json {
    const { type: _type, ...common } = this.#common('message_action', input.user_id);
    const ts = input.message.ts ?? this.#workspace.nextTs();
    return {
      type: 'message_action',
      ...common,
      callback_id: input.callback_id,
      action_ts: (this.#now() / 1000).toFixed(6),
      message_ts: ts,
      response_url: this.responseUrl(),
      channel: { id: input.channel_id ?? 'C0GENERAL', name: input.channel_name ?? 'general' },
      message: { type: 'message', ts, text: input.message.text, ...(input.message.user ? { user: input.message.user } : {}) },
    };
  }

  /** The workspace removed the app (its tokens stop working at the same time on real Slack). */
  appUninstalled(): Json {
    return this.eventCallback({ type: 'app_uninstalled' });
  }

  /** The workspace revoked tokens: the bot's (by its user id) unless `users` is given. */
  tokensRevoked(input: { bot?: string[]; oauth?: string[] } = {}): Json {
    return this.eventCallback({ type: 'tokens_revoked', tokens: { bot: input.bot ?? [this.#identity.botUserId], ...(input.oauth ? { oauth: input.oauth } : {}) } });
  }

  appMention(input: { user: string; channel: string; text: string }): Json {
    const text = `<@${this.#identity.botUserId}> ${input.text}`;
    return this.eventCallback({ type: 'app_mention', user: input.user, channel: input.channel, text, ts: this.#workspace.nextTs() });
  }

  #common(type: string, userId: string): Json {
    const { teamId, teamDomain, appId } = this.#identity;
    return {
      type,
      user: { id: userId, username: this.#userName(userId), name: this.#userName(userId), team_id: teamId },
      api_app_id: appId,
      token: 'standin-verification-token',
      trigger_id: this.#tokens.issueTrigger(),
      team: { id: teamId, domain: teamDomain },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  #userName(userId: string): string {
    const user = this.#workspace.users.get(userId);
    return user?.name ?? user?.real_name?.toLowerCase().replace(/\s+/g, '.') ?? userId.toLowerCase();
  }

  #sourceChannel(call: RecordedCall | undefined): string | undefined {
    if (!call) return undefined;
    const channel = call.response.channel ?? call.body.channel;
    return typeof channel === 'string' ? this.#workspace.resolveChannel(channel) : undefined;
  }

  #sourceTs(call: RecordedCall | undefined): string | undefined {
    if (!call) return undefined;
    const ts = call.response.ts ?? call.response.message_ts ?? call.body.ts;
    return typeof ts === 'string' ? ts : undefined;
  }
}
