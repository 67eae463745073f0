import type { Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';
import type { Clock, Messenger, Platform } from '../core/types.ts';

const MAX_ATTEMPTS = 8;
const BATCH = 50;

/** Back-off after a failed delivery: 2 s, 4 s, 8 s … capped at 10 minutes, unless the platform said how long. */
export function retryDelay(attempts: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.max(retryAfterMs, 0);
  return Math.min(2_000 * 2 ** attempts, 600_000);
}

/** Delivers what committed transactions queued in the outbox, through each platform's Messenger. */
export class OutboxRelay {
  private readonly messengers = new Map<Platform, Messenger>();
  private running: Promise<number> | undefined;
  private again = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  register(messenger: Messenger): void {
    this.messengers.set(messenger.platform, messenger);
  }

  /** Drains everything due now. Calls while a drain runs fold into one more pass, so nothing is sent twice. */
  drain(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let sent = 0;
      try {
        do {
          this.again = false;
          for (const messenger of this.messengers.values()) sent += await this.drainPlatform(messenger);
        } while (this.again);
      } finally {
        this.running = undefined;
      }
      return sent;
    })();
    return this.running;
  }

  private async drainPlatform(messenger: Messenger): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = this.store.outbox.dueFor(messenger.platform, this.clock.now(), BATCH);
      if (rows.length === 0) return sent;
      for (const row of rows) {
        let result;
        try {
          result = await messenger.send(row.notification);
        } catch (error) {
          this.log.error({ err: error, outboxId: row.id }, 'delivery threw');
          result = { ok: false as const, permanent: false, error: error instanceof Error ? error.message : String(error) };
        }
        const now = this.clock.now();
        if (result.ok) {
          this.store.outbox.markSent(row.id, now);
          sent += 1;
        } else if (result.permanent || row.attempts + 1 >= MAX_ATTEMPTS) {
          this.log.warn({ outboxId: row.id, error: result.error, attempts: row.attempts + 1 }, 'delivery failed for good');
          this.store.outbox.markFailed(row.id, result.error);
        } else {
          this.store.outbox.markRetry(row.id, now + retryDelay(row.attempts, result.retryAfterMs), result.error);
        }
      }
    }
  }
}
