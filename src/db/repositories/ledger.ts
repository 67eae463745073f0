import type { Db } from '../connection.ts';
import { assertBalanced, findLimitBreach, type Limits, type NewTransfer, type TransferKind } from '../../domain/ledger.ts';

export interface HistoryEntry {
  transferId: number;
  /** The entry number members see and type (per co-op). */
  number: number;
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

/** How one account moved in one transfer; `after` is the balance once the transfer is written. */
export interface AccountChange {
  accountId: number;
  /** null for the co-op's issuance account */
  householdId: number | null;
  amount: number;
  after: number;
}

export interface EntryRow {
  id: number;
  number: number;
  coopId: number;
  kind: TransferKind;
  memo: string;
  note: string | null;
  swapId: number | null;
  reversesId: number | null;
  reversedBy: number | null;
  createdAt: number;
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
  private readonly takeNumber;
  private readonly changes;
  private readonly entryByNumber;
  private readonly startingIn;
  private readonly numberOf;

  constructor(private readonly db: Db) {
    this.householdAccount = db.prepare<[number], { id: number; balance: number }>('SELECT id, balance FROM accounts WHERE household_id = ?');
    this.issuance = db.prepare<[number], { id: number }>("SELECT id FROM accounts WHERE coop_id = ? AND kind = 'issuance'");
    this.balanceOf = db.prepare<[number], { balance: number }>('SELECT balance FROM accounts WHERE id = ?');
    this.insertTransfer = db.prepare<
      [number, number, string, number | null, number | null, number | null, string, number | null, string | null, number]
    >(
      `INSERT INTO transfers (coop_id, number, kind, swap_id, party_id, reverses_id, memo, actor_member_id, idempotency_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.takeNumber = db.prepare<[number], { number: number }>(
      'UPDATE coops SET next_entry_number = next_entry_number + 1 WHERE id = ? RETURNING next_entry_number - 1 AS number',
    );
    this.changes = db.prepare<[number], AccountChange>(
      `SELECT p.account_id AS accountId, a.household_id AS householdId, p.amount, a.balance AS after
       FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.transfer_id = ? ORDER BY p.id`,
    );
    this.entryByNumber = db.prepare<[number, number], EntryRow>(
      `SELECT t.id, t.number, t.coop_id AS coopId, t.kind, t.memo, n.note, t.swap_id AS swapId, t.reverses_id AS reversesId,
         (SELECT r.id FROM transfers r WHERE r.reverses_id = t.id) AS reversedBy, t.created_at AS createdAt
       FROM transfers t LEFT JOIN transfer_notes n ON n.transfer_id = t.id WHERE t.coop_id = ? AND t.number = ?`,
    );
    this.numberOf = db.prepare<[number], { number: number }>('SELECT number FROM transfers WHERE id = ?');
    // Starting credits a household still holds from the co-op: what it was given, less any of it reversed.
    this.startingIn = db.prepare<[number], { total: number }>(
      `SELECT coalesce(sum(p.amount), 0) AS total FROM postings p JOIN transfers t ON t.id = p.transfer_id
       LEFT JOIN transfers o ON o.id = t.reverses_id
       WHERE p.account_id = ? AND (t.kind = 'starting' OR o.kind = 'starting')`,
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
      `SELECT t.id AS transferId, t.number, t.kind, t.memo, n.note, p.amount, t.created_at AS createdAt, t.swap_id AS swapId
       FROM postings p JOIN transfers t ON t.id = p.transfer_id LEFT JOIN transfer_notes n ON n.transfer_id = t.id
       WHERE p.account_id = ? ORDER BY p.transfer_id DESC LIMIT ?`,
    );
    this.coopBalances = db.prepare<[number], AccountBalance>(
      'SELECT id AS accountId, household_id AS householdId, kind, balance FROM accounts WHERE coop_id = ? ORDER BY id',
    );
  }

  accountOfHousehold(householdId: number): number {
    return this.householdRow(householdId).id;
  }

  /** A household's balance, its account found and read in one statement. */
  householdBalance(householdId: number): number {
    return this.householdRow(householdId).balance;
  }

  issuanceAccount(coopId: number): number {
    const row = this.issuance.get(coopId);
    if (!row) throw new Error(`co-op ${coopId} has no issuance account`);
    return row.id;
  }

  private householdRow(householdId: number): { id: number; balance: number } {
    const row = this.householdAccount.get(householdId);
    if (!row) throw new Error(`household ${householdId} has no account`);
    return row;
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
    const number = this.takeNumber.get(transfer.coopId)?.number;
    if (number === undefined) throw new Error(`no co-op ${transfer.coopId}`);
    const id = Number(
      this.insertTransfer.run(
        transfer.coopId,
        number,
        transfer.kind,
        transfer.swapId ?? null,
        transfer.partyId ?? null,
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

  /** Every account a transfer moved, with its balance now (inside the writing transaction: just after it). */
  changesOf(transferId: number): AccountChange[] {
    return this.changes.all(transferId);
  }

  /** An entry of this co-op by the number members see; another co-op's entries do not exist from here. */
  entry(coopId: number, number: number): EntryRow | undefined {
    return this.entryByNumber.get(coopId, number);
  }

  /** The number members see for a transfer. */
  entryNumber(transferId: number): number | undefined {
    return this.numberOf.get(transferId)?.number;
  }

  /** The starting credits an account still holds from the co-op (given, less any reversed). */
  startingCreditsHeld(accountId: number): number {
    return this.startingIn.get(accountId)?.total ?? 0;
  }
}
