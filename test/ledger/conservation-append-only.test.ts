import { describe, expect, it } from 'vitest';
import { movement, reversalOf } from '../../src/domain/ledger.ts';
import { checkInvariants, replayBalances } from '../support/invariants.ts';
import { earn, ledgerFixture, ok, settledSwap } from './fixture.ts';

// Ledger invariants 1–3 of DESIGN.md on real SQLite: conservation, cached balances, append-only.

describe('invariant 1: conservation', () => {
  it('every transfer sums to zero and every co-op sums to zero, across two co-ops', () => {
    const f = ledgerFixture();
    settledSwap(f);
    earn(f, 'Cat', 1.25);
    ok(f.h.run('Cat', '/credits give member:@alice amount:1.25 note:"thanks"'));
    for (const name of ['Dee', 'Eve']) ok(f.h.run(name, '/help', 'other'));
    earn(f, 'Dee', 2, 'Dee', 'other');
    ok(f.h.run('Dee', '/credits give member:@eve amount:2', 'other'));

    const perTransfer = f.h.store.db
      .prepare<[], { id: number; total: number; n: number }>('SELECT transfer_id AS id, SUM(amount) AS total, count(*) AS n FROM postings GROUP BY transfer_id')
      .all();
    expect(perTransfer.length).toBeGreaterThanOrEqual(10);
    for (const t of perTransfer) expect(t, `transfer ${t.id}`).toMatchObject({ total: 0 });
    for (const t of perTransfer) expect(t.n).toBeGreaterThanOrEqual(2);
    const perCoop = f.h.store.db.prepare<[], { coopId: number; total: number }>('SELECT coop_id AS coopId, SUM(balance) AS total FROM accounts GROUP BY coop_id').all();
    expect(perCoop).toHaveLength(2);
    for (const c of perCoop) expect(c.total).toBe(0);
    checkInvariants(f.h.store.db);
  });

  it('an unbalanced transfer is refused before anything is written', () => {
    const f = ledgerFixture();
    const before = f.counts();
    expect(() =>
      f.h.store.transaction(() =>
        f.h.store.ledger.record({ coopId: f.coopId(), kind: 'gift', memo: 'bad', at: 0, postings: [{ accountId: f.account('Alice'), amount: -60 }, { accountId: f.account('Bob'), amount: 45 }] }),
      ),
    ).toThrow(/sum to -15, not 0/);
    expect(f.counts()).toEqual(before);
  });

  it('the starting credits come from the co-op issuance account, which goes negative by the same amount', () => {
    const f = ledgerFixture();
    const balances = f.h.store.ledger.balances(f.coopId());
    const issuance = balances.find((b) => b.kind === 'issuance');
    expect(issuance?.balance).toBe(-900);
    expect(balances.filter((b) => b.kind === 'household').map((b) => b.balance)).toEqual([300, 300, 300]);
  });
});

describe('invariant 2: cached balances', () => {
  it('every cached balance equals the sum of its postings', () => {
    const f = ledgerFixture();
    settledSwap(f);
    const rows = f.h.store.db
      .prepare<[], { id: number; balance: number; total: number }>(
        'SELECT a.id, a.balance, COALESCE((SELECT SUM(amount) FROM postings p WHERE p.account_id = a.id), 0) AS total FROM accounts a',
      )
      .all();
    for (const r of rows) expect(r.balance, `account ${r.id}`).toBe(r.total);
    expect(f.h.balanceOf('Alice')).toBe(300 - 270);
    expect(f.h.balanceOf('Bob')).toBe(300 + 270);
  });
});

describe('invariant 3: append-only', () => {
  it.each([
    ['UPDATE transfers SET memo = ? WHERE id = 1', 'transfers are append-only'],
    ['DELETE FROM transfers WHERE id = 1 AND ? IS NOT NULL', 'transfers are append-only'],
    ['UPDATE postings SET amount = amount + length(?) WHERE id = 1', 'postings are append-only'],
    ['DELETE FROM postings WHERE id = 1 AND ? IS NOT NULL', 'postings are append-only'],
  ])('refuses `%s`', (sql, message) => {
    const f = ledgerFixture();
    const balances = replayBalances(f.h.store.db);
    expect(() => f.h.store.db.prepare(sql).run('x')).toThrow(message);
    expect(replayBalances(f.h.store.db)).toEqual(balances);
    checkInvariants(f.h.store.db);
  });

  it('corrects by a reversal that references the original, at most once', () => {
    const f = ledgerFixture();
    const { ledger } = f.h.store;
    const coopId = f.coopId();
    const gift = f.h.store.transaction(() =>
      ledger.record({ coopId, kind: 'gift', memo: 'oops', postings: movement(f.account('Alice'), f.account('Bob'), 120), at: 1 }),
    );
    const reverse = () =>
      f.h.store.transaction(() => ledger.record({ coopId, kind: 'reversal', reversesId: gift, memo: 'undo', postings: reversalOf(ledger.postings(gift)), at: 2 }));
    reverse();
    expect(f.h.balanceOf('Alice')).toBe(300);
    expect(f.h.balanceOf('Bob')).toBe(300);
    const before = f.counts();
    expect(reverse).toThrow(/UNIQUE constraint failed: transfers.reverses_id/);
    expect(f.counts()).toEqual(before);
    checkInvariants(f.h.store.db);
  });

  it('a reversal must name what it reverses, and only reversals may', () => {
    const f = ledgerFixture();
    const { ledger } = f.h.store;
    const postings = movement(f.account('Alice'), f.account('Bob'), 60);
    expect(() => f.h.store.transaction(() => ledger.record({ coopId: f.coopId(), kind: 'reversal', memo: 'x', postings, at: 1 }))).toThrow(/CHECK constraint/);
    expect(() => f.h.store.transaction(() => ledger.record({ coopId: f.coopId(), kind: 'gift', reversesId: 1, memo: 'x', postings, at: 1 }))).toThrow(/CHECK constraint/);
  });

  it('a posting cannot cross co-ops', () => {
    const f = ledgerFixture();
    ok(f.h.run('Dee', '/help', 'other'));
    const before = f.counts();
    const balances = replayBalances(f.h.store.db);
    expect(() =>
      f.h.store.transaction(() =>
        f.h.store.ledger.record({ coopId: f.coopId(), kind: 'gift', memo: 'x', postings: movement(f.account('Alice'), f.account('Dee', 'other'), 60), at: 1 }),
      ),
    ).toThrow('a posting must stay inside its co-op');
    expect(f.counts()).toEqual(before);
    expect(replayBalances(f.h.store.db)).toEqual(balances);
  });

  it('the dispatcher cannot give credits to a member of another co-op (same name, different member)', () => {
    const f = ledgerFixture();
    ok(f.h.run('Dee', '/help', 'other'));
    const reply = ok(f.h.run('Alice', '/credits give member:@dee amount:1'));
    expect(reply.text).toMatch(/hasn't used Breather in this co-op/);
    expect(f.h.balanceOf('Dee', 'other')).toBe(300);
  });
});

