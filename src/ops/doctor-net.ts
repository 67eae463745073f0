// How the doctor talks to Discord and Slack: plain fetch with a time limit and no retries, so a machine without
// network gets one plain line per check quickly, never a stack trace. Every answer's Date header is kept: the
// clock check compares the machine's time with theirs.

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** A request that got no answer at all, in plain words (never the request itself: it may carry a token). */
export class Unreachable extends Error {
  override readonly name = 'Unreachable';
}

export interface Net {
  request(url: string, init?: RequestInit): Promise<Answer>;
  /** Server time minus machine time (ms), from each answer's Date header. */
  readonly skews: number[];
}

function reason(error: unknown, timeoutMs: number): string {
  const code = codeOf(error);
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the name could not be looked up (no network, or no DNS?)';
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return 'the network is unreachable';
  if (code === 'ECONNRESET') return 'the connection was cut';
  if (code?.startsWith('CERT_') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return "its certificate was not accepted (is this machine's clock right?)";
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError' || code === 'UND_ERR_CONNECT_TIMEOUT')) {
    return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  return code ? `the request failed (${code})` : cause ? `the request failed (${cause})` : 'the request failed';
}

function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth += 1) {
    if (typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
    e = typeof e === 'object' && 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}

const RATE_LIMIT_TRIES = 3;
const MAX_RATE_LIMIT_WAIT_S = 10;

export function createNet(options: { timeoutMs?: number; now?: () => number } = {}): Net {
  const timeoutMs = options.timeoutMs ?? 8_000;
  const now = options.now ?? Date.now;
  const skews: number[] = [];
  const once = async (url: string, init: RequestInit): Promise<Response> => {
    try {
      return await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new Unreachable(`cannot reach ${new URL(url).host}: ${reason(error, timeoutMs)}`);
    }
  };
  return {
    skews,
    async request(url, init = {}) {
      let response = await once(url, init);
      // Many co-ops mean many look-ups: a short rate limit is waited out, as the bot itself would.
      for (let tries = 0; response.status === 429 && tries < RATE_LIMIT_TRIES; tries += 1) {
        const seconds = Number(response.headers.get('retry-after') ?? 1);
        if (!(seconds <= MAX_RATE_LIMIT_WAIT_S)) break;
        await response.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, Math.max(seconds, 0.1) * 1000));
        response = await once(url, init);
      }
      const date = Date.parse(response.headers.get('date') ?? '');
      if (!Number.isNaN(date)) skews.push(date - now());
      const text = await response.text().catch(() => '');
      let body: unknown = text;
      try {
        body = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body, headers: response.headers };
    },
  };
}

/** A field of a JSON object answer, if it is one. */
export function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null && name in body ? (body as Record<string, unknown>)[name] : undefined;
}
