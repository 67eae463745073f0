// Loopback Slack for tests: Web API, response_urls, file uploads and Socket Mode on 127.0.0.1, plus signed HTTP-mode
// requests to an app. Point Bolt at it with clientOptions.slackApiUrl = standin.apiUrl (trailing slash included).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultBook } from './faults.ts';
import { HttpModeDriver } from './http-mode.ts';
import { PayloadBuilder } from './payloads.ts';
import { CallRecorder, type CallMatcher } from './recorder.ts';
import { handleRequest } from './routes.ts';
import { SocketModeStandin } from './socket.ts';
import { DEFAULT_SCOPES, Teams, type IssuedBotToken, type StandinTeam } from './teams.ts';
import { IssuedTokens } from './triggers.ts';
import type { MethodHandler, RecordedCall, SlackChannel, SlackUser, StandinIdentity } from './types.ts';
import { Workspace, type StoredMessage, type StoredView } from './workspace.ts';

export type * from './types.ts';
export type { CallMatcher } from './recorder.ts';
export type { FaultOptions, HeldCall } from './faults.ts';
export type { ButtonPressInput, SlashCommandInput, ViewSubmissionInput } from './payloads.ts';
export type { StoredMessage, StoredView } from './workspace.ts';
export type { IssuedBotToken, StandinTeam } from './teams.ts';
export { DEFAULT_SCOPES } from './teams.ts';
export { signSlackRequest, formEncode } from './http-mode.ts';
export { createSilentLogger, type SilentLogger } from './silent-logger.ts';
export { TRIGGER_TTL_MS, RESPONSE_URL_TTL_MS, RESPONSE_URL_MAX_USES } from './triggers.ts';

export interface SlackStandinOptions extends Partial<StandinIdentity> {
  /** Stand-in clock in epoch ms: trigger expiry, response_url expiry, `at`, message ts. Default Date.now. */
  now?: () => number;
  /** Real ms that waitForCall / socket sends wait before failing. Default 5000. */
  waitTimeoutMs?: number;
}

export interface SlackStandin {
  readonly identity: StandinIdentity;
  /** `http://127.0.0.1:PORT/api/` — give this to Bolt as clientOptions.slackApiUrl. */
  readonly apiUrl: string;
  /** `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  readonly faults: FaultBook;
  readonly socket: SocketModeStandin;
  readonly http: HttpModeDriver;
  readonly payloads: PayloadBuilder;
  /** Payloads as another workspace's people send them (add the team first). */
  payloadsFor(teamId: string): PayloadBuilder;
  /** Another workspace on this Slack (OAuth mode installs into it). */
  addTeam(team: StandinTeam): StandinTeam;
  /** Bot tokens issued for a workspace (the identity's, or by installs). */
  tokensOf(teamId: string): IssuedBotToken[];
  /** Every token of the workspace now answers token_revoked. */
  revokeTokens(teamId: string): void;
  /** The scopes a token has (fewer than the manifest's: installed from an older manifest). */
  grantScopes(token: string, scopes: string[]): void;
  /** The app's configured redirect URL, for authorize links that name none. */
  setRedirectUri(url: string): void;
  /** A channel conversations.info knows. */
  addChannel(channel: SlackChannel): SlackChannel;
  /** Every answered call, in order. */
  readonly calls: readonly RecordedCall[];
  /** seq of the last answered call (0 if none): pass as `afterSeq` to wait only for later calls. */
  readonly lastSeq: number;
  callsOf(method: string): RecordedCall[];
  waitForCall(matcher: CallMatcher, options?: { afterSeq?: number; timeoutMs?: number }): Promise<RecordedCall>;
  waitForCalls(matcher: CallMatcher, count: number, options?: { timeoutMs?: number }): Promise<RecordedCall[]>;
  /** A person users.info / conversations.open know about. */
  addUser(user: SlackUser): SlackUser;
  /** DM channel id conversations.open answers for this user. */
  dmChannelId(userId: string): string;
  /** Current state of a message the app posted (after chat.update), or undefined (never posted / deleted). */
  message(channel: string, ts: string): StoredMessage | undefined;
  /** A view opened via views.open / views.push, as last updated. */
  view(viewId: string): StoredView | undefined;
  /** A user's Home tab as last published (views.publish). */
  home(userId: string): StoredView | undefined;
  /** Turn the app's Home tab off (as in its settings): views.publish answers not_enabled. */
  setHomeTab(enabled: boolean): void;
  /** Issue a trigger_id by hand (payload builders do it for you). */
  issueTrigger(): string;
  /** Every trigger issued so far is now expired (as if 3 s passed). */
  expireTriggers(): void;
  /** Answer a method yourself (also overrides a built-in one). */
  handle(method: string, handler: MethodHandler): void;
  close(): Promise<void>;
}

