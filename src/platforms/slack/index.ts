import { App, SocketModeReceiver, type Receiver, type webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config.ts';
import type { CommandSpec } from '../../app/command.ts';
import type { Dispatcher } from '../../app/dispatcher.ts';
import type { RunningPlatform } from '../../core/types.ts';
import type { CoopActivity, WorkspaceInstalls } from '../../core/workspaces.ts';
import type { Logger } from '../../logger.ts';
import { listenForButtons } from './action-listener.ts';
import { boltLogger } from './bolt-logger.ts';
import { CoopChannels } from './channels.ts';
import { listenForCommands } from './command-listener.ts';
import { HomeTab, listenForHome } from './home.ts';
import { MemberDirectory } from './members.ts';
import { SlackMessenger } from './messenger.ts';
import { INSTALL_PATH, oauthReceiverOptions } from './oauth.ts';
import { FreshHttpReceiver, socketReceiver, type HealthCheck } from './receivers.ts';
import type { Runtime } from './runtime.ts';
import { safeError } from './safe-error.ts';
import { listenForShortcuts } from './shortcut-listener.ts';
import { botTokenOf, TeamClients, type TokenFor } from './team-clients.ts';
import { listenForForms } from './view-listener.ts';
import { listenForRemoval } from './workspace-listener.ts';

// The Slack adapter: a Bolt app in Socket Mode (default: works from home, no public URL) or HTTP mode (a signing
// secret and no app token), mapping slash commands, buttons, forms, shortcuts and the Home tab onto the dispatcher,
// and a Messenger for the outbox relay. One workspace with SLACK_BOT_TOKEN, or many in OAuth mode (HTTP mode with
// an "Add to Slack" page), each workspace its own co-op. Nothing here touches the database: installations come and
// go through the WorkspaceInstalls port.

export type SlackMode = 'socket' | 'http';

/** Knobs for tests and the benchmark; production leaves them unset. */
export interface SlackTuning {
  /** HTTP mode: interface to listen on (default: all). */
  host?: string;
  /** Web API retries for the Socket Mode connection (default: Socket Mode's own, which keeps trying to reconnect). */
  socketRetryConfig?: webApi.RetryOptions;
  /** Also the reconnect delay after a dropped Socket Mode connection. */
  clientPingTimeout?: number;
  /** Web API retries for answers and forms (default: 2 quick ones). */
  webRetryConfig?: webApi.RetryOptions;
  /** Wall clock for request timestamps and the users.info cache. */
  now?: () => number;
  /** How long a delivery waits for Slack's answer before it counts as unknown (default 30 s). */
  deliveryTimeoutMs?: number;
}

export interface SlackDeps {
  config: SlackConfig;
  dispatcher: Dispatcher;
  log: Logger;
  commands: readonly CommandSpec[];
  tuning?: SlackTuning;
  /** OAuth mode (required there): where installations are kept. Also marks co-ops inactive on uninstall. */
  workspaces?: WorkspaceInstalls;
  /** Single-token mode: marks the workspace's co-op inactive on uninstall, and active again at a start. */
  activity?: CoopActivity;
  /** HTTP mode: GET /healthz. */
  health?: HealthCheck;
  /** OAuth mode: the public address, for an explicit redirect URL. */
  publicUrl?: string;
}

export interface SlackAdapter extends RunningPlatform {
  mode: SlackMode;
  /** HTTP mode: where Slack must send requests (set the public equivalent in the app's settings). */
  url?: string;
  /** OAuth mode: the "Add to Slack" page. */
  installUrl?: string;
  stop(): Promise<void>;
}

const QUICK_RETRIES: webApi.RetryOptions = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1_000 };

