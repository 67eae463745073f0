import { expect } from 'vitest';
import type { Reply } from '../../src/core/types.ts';
import { APOLOGY } from '../../src/messages/errors.ts';
import { createHarness } from '../support/harness.ts';

export type Harness = ReturnType<typeof createHarness>;

/** A harness whose first member (the admin) has set the co-op up, plus helpers to look at raw rows. */
export function ledgerFixture(members: string[] = ['Alice', 'Bob', 'Cat'], coop = 'console') {
  const h = createHarness();
  for (const name of members) ok(h.run(name, name === members[0] ? '/coop setup timezone:Europe/London' : '/help', coop));

  const coopId = (ref = coop) => {
    const found = h.store.coops.find('console', ref);
    if (!found) throw new Error(`no co-op ${ref}`);
    return found.id;
  };
  const member = (who: string, ref = coop) => {
    const found = h.store.members.find(coopId(ref), who.toLowerCase());
    if (!found) throw new Error(`no member ${who}`);
    return found;
  };
  const account = (who: string, ref = coop) => h.store.ledger.accountOfHousehold(member(who, ref).householdId);
  const count = (table: 'transfers' | 'postings' | 'swaps' | 'invocations' | 'outbox') =>
    h.store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const counts = () => ({ transfers: count('transfers'), postings: count('postings') });
  return { h, coopId, member, account, count, counts };
}

/**
 * Credit a member can give away: starting credits can only be spent on sits, so tests that need a gift first have
 * the admin (the first member) add some, as an adjustment.
 */
export function earn(f: { h: Harness }, who: string, hours: number, admin = 'Alice', coop?: string): void {
  ok(f.h.run(admin, `/credits adjust member:@${who} amount:+${hours} reason:"earned in a test"`, coop));
}

/** Asserts a command went through the dispatcher without the generic apology (an unexpected exception). */
export function ok(reply: Reply): Reply {
  expect(reply.text, 'the dispatcher answered with the generic apology').not.toBe(APOLOGY);
  return reply;
}

export const DAY = 86_400_000;

/** Alice asks for a sit for two kids, Bob sits it, Alice confirms: one settled swap (#1, 4.5 h). */
export function settledSwap(f: ReturnType<typeof ledgerFixture>): void {
  ok(f.h.run('Alice', '/swap request when:"2026-11-25 19:00 3h" kids:2'));
  ok(f.h.run('Bob', '/swap volunteer id:1'));
  ok(f.h.run('Alice', '/swap choose id:1 member:@bob'));
  f.h.clock.advance(4 * DAY);
  expect(ok(f.h.run('Alice', '/swap done id:1')).text).toContain('#1 is settled: 4.5 h of credit went from your family to Bob.');
}
