import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../support/invariants.ts';
import { DAY, earn, ledgerFixture, ok } from './fixture.ts';

describe('co-op isolation', () => {
  it('swap numbers are per co-op: #1 in B is not #1 in A, and A has no #2 seen from B', () => {
    const f = ledgerFixture();
    for (const name of ['Alice', 'Bob']) ok(f.h.run(name, '/help', 'b'));
    ok(f.h.run('Alice', '/swap request when:"2026-11-25 19:00 3h"'));
    ok(f.h.run('Alice', '/swap offer when:"2026-11-26 19:00 3h"'));
    ok(f.h.run('Alice', '/swap request when:"2026-11-27 10:00 2h"', 'b'));
    const snapshotA = () => f.h.store.db.prepare('SELECT * FROM swaps s LEFT JOIN swap_parties p ON p.swap_id = s.id WHERE s.coop_id = ? ORDER BY s.id, p.id').all(f.coopId());

    const a = snapshotA();
    expect(ok(f.h.run('Bob', '/swap book id:2', 'b')).text).toBe('There is no swap #2 in this co-op. `/swap list` shows what is open.');
    expect(ok(f.h.run('Bob', '/swap volunteer id:1', 'b')).text).toContain('Thank you');
    expect(ok(f.h.run('Alice', '/swap choose id:1 member:@bob', 'b')).text).toContain('Bob is sitting #1');
    expect(ok(f.h.run('Bob', '/swap cancel id:2', 'b')).text).toMatch(/no swap #2/);
    expect(snapshotA()).toEqual(a);
    expect(f.h.store.swaps.findByNumber(f.coopId(), 1)?.status).toBe('open');
    expect(f.h.store.swaps.findByNumber(f.coopId('b'), 1)?.status).toBe('accepted');

    const listB = ok(f.h.run('Cat', '/swap list', 'b'));
    expect(listB.text).toMatch(/Nothing is open/);
    expect(ok(f.h.run('Cat', '/swap list')).cards).toHaveLength(2);
  });

  it('the same person in two co-ops has two households and two balances', () => {
    const f = ledgerFixture();
    ok(f.h.run('Bob', '/help', 'b'));
    earn(f, 'Alice', 2);
    ok(f.h.run('Alice', '/credits give member:@bob amount:2'));
    expect(f.h.balanceOf('Bob')).toBe(420);
    expect(f.h.balanceOf('Bob', 'b')).toBe(300);
    expect(f.member('Bob').householdId).not.toBe(f.member('Bob', 'b').householdId);
    checkInvariants(f.h.store.db);
  });
});

describe('settling sits', () => {
  it('an offer: the booker confirms, the sitter is paid the frozen price even after the rate changed', () => {
    const f = ledgerFixture();
    ok(f.h.run('Bob', '/swap offer when:"2026-11-25 19:00 2h"'));
    ok(f.h.run('Cat', '/swap book id:1 kids:2'));
    ok(f.h.run('Alice', '/coop rules name:rate value:3'));
    f.h.clock.advance(4 * DAY);
    expect(ok(f.h.run('Bob', '/swap done id:1')).text).toContain('asked the family to confirm');
    expect(ok(f.h.run('Cat', '/swap done id:1')).text).toContain('#1 is settled: 3 h of credit went from your family to Bob.');
    expect([f.h.balanceOf('Bob'), f.h.balanceOf('Cat')]).toEqual([480, 120]);
    checkInvariants(f.h.store.db);
  });

  it('a session: each family pays the host per child-hour, one balanced entry each', () => {
    const f = ledgerFixture(['Alice', 'Bob', 'Cat', 'Dee']);
    ok(f.h.run('Alice', '/swap session when:"2026-11-25 10:00 2h" capacity:4'));
    ok(f.h.run('Bob', '/swap book id:1 kids:2'));
    ok(f.h.run('Cat', '/swap book id:1'));
    expect(ok(f.h.run('Dee', '/swap book id:1 kids:2')).text).toMatch(/room for 1 kid more/);
    expect(ok(f.h.run('Dee', '/swap book id:1 kids:1')).text).toMatch(/Booked #1/);
    expect(ok(f.h.run('Dee', '/swap cancel id:1')).text).toMatch(/booking of #1 is cancelled/);
    f.h.clock.advance(4 * DAY);
    ok(f.h.run('Alice', '/swap done id:1'));
    expect([f.h.balanceOf('Alice'), f.h.balanceOf('Bob'), f.h.balanceOf('Cat'), f.h.balanceOf('Dee')]).toEqual([300 + 360, 300 - 240, 300 - 120, 300]);
    expect(f.h.store.db.prepare("SELECT count(*) FROM transfers WHERE kind = 'swap'").pluck().get()).toBe(2);
    expect(f.h.store.db.prepare("SELECT count(*) FROM postings p JOIN transfers t ON t.id = p.transfer_id WHERE t.kind = 'swap'").pluck().get()).toBe(4);
    checkInvariants(f.h.store.db);
  });

  it('done with hours: a length one side proposes, priced at the frozen rate, settles once the other side agrees', () => {
    const f = ledgerFixture();
    ok(f.h.run('Alice', '/swap request when:"2026-11-25 19:00 4h" kids:2'));
    ok(f.h.run('Bob', '/swap volunteer id:1'));
    ok(f.h.run('Alice', '/swap choose id:1 member:@bob'));
    f.h.clock.advance(4 * DAY);
    expect(ok(f.h.run('Alice', '/swap done id:1 hours:2.5')).text).toContain("I've asked Bob to confirm that #1 ran 2.5 h (3.75 h of credit)");
    expect(f.h.balanceOf('Bob')).toBe(300);
    expect(ok(f.h.run('Bob', '/swap length id:1 answer:agree')).text).toContain('#1 is settled at the length you agreed: 3.75 h of credit came to your family.');
    expect(f.h.balanceOf('Bob')).toBe(300 + 225);
  });

  it('a late cancellation fee moves to the other side and never past the floor', () => {
    const f = ledgerFixture();
    ok(f.h.run('Alice', '/coop rules name:late_cancel_fee value:2'));
    ok(f.h.run('Alice', '/swap request when:"2026-11-22 19:00 3h"'));
    ok(f.h.run('Bob', '/swap volunteer id:1'));
    ok(f.h.run('Alice', '/swap choose id:1 member:@bob'));
    ok(f.h.run('Alice', '/credits adjust member:@alice amount:-14 reason:"test"'));
    ok(f.h.run('Alice', '/swap cancel id:1'));
    expect([f.h.balanceOf('Alice'), f.h.balanceOf('Bob')]).toEqual([-600, 360]);
    checkInvariants(f.h.store.db);
  });

  // A session stays 'open' while booked, so the "already started" guard must not hinge on 'accepted' alone, or a
  // family could drop its booking after the session and the host's `/swap done` would pay nothing.
  it('a family cannot cancel a session booking after the session started', () => {
    const f = ledgerFixture();
    ok(f.h.run('Alice', '/swap session when:"2026-11-25 10:00 3h" capacity:4'));
    ok(f.h.run('Bob', '/swap book id:1 kids:2'));
    f.h.clock.advance(4 * DAY);
    expect(ok(f.h.run('Bob', '/swap cancel id:1')).text).toMatch(/already started/);
    ok(f.h.run('Alice', '/swap done id:1'));
    expect(f.h.balanceOf('Alice')).toBe(300 + 360);
  });
});
