export interface WaitOptions {
  /** Only consider entries at or after this index (see `mark()` on the stand-in). Default 0. */
  from?: number;
  /** Guard against a hung test; rejects with what was seen. Default 5000 ms. */
  timeoutMs?: number;
}

interface Waiter<T> {
  from: number;
  matches: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** An append-only log whose entries can be awaited by predicate (event-based, no polling). */
export class WaitableLog<T> {
  readonly #items: T[] = [];
  readonly #waiters = new Set<Waiter<T>>();
  readonly #label: string;
  readonly #describe: (item: T) => string;

  constructor(label: string, describe: (item: T) => string) {
    this.#label = label;
    this.#describe = describe;
  }

  get items(): readonly T[] {
    return this.#items;
  }

  get size(): number {
    return this.#items.length;
  }

  push(item: T): void {
    const index = this.#items.length;
    this.#items.push(item);
    for (const waiter of [...this.#waiters]) {
      if (index >= waiter.from && waiter.matches(item)) {
        this.#settle(waiter);
        waiter.resolve(item);
      }
    }
  }

  waitFor(matches: (item: T) => boolean, options: WaitOptions = {}): Promise<T> {
    const from = options.from ?? 0;
    const timeoutMs = options.timeoutMs ?? 5000;
    for (let i = from; i < this.#items.length; i++) {
      const item = this.#items[i] as T;
      if (matches(item)) return Promise.resolve(item);
    }
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        from,
        matches,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#settle(waiter);
          const seen = this.#items.slice(from).map((item) => `  ${this.#describe(item)}`);
          reject(
            new Error(
              `timed out after ${timeoutMs} ms waiting for a matching ${this.#label}; seen:\n${seen.join('\n') || '  (nothing)'}`,
            ),
          );
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  /** Rejects every pending waiter (used by close()). */
  close(reason: string): void {
    for (const waiter of [...this.#waiters]) {
      this.#settle(waiter);
      waiter.reject(new Error(`${this.#label} log closed: ${reason}`));
    }
  }

  #settle(waiter: Waiter<T>): void {
    clearTimeout(waiter.timer);
    this.#waiters.delete(waiter);
  }
}
