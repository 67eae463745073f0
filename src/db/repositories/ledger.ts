import type { Db } from '../connection.ts';
import { assertBalanced, findLimitBreach, type Limits, type NewTransfer, type TransferKind } from '../../domain/ledger.ts';

export interface HistoryEntry {
  transferId: number;
  kind: TransferKind;
  memo: string;
  note: string | null;
  amount: number;
  createdAt: number;
  swapId: number | null;
}

export interface AccountBalance {
  accountId: number;
  householdId: number | null;
  kind: 'issuance' | 'household';
  balance: number;
}

export interface RecordOptions {
  /** Floor and cap are checked inside the writing transaction; admin adjustments may pass `undefined`. */
  limits?: Limits;
}

export class LedgerRepository {
  private readonly householdAccount;
  private readonly issuance;
  private readonly balanceOf;
  private readonly insertTransfer;
  private readonly insertPosting;
  private readonly insertNote;
  private readonly byKey;
  private readonly postingsOf;
  private readonly transferById;
  private readonly historyRows;
  private readonly coopBalances;

  constructor(private readonly db: Db) {
    this.householdAccount = db.prepare<[number], { id: number }>('SELECT id FROM accounts WHERE household_id = ?');
    this.issuance = db.prepare<[number], { id: number }>("SELECT id FROM accounts WHERE coop_id = ? AND kind = 'issuance'");
    this.balanceOf = db.prepare<[number], { balance: number }>('SELECT balance FROM accounts WHERE id = ?');
    this.insertTransfer = db.prepare<
      [number, string, number | null, number | null, string, number | null, string | null, number]
    >(
      `INSERT INTO transfers (coop_id, kind, swap_id, reverses_id, memo, actor_member_id, idempotency_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertPosting = db.prepare<[number, number, number]>(
      'INSERT INTO postings (transfer_id, account_id, amount) VALUES (?, ?, ?)',
    );
    this.insertNote = db.prepare<[number, string]>('INSERT INTO transfer_notes (transfer_id, note) VALUES (?, ?)');
    this.byKey = db.prepare<[string], { id: number }>('SELECT id FROM transfers WHERE idempotency_key = ?');
    this.postingsOf = db.prepare<[number], { accountId: number; amount: number }>(
      'SELECT account_id AS accountId, amount FROM postings WHERE transfer_id = ? ORDER BY id',
    );
    this.transferById = db.prepare<[number], { id: number; coop_id: number; kind: TransferKind; memo: string }>(
      'SELECT id, coop_id, kind, memo FROM transfers WHERE id = ?',
    );
    this.historyRows = db.prepare<[number, number], HistoryEntry>(
      `SELECT t.id AS transferId, t.kind, t.memo, n.note, p.amount, t.created_at AS createdAt, t.swap_id AS swapId
       FROM postings p JOIN transfers t ON t.id = p.transfer_id LEFT JOIN transfer_notes n ON n.transfer_id = t.id
       WHERE p.account_id = ? ORDER BY p.transfer_id DESC LIMIT ?`,
    );
    this.coopBalances = db.prepare<[number], AccountBalance>(
      'SELECT id AS accountId, household_id AS householdId, kind, balance FROM accounts WHERE coop_id = ? ORDER BY id',
    );
  }

  accountOfHousehold(householdId: number): number {
    const row = this.householdAccount.get(householdId);
    if (!row) throw new Error(`household ${householdId} has no account`);
    return row.id;
  }

  issuanceAccount(coopId: number): number {
    const row = this.issuance.get(coopId);
    if (!row) throw new Error(`co-op ${coopId} has no issuance account`);
    return row.id;
  }

  balance(accountId: number): number {
    return this.balanceOf.get(accountId)?.balance ?? 0;
  }

  balances(coopId: number): AccountBalance[] {
    return this.coopBalances.all(coopId);
  }

  /**
   * Writes a balanced transfer. Must run inside an immediate transaction: a limit breach throws, and the caller's
   * transaction rolls the whole command back. A transfer whose idempotency key was seen returns the first id.
   */
  record(transfer: NewTransfer, options: RecordOptions = {}): number {
    if (!this.db.inTransaction) throw new Error('ledger writes need a transaction');
    assertBalanced(transfer.postings);
    if (transfer.idempotencyKey) {
      const existing = this.byKey.get(transfer.idempotencyKey);
      if (existing) {
        if (!this.samePayload(existing.id, transfer)) throw new Error(`idempotency key ${transfer.idempotencyKey} reused for another transfer`);
        return existing.id;
      }
    }
    const before = transfer.postings.map((p) => ({ accountId: p.accountId, before: this.balance(p.accountId) }));
    const id = Number(
      this.insertTransfer.run(
        transfer.coopId,
        transfer.kind,
        transfer.swapId ?? null,
        transfer.reversesId ?? null,
        transfer.memo,
        transfer.actorMemberId ?? null,
        transfer.idempotencyKey ?? null,
        transfer.at,
      ).lastInsertRowid,
    );
    for (const p of transfer.postings) this.insertPosting.run(id, p.accountId, p.amount);
    if (transfer.note) this.insertNote.run(id, transfer.note);
    if (options.limits) {
      const issuance = this.issuanceAccount(transfer.coopId);
      const changes = before
        .filter((c) => c.accountId !== issuance)
        .map((c) => ({ ...c, after: this.balance(c.accountId) }));
      const breach = findLimitBreach(changes, options.limits);
      if (breach) throw breach;
    }
    return id;
  }

  private samePayload(id: number, transfer: NewTransfer): boolean {
    const first = this.transfer(id);
    if (!first || first.coopId !== transfer.coopId || first.kind !== transfer.kind) return false;
    const key = (p: { accountId: number; amount: number }) => `${p.accountId}:${p.amount}`;
    const before = this.postings(id).map(key).sort();
    const now = transfer.postings.map(key).sort();
    return before.length === now.length && before.every((k, i) => k === now[i]);
  }

  postings(transferId: number): { accountId: number; amount: number }[] {
    return this.postingsOf.all(transferId);
  }

  transfer(id: number): { id: number; coopId: number; kind: TransferKind; memo: string } | undefined {
    const row = this.transferById.get(id);
    return row && { id: row.id, coopId: row.coop_id, kind: row.kind, memo: row.memo };
  }

  history(accountId: number, limit: number): HistoryEntry[] {
    return this.historyRows.all(accountId, limit);
  }
}
