import { describe, expect, it } from 'vitest';
import { LimitError, movement } from '../../src/domain/ledger.ts';
import { replayBalances } from '../support/invariants.ts';
import { toldTo } from '../support/harness.ts';
import { DAY, earn, ledgerFixture, ok } from './fixture.ts';

// Ledger invariants 4–5 of DESIGN.md on real SQLite: idempotency keys, floor and cap.

describe('invariant 4: idempotency', () => {
  it('the ledger records a key once and returns the first id', () => {
    const f = ledgerFixture();
    const write = () =>
      f.h.store.transaction(() =>
        f.h.store.ledger.record({ coopId: f.coopId(), kind: 'gift', memo: 'once', idempotencyKey: 'k1', postings: movement(f.account('Alice'), f.account('Bob'), 60), at: 1 }),
      );
    const first = write();
    const before = f.counts();
    expect(write()).toBe(first);
    expect(f.counts()).toEqual(before);
    expect(f.h.balanceOf('Bob')).toBe(360);
  });

  // DESIGN invariant 4: same key, other payload = error (a reused key once silently returned the first id).
  it('the ledger refuses the same key with another payload', () => {
    const f = ledgerFixture();
    const { ledger } = f.h.store;
    f.h.store.transaction(() => ledger.record({ coopId: f.coopId(), kind: 'gift', memo: 'a', idempotencyKey: 'k2', postings: movement(f.account('Alice'), f.account('Bob'), 60), at: 1 }));
    const before = f.counts();
    expect(() =>
      f.h.store.transaction(() => ledger.record({ coopId: f.coopId(), kind: 'gift', memo: 'b', idempotencyKey: 'k2', postings: movement(f.account('Cat'), f.account('Bob'), 120), at: 2 })),
    ).toThrow(/idempotency key/);
    expect(f.counts()).toEqual(before);
  });

  it('a starting-credits grant happens once per household, however often the member shows up', () => {
    const f = ledgerFixture();
    for (let i = 0; i < 3; i += 1) ok(f.h.run('Bob', '/credits balance'));
    const starts = f.h.store.db.prepare("SELECT count(*) FROM transfers WHERE kind = 'starting'").pluck().get();
    expect(starts).toBe(3);
  });

  it('the same invocation delivered twice has one effect and returns the first reply', () => {
    const f = ledgerFixture();
    earn(f, 'Alice', 1.5);
    const invocation = {
      platform: 'console' as const,
      coopRef: 'console',
      member: { ref: 'alice', name: 'Alice' },
      isPlatformAdmin: false,
      command: 'credits',
      sub: 'give',
      options: { member: { ref: 'bob', name: 'Bob' }, amount: '1.5' },
      idempotencyKey: 'slack:retry:1',
    };
    const first = ok(f.h.dispatcher.dispatch(invocation));
    const before = { ...f.counts(), outbox: f.count('outbox') };
    const second = f.h.dispatcher.dispatch(invocation);
    expect(second).toEqual(first);
    expect({ ...f.counts(), outbox: f.count('outbox') }).toEqual(before);
    expect(f.h.balanceOf('Bob')).toBe(390);
    expect(f.h.store.db.prepare("SELECT count(*) FROM transfers WHERE kind = 'gift'").pluck().get()).toBe(1);
  });

  it('the same key with another payload changes nothing and does not replay the first reply', () => {
    const f = ledgerFixture();
    earn(f, 'Alice', 2);
    const base = { platform: 'console' as const, coopRef: 'console', member: { ref: 'alice', name: 'Alice' }, isPlatformAdmin: false, command: 'credits', sub: 'give', idempotencyKey: 'k' };
    const first = ok(f.h.dispatcher.dispatch({ ...base, options: { member: { ref: 'bob', name: 'Bob' }, amount: '1' } }));
    const before = f.counts();
    const other = f.h.dispatcher.dispatch({ ...base, options: { member: { ref: 'cat', name: 'Cat' }, amount: '2' } });
    expect(other).not.toEqual(first);
    expect(f.counts()).toEqual(before);
    expect(f.h.balanceOf('Cat')).toBe(300);
  });

  it('a refused invocation is not remembered, so nothing half-done is replayed', () => {
    const f = ledgerFixture();
    const before = f.count('invocations');
    ok(f.h.run('Alice', '/credits give member:@bob amount:100'));
    expect(f.count('invocations')).toBe(before);
  });
});

