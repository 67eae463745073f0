// Shared shapes of the loopback Slack stand-in.

export type Json = Record<string, unknown>;

/** One request the stand-in answered: a Web API method, a response_url POST or a file upload. */
export interface RecordedCall {
  /** 1, 2, 3… in the order the calls were answered. */
  seq: number;
  /** Web API method (`chat.postMessage`), or `response_url`, or `file_upload`. */
  method: string;
  /** Decoded body: form fields, JSON-looking form fields (blocks, view, files…) parsed; `token` removed. */
  body: Json;
  /** Bearer token from the Authorization header (or the `token` body field). */
  token: string | undefined;
  /** Stand-in clock (ms) when the request arrived. */
  at: number;
  /** HTTP status the stand-in answered (200, 429, 404…). */
  status: number;
  /** JSON the stand-in answered. */
  response: Json;
  /** For `response_url` and `file_upload`: the full URL that was POSTed to. */
  url?: string;
}

export type CallPredicate = (call: RecordedCall) => boolean;

export interface SlackUser {
  id: string;
  name?: string;
  real_name?: string;
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
}

/** A Socket Mode envelope as Slack sends it. */
export interface SocketEnvelope {
  envelope_id: string;
  type: 'slash_commands' | 'interactive' | 'events_api';
  payload: Json;
  accepts_response_payload: boolean;
  retry_attempt: number;
  retry_reason: string;
}

/** What the app sent back over the socket for an envelope. */
export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

export interface SendOptions {
  envelopeId?: string;
  acceptsResponsePayload?: boolean;
  retryAttempt?: number;
  retryReason?: string;
  /** How long to wait (real ms) for an open connection and then for the ack; default: the stand-in's waitTimeoutMs. */
  timeoutMs?: number;
}

export interface SignedRequestOptions {
  /** Sign with this secret instead of the stand-in's. */
  signingSecret?: string;
  /** Send a signature that does not match. */
  badSignature?: boolean;
  /** Shift the request timestamp by this many seconds from real time (negative = in the past). */
  timestampOffsetSeconds?: number;
  /** Use exactly this timestamp (epoch seconds). */
  timestamp?: number;
  /** Adds `X-Slack-Retry-Num`. */
  retryNum?: number;
  /** Adds `X-Slack-Retry-Reason` (e.g. `http_timeout`). */
  retryReason?: string;
}

export interface HttpResult {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export type MethodHandler = (body: Json, call: { token: string | undefined; at: number }) => Json;

/** Who the stand-in workspace and app are. */
export interface StandinIdentity {
  botToken: string;
  appToken: string;
  signingSecret: string;
  teamId: string;
  teamDomain: string;
  appId: string;
  botId: string;
  botUserId: string;
  /** The app's OAuth credentials (OAuth mode: oauth.v2.access checks them). */
  clientId: string;
  clientSecret: string;
  /** What the identity's bot token was granted. */
  scopes: string[];
}

/** A channel conversations.info knows about. */
export interface SlackChannel {
  id: string;
  name: string;
  is_private?: boolean;
  is_archived?: boolean;
  /** Whether the bot is in it (a private channel is invisible to it otherwise). */
  is_member?: boolean;
}
