import { randomBytes } from 'node:crypto';

/** Slack: a trigger_id is good for 3 s and can be exchanged once. */
export const TRIGGER_TTL_MS = 3_000;
/** Slack: a response_url works for 30 minutes and up to 5 times. */
export const RESPONSE_URL_TTL_MS = 30 * 60_000;
export const RESPONSE_URL_MAX_USES = 5;

export type TriggerCheck = 'ok' | 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id';
export type ResponseUrlCheck = 'ok' | 'expired_url' | 'used_url' | 'invalid_url';

/** Trigger ids and response_urls issued by the stand-in, judged against the stand-in clock. */
export class IssuedTokens {
  readonly #now: () => number;
  readonly #triggers = new Map<string, { issuedAt: number; used: boolean; expired: boolean }>();
  readonly #responseUrls = new Map<string, { issuedAt: number; uses: number }>();
  #counter = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  issueTrigger(): string {
    this.#counter += 1;
    const id = `${this.#counter}.${Math.floor(this.#now() / 1000)}.${randomBytes(8).toString('hex')}`;
    this.#triggers.set(id, { issuedAt: this.#now(), used: false, expired: false });
    return id;
  }

  /** Checks a trigger and, when good, uses it up. */
  exchangeTrigger(id: unknown): TriggerCheck {
    const trigger = typeof id === 'string' ? this.#triggers.get(id) : undefined;
    if (!trigger) return 'invalid_trigger_id';
    if (trigger.used) return 'exchanged_trigger_id';
    if (trigger.expired || this.#now() - trigger.issuedAt > TRIGGER_TTL_MS) return 'expired_trigger_id';
    trigger.used = true;
    return 'ok';
  }

  /** Every trigger issued so far is expired, as if more than 3 s had passed. */
  expireAllTriggers(): void {
    for (const trigger of this.#triggers.values()) trigger.expired = true;
  }

  issueResponseUrlId(): string {
    this.#counter += 1;
    const id = `R${this.#counter}${randomBytes(6).toString('hex')}`;
    this.#responseUrls.set(id, { issuedAt: this.#now(), uses: 0 });
    return id;
  }

  useResponseUrl(id: string): ResponseUrlCheck {
    const url = this.#responseUrls.get(id);
    if (!url) return 'invalid_url';
    if (this.#now() - url.issuedAt > RESPONSE_URL_TTL_MS) return 'expired_url';
    if (url.uses >= RESPONSE_URL_MAX_USES) return 'used_url';
    url.uses += 1;
    return 'ok';
  }
}
