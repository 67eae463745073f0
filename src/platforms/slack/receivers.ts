import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver, SocketModeReceiver, type App, type HTTPReceiverOptions, type Logger as BoltLogger, type Receiver, type webApi } from '@slack/bolt';
import type { Logger } from '../../logger.ts';

// Socket Mode (the default: no public URL needed) or HTTP mode at /slack/events. Bolt checks signatures and rejects
// old timestamps but not ones from the future; Slack's rule is "more than 5 minutes away", so both sides get a 401.
// HTTP mode also answers GET /healthz, and in OAuth mode serves the install page and Slack's redirect after it.

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';

/** What GET /healthz answers: 200 or 503 and a JSON body with nothing secret in it. */
export type HealthCheck = () => { ok: boolean; body: unknown };

export type OAuthReceiverOptions = Pick<HTTPReceiverOptions, 'clientId' | 'clientSecret' | 'stateSecret' | 'scopes' | 'installationStore' | 'installerOptions' | 'redirectUri'>;
export const MAX_CLOCK_SKEW_S = 5 * 60;

export interface SocketOptions {
  appToken: string;
  apiUrl: string;
  logger: BoltLogger;
  retryConfig?: webApi.RetryOptions;
  /** Also how long the client waits before reconnecting after a dropped connection. */
  clientPingTimeout?: number;
}

export function socketReceiver(options: SocketOptions): SocketModeReceiver {
  const clientOptions: webApi.WebClientOptions = { slackApiUrl: options.apiUrl, logger: options.logger };
  if (options.retryConfig) clientOptions.retryConfig = options.retryConfig;
  return new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    ...(options.clientPingTimeout ? { clientPingTimeout: options.clientPingTimeout } : {}),
    installerOptions: { clientOptions },
  });
}

/** True when a request timestamp (epoch seconds, as Slack sends it) is within 5 minutes of now, either way. */
export function isFresh(header: string | string[] | undefined, nowMs: number): boolean {
  if (typeof header !== 'string' || !/^\d{1,12}$/.test(header)) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(header)) <= MAX_CLOCK_SKEW_S;
}

export interface HttpOptions {
  signingSecret: string;
  port: number;
  host?: string;
  logger: BoltLogger;
  log: Logger;
  /** Wall clock for the timestamp check (Slack signs with real time). */
  now?: () => number;
  health?: HealthCheck;
  /** OAuth mode: the install flow. */
  oauth?: OAuthReceiverOptions;
}

/** Bolt's HTTPReceiver behind a server of our own that first refuses requests stamped too far from now. */
export class FreshHttpReceiver implements Receiver {
  private readonly inner: HTTPReceiver;
  private server: Server | undefined;

  constructor(private readonly options: HttpOptions) {
    this.inner = new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: [EVENTS_PATH], logger: options.logger, ...options.oauth });
  }

  /** Bolt's App looks here for OAuth mode's authorize (each workspace's token from its installation). */
  get installer(): HTTPReceiver['installer'] {
    return this.inner.installer;
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  init(app: App): void {
    this.inner.init(app);
  }

  /** The URL Slack should call, once started. */
  get url(): string | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? `http://${this.options.host ?? 'localhost'}:${address.port}${EVENTS_PATH}` : undefined;
  }

  start(): Promise<Server> {
    const server = createServer((req, res) => this.handle(req, res));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve(server));
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === HEALTH_PATH && req.method === 'GET' && this.options.health) {
      req.resume();
      this.answerHealth(res, this.options.health);
      return;
    }
    if (path === EVENTS_PATH && req.method === 'POST' && !isFresh(req.headers['x-slack-request-timestamp'], (this.options.now ?? Date.now)())) {
      this.options.log.warn({ path }, 'refused a Slack request stamped more than 5 minutes from now');
      req.resume();
      res.writeHead(401).end();
      return;
    }
    try {
      this.inner.requestListener(req, res);
    } catch {
      // Bolt throws for paths it does not serve.
      req.resume();
      res.writeHead(404).end();
    }
  }

  private answerHealth(res: ServerResponse, health: HealthCheck): void {
    let answer: { ok: boolean; body: unknown };
    try {
      answer = health();
    } catch {
      answer = { ok: false, body: { ok: false } };
    }
    res.writeHead(answer.ok ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(answer.body));
  }
}