describe('invariant 5: floor and cap, checked inside the writing transaction', () => {
  const limits = { floor: -600, cap: 2400 };

  it('a transfer below the floor throws LimitError inside the transaction and leaves nothing', () => {
    const f = ledgerFixture();
    const before = f.counts();
    const balances = replayBalances(f.h.store.db);
    let caught: unknown;
    try {
      f.h.store.transaction(() =>
        f.h.store.ledger.record({ coopId: f.coopId(), kind: 'gift', memo: 'x', postings: movement(f.account('Alice'), f.account('Bob'), 915), at: 1 }, { limits }),
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LimitError);
    expect(caught).toMatchObject({ limit: 'floor', after: -615, bound: -600, accountId: f.account('Alice') });
    expect(f.counts()).toEqual(before);
    expect(replayBalances(f.h.store.db)).toEqual(balances);
    expect(f.h.store.db.inTransaction).toBe(false);
  });

  it('a transfer above the cap throws LimitError and leaves nothing', () => {
    const f = ledgerFixture();
    f.h.store.transaction(() => f.h.store.ledger.record({ coopId: f.coopId(), kind: 'adjustment', memo: 'top up', postings: movement(f.h.store.ledger.issuanceAccount(f.coopId()), f.account('Bob'), 2000), at: 1 }));
    const before = f.counts();
    expect(() =>
      f.h.store.transaction(() => f.h.store.ledger.record({ coopId: f.coopId(), kind: 'gift', memo: 'x', postings: movement(f.account('Alice'), f.account('Bob'), 120), at: 2 }, { limits })),
    ).toThrow(LimitError);
    expect(f.counts()).toEqual(before);
    expect(f.h.balanceOf('Bob')).toBe(2300);
  });

  it('exactly at the floor or the cap is allowed', () => {
    const f = ledgerFixture();
    f.h.store.transaction(() => f.h.store.ledger.record({ coopId: f.coopId(), kind: 'gift', memo: 'x', postings: movement(f.account('Alice'), f.account('Bob'), 900), at: 1 }, { limits }));
    expect(f.h.balanceOf('Alice')).toBe(-600);
  });

  it('refuses to write outside a transaction at all', () => {
    const f = ledgerFixture();
    expect(() => f.h.store.ledger.record({ coopId: f.coopId(), kind: 'gift', memo: 'x', postings: movement(f.account('Alice'), f.account('Bob'), 60), at: 1 }, { limits })).toThrow(
      'ledger writes need a transaction',
    );
  });

  it('through the dispatcher: a gift past what was earned or past the cap is refused privately and writes no rows', () => {
    const f = ledgerFixture();
    earn(f, 'Alice', 2);
    const before = f.counts();
    const unearned = ok(f.h.run('Alice', '/credits give member:@bob amount:2.25'));
    expect(unearned).toEqual({ visibility: 'private', text: expect.stringContaining('You can give up to 2 h right now'), refusal: { option: 'amount', code: 'limit' } });
    ok(f.h.run('Alice', '/coop rules name:cap value:6'));
    const cap = ok(f.h.run('Alice', '/credits give member:@bob amount:1.25'));
    expect(cap.text).toBe("That would take Bob's family past the co-op's limit. Try a smaller amount, or ask them to book a sit first.");
    expect(cap.text).not.toMatch(/\d/); // nothing about Bob's balance
    expect(f.counts()).toEqual({ transfers: before.transfers, postings: before.postings });
    expect([f.h.balanceOf('Alice'), f.h.balanceOf('Bob'), f.h.balanceOf('Cat')]).toEqual([420, 300, 300]);
  });

  it('a family below the floor or below zero may receive, but gives nothing: gifts never make a debt', () => {
    const f = ledgerFixture();
    ok(f.h.run('Alice', '/credits adjust member:@bob amount:-20 reason:"old debt"'));
    expect(f.h.balanceOf('Bob')).toBe(-900);
    earn(f, 'Cat', 1);
    expect(ok(f.h.run('Cat', '/credits give member:@bob amount:1')).text).toContain('You gave 1 h of credit to Bob.');
    expect(f.h.balanceOf('Bob')).toBe(-840);
    const before = f.counts();
    expect(ok(f.h.run('Bob', '/credits give member:@cat amount:0.25')).text).toContain('no earned credit to give');
    expect(f.counts()).toEqual(before);
  });

  it('a balance an admin put above the cap may move back down, but not further up', () => {
    const f = ledgerFixture();
    ok(f.h.run('Alice', '/credits adjust member:@bob amount:+45 reason:"imported"'));
    expect(f.h.balanceOf('Bob')).toBe(3000);
    expect(ok(f.h.run('Bob', '/credits give member:@cat amount:2')).text).toContain('You gave 2 h of credit to Cat.');
    earn(f, 'Cat', 1);
    const before = f.counts();
    expect(ok(f.h.run('Cat', '/credits give member:@bob amount:0.25')).text).toContain("past the co-op's limit");
    expect(f.counts()).toEqual(before);
    expect(f.h.balanceOf('Bob')).toBe(2880);
  });

  it('a sit that happened is paid even when it takes the sitter over the cap, and the sitter is told what that means', () => {
    const f = ledgerFixture();
    ok(f.h.run('Alice', '/swap request when:"2026-11-25 19:00 3h"'));
    ok(f.h.run('Bob', '/swap volunteer id:1'));
    ok(f.h.run('Alice', '/swap choose id:1 member:@bob'));
    ok(f.h.run('Alice', '/credits adjust member:@bob amount:+35 reason:"imported"'));
    f.h.clock.advance(4 * DAY);
    expect(ok(f.h.run('Alice', '/swap done id:1')).text).toContain('#1 is settled: 3 h of credit went from your family to Bob.');
    expect(f.h.store.swaps.findByNumber(f.coopId(), 1)?.status).toBe('completed');
    expect(f.h.balanceOf('Bob')).toBe(2580);
    const toBob = toldTo(f.h.store, f.coopId(), 'bob').at(-1);
    expect(toBob).toContain('You now have 43 h of credit.');
    expect(toBob).toContain('more than the co-op lets a family bank (40 h)');
  });
});