export async function startSlack(deps: SlackDeps): Promise<SlackAdapter> {
  const { config, tuning = {} } = deps;
  const log = deps.log.child({ platform: 'slack' });
  const logger = boltLogger(log);
  const mode: SlackMode = config.appToken ? 'socket' : 'http';
  const now = tuning.now ?? Date.now;
  if (config.oauth && !deps.workspaces) throw new Error('OAuth mode needs somewhere to keep installations (BREATHER_SECRET_KEY)');
  if (!config.oauth && !config.botToken) throw new Error('Slack needs SLACK_BOT_TOKEN, or OAuth mode (SLACK_CLIENT_ID …)');

  let httpReceiver: FreshHttpReceiver | undefined;
  let receiver: Receiver;
  if (config.appToken && !config.oauth) {
    receiver = socketReceiver({
      appToken: config.appToken,
      apiUrl: config.apiUrl,
      logger,
      ...(tuning.socketRetryConfig ? { retryConfig: tuning.socketRetryConfig } : {}),
      ...(tuning.clientPingTimeout ? { clientPingTimeout: tuning.clientPingTimeout } : {}),
    });
  } else if (config.signingSecret) {
    httpReceiver = new FreshHttpReceiver({
      signingSecret: config.signingSecret,
      port: config.port,
      logger,
      log,
      now,
      ...(tuning.host ? { host: tuning.host } : {}),
      ...(deps.health ? { health: deps.health } : {}),
      ...(config.oauth && deps.workspaces ? { oauth: oauthReceiverOptions(config, deps.workspaces, log, deps.publicUrl) } : {}),
    });
    receiver = httpReceiver;
  } else {
    throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)');
  }

  const app = new App({
    // No token in OAuth mode: Bolt finds each workspace's token through the receiver's installer.
    ...(config.oauth ? {} : { token: config.botToken }),
    receiver,
    logger,
    // Initialise (auth.test) inside startSlack, so a bad token fails the start instead of surfacing later.
    deferInitialization: true,
    clientOptions: { slackApiUrl: config.apiUrl, logger, retryConfig: tuning.webRetryConfig ?? QUICK_RETRIES },
  });
  const workspaces = deps.workspaces;
  const single = config.botToken;
  const tokenFor: TokenFor = config.oauth && workspaces ? (teamId) => botTokenOf(workspaces.find('slack', teamId)) : () => single;
  // Deliveries get no retries of their own (a 429 or an outage goes back to the relay, which schedules the retry), and a
  // send with no answer in time counts as unknown: the next attempt looks in the channel before posting again.
  const clients = new TeamClients(tokenFor, {
    apiUrl: config.apiUrl,
    logger,
    retryConfig: tuning.webRetryConfig ?? QUICK_RETRIES,
    deliveryTimeoutMs: tuning.deliveryTimeoutMs ?? 30_000,
  });
  const channels = new CoopChannels();
  const home = new HomeTab(deps.dispatcher, clients, log);
  // A DM means something changed for that member: their Home tab is redrawn if they have it.
  const messenger = new SlackMessenger(clients, channels, log, (teamId, userId) => home.refresh(teamId, userId));
  const rt: Runtime = {
    dispatcher: deps.dispatcher,
    commands: deps.commands,
    log,
    people: new MemberDirectory(clients, log, now),
    channels,
    clients,
    home,
  };

  listenForCommands(app, rt);
  listenForButtons(app, rt);
  listenForForms(app, rt);
  listenForShortcuts(app, rt);
  listenForHome(app, home);
  listenForRemoval(app, deps.workspaces ?? deps.activity, log, !config.oauth);
  app.error(async (error) => {
    log.error({ error: safeError(error) }, 'a Slack listener failed');
  });

  await app.init();
  if (single) await markInstalled(app.client, deps.activity, log);
  const socket = receiver instanceof SocketModeReceiver ? socketState(receiver) : undefined;
  await app.start();
  const url = httpReceiver?.url;
  const installUrl = config.oauth && url ? url.replace(/\/slack\/events$/, INSTALL_PATH) : undefined;
  log.info({ mode, oauth: Boolean(config.oauth), ...(url ? { url } : {}) }, 'Slack connected');
  return {
    platform: 'slack',
    messenger,
    mode,
    ...(url ? { url } : {}),
    ...(installUrl ? { installUrl } : {}),
    connected: () => (socket ? socket() : (httpReceiver?.listening ?? false)),
    stop: () => app.stop().then(() => undefined),
  };
}

/** Single-token mode: the token works, so its workspace has Breather (again, after an uninstall and a new token). */
async function markInstalled(client: webApi.WebClient, activity: CoopActivity | undefined, log: Logger): Promise<void> {
  if (!activity) return;
  const me = await client.auth.test();
  if (me.team_id) activity.activate('slack', me.team_id);
  else log.warn('auth.test named no workspace');
}

/** Whether the Socket Mode connection is up, from the client's own lifecycle events. */
function socketState(receiver: SocketModeReceiver): () => boolean {
  let up = false;
  receiver.client.on('connected', () => (up = true));
  for (const down of ['disconnected', 'reconnecting', 'disconnecting']) receiver.client.on(down, () => (up = false));
  return () => up;
}
