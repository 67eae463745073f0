import { EventEmitter } from 'node:events';
import type { CallPredicate, RecordedCall } from './types.ts';

export type CallMatcher = string | CallPredicate;

function toPredicate(matcher: CallMatcher): CallPredicate {
  return typeof matcher === 'string' ? (call) => call.method === matcher : matcher;
}

/** Keeps every answered call and lets tests await one without sleeping. */
export class CallRecorder {
  readonly #calls: RecordedCall[] = [];
  readonly #events = new EventEmitter();
  readonly #defaultTimeoutMs: number;

  constructor(defaultTimeoutMs: number) {
    this.#defaultTimeoutMs = defaultTimeoutMs;
    this.#events.setMaxListeners(0);
  }

  get all(): readonly RecordedCall[] {
    return this.#calls;
  }

  record(call: Omit<RecordedCall, 'seq'>): RecordedCall {
    const recorded: RecordedCall = { seq: this.#calls.length + 1, ...call };
    this.#calls.push(recorded);
    this.#events.emit('call', recorded);
    return recorded;
  }

  of(method: string): RecordedCall[] {
    return this.#calls.filter((call) => call.method === method);
  }

  /**
   * Resolves with the first call (already recorded or still to come) that matches; a method name matches by
   * method. Pass `afterSeq` (e.g. `standin.lastSeq`) to only consider calls answered after that point.
   * Rejects after `timeoutMs` real ms with the list of calls seen, so a missing call fails fast and readably.
   */
  waitFor(matcher: CallMatcher, options: { afterSeq?: number; timeoutMs?: number } = {}): Promise<RecordedCall> {
    const predicate = toPredicate(matcher);
    const afterSeq = options.afterSeq ?? 0;
    const matches = (call: RecordedCall): boolean => call.seq > afterSeq && predicate(call);
    const existing = this.#calls.find(matches);
    if (existing) return Promise.resolve(existing);
    const timeoutMs = options.timeoutMs ?? this.#defaultTimeoutMs;
    return new Promise((resolve, reject) => {
      const onCall = (call: RecordedCall): void => {
        if (!matches(call)) return;
        clearTimeout(timer);
        this.#events.off('call', onCall);
        resolve(call);
      };
      const timer = setTimeout(() => {
        this.#events.off('call', onCall);
        const seen = this.#calls.map((c) => `${c.seq}:${c.method}(${c.status})`).join(', ') || 'none';
        const what = typeof matcher === 'string' ? matcher : 'predicate';
        reject(new Error(`slack stand-in: no call matching ${what} within ${timeoutMs} ms; calls seen: ${seen}`));
      }, timeoutMs);
      this.#events.on('call', onCall);
    });
  }

  /** Resolves once `count` matching calls have been recorded (all of them, in order). */
  async waitForCount(matcher: CallMatcher, count: number, options: { timeoutMs?: number } = {}): Promise<RecordedCall[]> {
    const predicate = toPredicate(matcher);
    const found: RecordedCall[] = [];
    let afterSeq = 0;
    while (found.length < count) {
      const call = await this.waitFor(predicate, { afterSeq, ...options });
      found.push(call);
      afterSeq = call.seq;
    }
    return found;
  }
}
