import type { Json } from './types.ts';

type BodyPredicate = (body: Json) => boolean;

interface FaultBase {
  method: string;
  remaining: number;
  when: BodyPredicate | undefined;
}

type Fault =
  | (FaultBase & { kind: 'rate_limit'; retryAfterSeconds: number })
  | (FaultBase & { kind: 'error'; error: string })
  | (FaultBase & { kind: 'delay'; ms: number })
  | (FaultBase & { kind: 'hold'; gate: Gate })
  | (FaultBase & { kind: 'hold_answer'; gate: Gate });

interface Gate {
  arrived: Promise<void>;
  markArrived: () => void;
  released: Promise<void>;
  release: () => void;
}

/** Handle on a held call: `arrived` settles when the call reaches the stand-in, `release()` lets it be answered. */
export interface HeldCall {
  arrived: Promise<void>;
  release: () => void;
}

/** What the stand-in must do before/instead of answering normally. */
export type FaultOutcome =
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'error'; error: string }
  | { kind: 'none' };

export interface FaultOptions {
  /** How many matching calls the fault applies to (rateLimit, delay and hold default to 1, error to every call). */
  times?: number;
  /** Only calls whose body matches (e.g. `(b) => b.users === 'U2'` to refuse one DM). */
  when?: BodyPredicate;
}

function makeGate(): Gate {
  let markArrived = (): void => {};
  let release = (): void => {};
  const arrived = new Promise<void>((resolve) => (markArrived = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return { arrived, markArrived, released, release };
}

/** Faults armed by tests, consumed by matching calls in the order they were armed. */
export class FaultBook {
  #faults: Fault[] = [];

  /** The next `times` (default 1) calls of `method` answer HTTP 429 with `Retry-After: retryAfterSeconds` (default 1). */
  rateLimit(method: string, options: FaultOptions & { retryAfterSeconds?: number } = {}): void {
    const retryAfterSeconds = options.retryAfterSeconds ?? 1;
    this.#faults.push({ kind: 'rate_limit', method, retryAfterSeconds, ...this.#base(options, 1) });
  }

  /** Calls of `method` answer `{ ok: false, error }` (every call unless `times` is given). */
  error(method: string, error: string, options: FaultOptions = {}): void {
    this.#faults.push({ kind: 'error', method, error, ...this.#base(options, Number.POSITIVE_INFINITY) });
  }

  /** The next `times` (default 1) calls of `method` are answered `ms` real milliseconds late. */
  delay(method: string, ms: number, options: FaultOptions = {}): void {
    this.#faults.push({ kind: 'delay', method, ms, ...this.#base(options, 1) });
  }

  /** The next call of `method` waits until the test calls `release()`: a slow API without any clock. */
  hold(method: string, options: Omit<FaultOptions, 'times'> = {}): HeldCall {
    const gate = makeGate();
    this.#faults.push({ kind: 'hold', method, gate, ...this.#base(options, 1) });
    return { arrived: gate.arrived, release: gate.release };
  }

  /**
   * The next call of `method` is carried out (a message is posted) but its answer waits until `release()`: what a
   * crash between a send and its mark looks like from Slack's side.
   */
  holdAnswer(method: string, options: Omit<FaultOptions, 'times'> = {}): HeldCall {
    const gate = makeGate();
    this.#faults.push({ kind: 'hold_answer', method, gate, ...this.#base(options, 1) });
    return { arrived: gate.arrived, release: gate.release };
  }

  /** After a call was answered: waits while an answer hold applies to it. */
  async holdAfter(method: string, body: Json): Promise<void> {
    for (const fault of this.#take(method, body, ['hold_answer'])) {
      if (fault.kind !== 'hold_answer') continue;
      fault.gate.markArrived();
      await fault.gate.released;
    }
  }

  /** Disarms every fault, or those of one method. Held calls are released. */
  clear(method?: string): void {
    for (const fault of this.#faults) {
      if ((fault.kind === 'hold' || fault.kind === 'hold_answer') && (method === undefined || fault.method === method)) fault.gate.release();
    }
    this.#faults = method === undefined ? [] : this.#faults.filter((fault) => fault.method !== method);
  }

  /** Waits out delays/holds for this call, then says whether it must fail. */
  async apply(method: string, body: Json): Promise<FaultOutcome> {
    for (const fault of this.#take(method, body, ['hold', 'delay'])) {
      if (fault.kind === 'hold') {
        fault.gate.markArrived();
        await fault.gate.released;
      } else if (fault.kind === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
      }
    }
    const [failure] = this.#take(method, body, ['rate_limit', 'error']);
    if (failure?.kind === 'rate_limit') return { kind: 'rate_limit', retryAfterSeconds: failure.retryAfterSeconds };
    if (failure?.kind === 'error') return { kind: 'error', error: failure.error };
    return { kind: 'none' };
  }

  #base(options: FaultOptions, defaultTimes: number): { remaining: number; when: BodyPredicate | undefined } {
    return { remaining: options.times ?? defaultTimes, when: options.when };
  }

  /** Consumes the first armed fault of each listed kind that matches (at most one per kind, rate limit before error). */
  #take(method: string, body: Json, kinds: Fault['kind'][]): Fault[] {
    const taken: Fault[] = [];
    for (const kind of kinds) {
      const fault = this.#faults.find(
        (f) => f.kind === kind && f.method === method && f.remaining > 0 && (f.when === undefined || f.when(body)),
      );
      if (!fault) continue;
      fault.remaining -= 1;
      taken.push(fault);
      if (kinds.includes('rate_limit') && kinds.includes('error')) break;
    }
    this.#faults = this.#faults.filter((f) => f.remaining > 0);
    return taken;
  }
}
