import { App, webApi, type Receiver } from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { CommandSpec } from '../../app/command.ts';
import type { Dispatcher } from '../../app/dispatcher.ts';
import type { RunningPlatform } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import { listenForButtons } from './action-listener.ts';
import { boltLogger } from './bolt-logger.ts';
import { CoopChannels } from './channels.ts';
import { listenForCommands } from './command-listener.ts';
import { MemberDirectory } from './members.ts';
import { SlackMessenger, SlackPoster } from './messenger.ts';
import { FreshHttpReceiver, socketReceiver } from './receivers.ts';
import type { Runtime } from './runtime.ts';
import { safeError } from './safe-error.ts';
import { listenForForms } from './view-listener.ts';

// The Slack adapter: a Bolt app in Socket Mode (default: works from home, no public URL) or HTTP mode (a signing
// secret and no app token), mapping slash commands, buttons and forms onto the dispatcher, and a Messenger for the
// outbox relay. Nothing here touches the database.

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
  config: NonNullable<Config['slack']>;
  dispatcher: Dispatcher;
  log: Logger;
  commands: readonly CommandSpec[];
  tuning?: SlackTuning;
}

export interface SlackAdapter extends RunningPlatform {
  mode: SlackMode;
  /** HTTP mode: where Slack must send requests (set the public equivalent in the app's settings). */
  url?: string;
  stop(): Promise<void>;
}

const QUICK_RETRIES: webApi.RetryOptions = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1_000 };

export async function startSlack(deps: SlackDeps): Promise<SlackAdapter> {
  const { config, tuning = {} } = deps;
  const log = deps.log.child({ platform: 'slack' });
  const logger = boltLogger(log);
  const mode: SlackMode = config.appToken ? 'socket' : 'http';
  const now = tuning.now ?? Date.now;

  let httpReceiver: FreshHttpReceiver | undefined;
  let receiver: Receiver;
  if (config.appToken) {
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
    });
    receiver = httpReceiver;
  } else {
    throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)');
  }

  const app = new App({
    token: config.botToken,
    receiver,
    logger,
    // Initialise (auth.test) inside startSlack, so a bad token fails the start instead of surfacing later.
    deferInitialization: true,
    clientOptions: { slackApiUrl: config.apiUrl, logger, retryConfig: tuning.webRetryConfig ?? QUICK_RETRIES },
  });
  // Deliveries get no retries of their own: a 429 or an outage goes back to the relay, which schedules the retry. A
  // send with no answer in time counts as unknown: the next attempt looks in the channel before posting again.
  const deliveryClient = new webApi.WebClient(config.botToken, {
    slackApiUrl: config.apiUrl,
    logger,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: tuning.deliveryTimeoutMs ?? 30_000,
  });
  const poster = new SlackPoster(deliveryClient);
  const channels = new CoopChannels();
  const messenger = new SlackMessenger(poster, channels, log);
  const rt: Runtime = {
    dispatcher: deps.dispatcher,
    commands: deps.commands,
    log,
    people: new MemberDirectory(app.client, log, now),
    channels,
    poster,
  };

  listenForCommands(app, rt);
  listenForButtons(app, rt);
  listenForForms(app, rt);
  app.error(async (error) => {
    log.error({ error: safeError(error) }, 'a Slack listener failed');
  });

  await app.init();
  await app.start();
  const url = httpReceiver?.url;
  log.info({ mode, ...(url ? { url } : {}) }, 'Slack connected');
  return {
    platform: 'slack',
    messenger,
    mode,
    ...(url ? { url } : {}),
    stop: () => app.stop().then(() => undefined),
  };
}
