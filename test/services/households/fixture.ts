import { expect } from 'vitest';
import type { Notification, Reply } from '../../../src/core/types.ts';
import { APOLOGY } from '../../../src/messages/errors.ts';
import { createHarness } from '../../support/harness.ts';
import { checkInvariants } from '../../support/invariants.ts';

export const H = 60; // credit-minutes in an hour
export const DAY = 86_400_000;

/** A co-op (Ana first, so its admin) with a few members, each a household of one with 5 h. */
export function householdFixture(members: readonly string[] = ['Ana', 'Ben', 'Cat', 'Dan']) {
  const h = createHarness();
  const run = (who: string, line: string, coop = 'console'): Reply => {
    const reply = h.run(who, line, coop);
    expect(reply.text, `${who}: ${line}`).not.toBe(APOLOGY);
    return reply;
  };
  for (const name of members) run(name, name === members[0] ? '/coop setup timezone:Europe/London' : '/help');
  const coopId = () => h.store.coops.find('console', 'console')!.id;
  const member = (who: string) => h.store.members.find(coopId(), who.toLowerCase()) ?? fail(`no member ${who}`);
  const issuance = () => h.store.ledger.balance(h.store.ledger.issuanceAccount(coopId()));
  let lastHeld = 0;
  const heldSince = h.store.db.prepare<[number], { id: number; ref: string; message: string }>(
    'SELECT hm.id, m.external_ref AS ref, hm.message FROM held_messages hm JOIN members m ON m.id = hm.member_id WHERE hm.id > ? ORDER BY hm.id',
  );
  /**
   * Delivers what was queued and returns the messages each member got since the last call; a message the delivery
   * policy held back to be gathered later shows as "(held) …".
   */
  const inbox = async (): Promise<Map<string, string[]>> => {
    await h.deliver();
    const byName = new Map<string, string[]>();
    for (const row of heldSince.all(lastHeld)) {
      lastHeld = row.id;
      const to = row.ref.charAt(0).toUpperCase() + row.ref.slice(1);
      byName.set(to, [...(byName.get(to) ?? []), `(held) ${(JSON.parse(row.message) as { text: string }).text}`]);
    }
    for (const n of h.sent.splice(0)) {
      if (n.message.text.includes('Three lines on how it works')) continue; // each member's welcome, tested on its own
      const to = n.destination.kind === 'dm' ? n.destination.memberName : '#channel';
      byName.set(to, [...(byName.get(to) ?? []), render(n)]);
    }
    return byName;
  };
  const transfers = (kind: string) =>
    h.store.db.prepare<[string], { id: number }>('SELECT id FROM transfers WHERE kind = ? ORDER BY id').all(kind).map((t) => ({ id: t.id, postings: h.store.ledger.postings(t.id) }));
  const check = () => checkInvariants(h.store.db);
  return { h, run, coopId, member, issuance, inbox, transfers, check };
}

function render(n: Notification): string {
  const buttons = (n.message.cards ?? []).flatMap((c) => (c.buttons ?? []).map((b) => `[${b.label}]`));
  return [n.message.text, ...buttons].join(' ');
}

function fail(message: string): never {
  throw new Error(message);
}
