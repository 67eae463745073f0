// HTTP mode: requests to the app's /slack/events signed the way Slack signs them.
import { createHmac } from 'node:crypto';
import type { HttpResult, Json, SignedRequestOptions } from './types.ts';

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret. */
export function signSlackRequest(signingSecret: string, timestampSec: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest('hex')}`;
}

/** Slash command fields as Slack form-encodes them. */
export function formEncode(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    params.append(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return params.toString();
}

export class HttpModeDriver {
  readonly #signingSecret: string;

  constructor(signingSecret: string) {
    this.#signingSecret = signingSecret;
  }

  /** Slash command: form-encoded fields. */
  postSlashCommand(url: string, payload: Json, options?: SignedRequestOptions): Promise<HttpResult> {
    return this.postRaw(url, formEncode(payload), 'application/x-www-form-urlencoded', options);
  }

  /** block_actions, view_submission, shortcuts…: form-encoded `payload=<json>`. */
  postInteractive(url: string, payload: Json, options?: SignedRequestOptions): Promise<HttpResult> {
    return this.postRaw(url, formEncode({ payload: JSON.stringify(payload) }), 'application/x-www-form-urlencoded', options);
  }

  /** Events API: the event callback as JSON. */
  postEvent(url: string, eventCallback: Json, options?: SignedRequestOptions): Promise<HttpResult> {
    return this.postRaw(url, JSON.stringify(eventCallback), 'application/json', options);
  }

  async postRaw(url: string, rawBody: string, contentType: string, options: SignedRequestOptions = {}): Promise<HttpResult> {
    // Bolt checks the timestamp against its own Date.now(), so this is real time, not the stand-in clock.
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000) + (options.timestampOffsetSeconds ?? 0);
    const goodSignature = signSlackRequest(options.signingSecret ?? this.#signingSecret, timestamp, rawBody);
    const signature = options.badSignature ? `v0=${'0'.repeat(64)}` : goodSignature;
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-signature': signature,
      'x-slack-request-timestamp': String(timestamp),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    };
    if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
    if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
    const response = await fetch(url, { method: 'POST', headers, body: rawBody });
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      responseHeaders[key] = value;
    });
    return { status: response.status, body: await response.text(), headers: responseHeaders };
  }
}