const DEFAULT_IDENTITY: StandinIdentity = {
  botToken: 'xoxb-standin-bot-token',
  appToken: 'xapp-1-standin-app-token',
  signingSecret: 'standin-signing-secret',
  teamId: 'T0STANDIN',
  teamDomain: 'standin-coop',
  appId: 'A0STANDIN',
  botId: 'B0STANDIN',
  botUserId: 'U0BREATHER',
  clientId: '1111.2222',
  clientSecret: 'standin-client-secret',
  scopes: DEFAULT_SCOPES,
};

export async function startSlackStandin(options: SlackStandinOptions = {}): Promise<SlackStandin> {
  const { now = Date.now, waitTimeoutMs = 5_000, ...identityOverrides } = options;
  const identity: StandinIdentity = { ...DEFAULT_IDENTITY, ...identityOverrides };
  const recorder = new CallRecorder(waitTimeoutMs);
  const tokens = new IssuedTokens(now);
  const workspace = new Workspace(now);
  const faults = new FaultBook();
  const socket = new SocketModeStandin(identity.appId, waitTimeoutMs);
  const handlers = new Map<string, MethodHandler>();
  const teams = new Teams(identity, now);
  let baseUrl = '';
  const deps = {
    identity,
    teams,
    workspace,
    tokens,
    handlers,
    faults,
    recorder,
    now,
    baseUrl: () => baseUrl,
    socketUrl: () => `${baseUrl.replace(/^http/, 'ws')}/socket?ticket=${socket.issueTicket()}`,
  };

  const server: Server = createServer((req, res) => {
    handleRequest(deps, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'internal_error', detail: String(error) }));
    });
  });
  server.on('upgrade', (req, sock, head) => socket.handleUpgrade(req, sock, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  let closed = false;
  return {
    identity,
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    faults,
    socket,
    http: new HttpModeDriver(identity.signingSecret),
    payloads: new PayloadBuilder(identity, tokens, workspace, () => baseUrl, now),
    payloadsFor: (teamId) => {
      const team = teams.teams.get(teamId);
      if (!team) throw new Error(`slack stand-in: no team ${teamId} (addTeam first)`);
      return new PayloadBuilder({ ...identity, teamId: team.id, teamDomain: team.domain }, tokens, workspace, () => baseUrl, now);
    },
    addTeam: (team) => teams.addTeam(team),
    tokensOf: (teamId) => teams.tokensOf(teamId),
    revokeTokens: (teamId) => teams.revoke(teamId),
    grantScopes: (token, scopes) => teams.grant(token, scopes),
    setRedirectUri: (url) => {
      teams.redirectUri = url;
    },
    addChannel: (channel) => {
      workspace.channels.set(channel.id, channel);
      return channel;
    },
    get calls() {
      return recorder.all;
    },
    get lastSeq() {
      return recorder.all.length;
    },
    callsOf: (method) => recorder.of(method),
    waitForCall: (matcher, waitOptions) => recorder.waitFor(matcher, waitOptions),
    waitForCalls: (matcher, count, waitOptions) => recorder.waitForCount(matcher, count, waitOptions),
    addUser: (user) => workspace.addUser(user),
    dmChannelId: (userId) => workspace.dmChannelId(userId),
    message: (channel, ts) => workspace.message(channel, ts),
    view: (viewId) => workspace.views.get(viewId),
    home: (userId) => workspace.homes.get(userId),
    setHomeTab: (enabled) => {
      workspace.homeTabEnabled = enabled;
    },
    issueTrigger: () => tokens.issueTrigger(),
    expireTriggers: () => tokens.expireAllTriggers(),
    handle: (method, handler) => void handlers.set(method, handler),
    async close() {
      if (closed) return;
      closed = true;
      faults.clear();
      await socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
