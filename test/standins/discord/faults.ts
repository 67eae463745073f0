import { DiscordError } from './http-util.ts';
import type { JsonObject, RecordedCall } from './types.ts';

/**
 * Which requests a fault applies to:
 * - `'POST /channels/:id/messages'` or `'/channels/:id/messages'` (any method): `:name` matches one segment,
 *   a trailing `/*` matches the rest; paths are below /api/v10 and percent-decoded (`@original`);
 * - a RegExp tested against `'METHOD /path'`;
 * - a predicate.
 */
export type RouteMatcher = string | RegExp | ((request: { method: string; path: string }) => boolean);

export function routeMatches(matcher: RouteMatcher, method: string, path: string): boolean {
  if (typeof matcher === 'function') return matcher({ method, path });
  if (matcher instanceof RegExp) return matcher.test(`${method} ${path}`);
  const [first, second] = matcher.trim().split(/\s+/);
  const wantedMethod = second === undefined ? null : (first ?? '').toUpperCase();
  const template = second ?? first ?? '';
  if (wantedMethod !== null && wantedMethod !== method) return false;
  const want = template.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] as string;
    if (segment === '*' && i === want.length - 1) return true;
    const actual = got[i];
    if (actual === undefined) return false;
    if (!segment.startsWith(':') && segment !== actual) return false;
  }
  return want.length === got.length;
}

export interface RateLimitOptions {
  /** How many matching calls answer 429 (default 1). */
  times?: number;
  /** Default 100 ms; sent as `retry_after` (seconds, float) and the `Retry-After` header. */
  retryAfterMs?: number;
  /** Default false, as for per-route limits. */
  global?: boolean;
  /** Default `'user'` (`'global'` when global). */
  scope?: 'user' | 'shared' | 'global';
  bucket?: string;
}

export interface FailOptions {
  times?: number;
  status: number;
  code: number;
  message: string;
}

/** A request parked until `release()`; `arrived` resolves when the matching call comes in. */
export interface HeldRequest {
  arrived: Promise<RecordedCall>;
  release(): void;
}

type Pause =
  | { kind: 'delay'; ms: number }
  | { kind: 'hold'; gate: Promise<void>; onArrive: (call: RecordedCall) => void };

interface Entry {
  matcher: RouteMatcher;
  /** Only requests whose JSON body this accepts. */
  when?: (body: unknown) => boolean;
  remaining: number;
  error?: () => DiscordError;
  pause?: Pause;
}

export function rateLimitError(options: RateLimitOptions): DiscordError {
  const ms = options.retryAfterMs ?? 100;
  const seconds = ms / 1000;
  const global = options.global ?? false;
  const headers: Record<string, string> = {
    'retry-after': String(seconds),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': ((Date.now() + ms) / 1000).toFixed(3),
    'x-ratelimit-reset-after': seconds.toFixed(3),
    'x-ratelimit-bucket': options.bucket ?? 'abcd1234standin',
    'x-ratelimit-scope': options.scope ?? (global ? 'global' : 'user'),
  };
  if (global) headers['x-ratelimit-global'] = 'true';
  return new RateLimitError(seconds, global, headers);
}

/** Discord's 429 body carries `retry_after` and `global` instead of a code. */
class RateLimitError extends DiscordError {
  readonly #seconds: number;
  readonly #global: boolean;

  constructor(seconds: number, global: boolean, headers: Record<string, string>) {
    super(429, 0, 'You are being rate limited.', undefined, headers);
    this.#seconds = seconds;
    this.#global = global;
  }

  override json(): JsonObject {
    return { message: this.message, retry_after: this.#seconds, global: this.#global };
  }
}

/** Queued faults, consumed first-come by matching requests. */
export class FaultQueue {
  #entries: Entry[] = [];
  readonly #releases = new Set<() => void>();

  addError(matcher: RouteMatcher, times: number, error: () => DiscordError): void {
    this.#entries.push({ matcher, remaining: times, error });
  }

  addDelay(matcher: RouteMatcher, times: number, ms: number): void {
    this.#entries.push({ matcher, remaining: times, pause: { kind: 'delay', ms } });
  }

  addHold(matcher: RouteMatcher, when?: (body: unknown) => boolean): HeldRequest {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let onArrive: (call: RecordedCall) => void = () => undefined;
    const arrived = new Promise<RecordedCall>((resolve) => {
      onArrive = resolve;
    });
    this.#releases.add(release);
    this.#entries.push({ matcher, remaining: 1, pause: { kind: 'hold', gate, onArrive }, ...(when ? { when } : {}) });
    return {
      arrived,
      release: () => {
        this.#releases.delete(release);
        release();
      },
    };
  }

  takeError(method: string, path: string): DiscordError | null {
    const entry = this.#take(method, path, (e) => e.error !== undefined);
    return entry?.error?.() ?? null;
  }

  takePause(method: string, path: string, body: unknown = null): Pause | null {
    return this.#take(method, path, (e) => e.pause !== undefined && (e.when === undefined || e.when(body)))?.pause ?? null;
  }

  /** Drops queued faults and lets every held request go. */
  clear(): void {
    this.#entries = [];
    for (const release of this.#releases) release();
    this.#releases.clear();
  }

  #take(method: string, path: string, kind: (e: Entry) => boolean): Entry | null {
    const entry = this.#entries.find((e) => kind(e) && routeMatches(e.matcher, method, path));
    if (!entry) return null;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#entries = this.#entries.filter((e) => e !== entry);
    return entry;
  }
}
