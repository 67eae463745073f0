import Database from 'better-sqlite3';
import { integrityProblems, ledgerProblems } from '../../../src/db/ledger-check.ts';

// Opens a DB file the way an operator would after a crash or a run, and checks the ledger's invariants
// (DESIGN.md, "Data and the ledger"): the same checks a backup passes (src/db/ledger-check.ts) plus a replay of
// every posting. Each check returns what it found wrong, so a failure names the rows.

export interface LedgerSummary {
  transfers: number;
  postings: number;
  byKind: Record<string, number>;
}

export interface InvariantReport {
  /** Empty when every invariant holds. */
  violations: string[];
  summary: LedgerSummary;
}

type Db = Database.Database;

/** Replays every posting from empty, in order, and compares with every account's balance. */
function replay(db: Db): string[] {
  const replayed = new Map<number, number>();
  for (const p of db.prepare<[], { account_id: number; amount: number }>('SELECT account_id, amount FROM postings ORDER BY id').iterate()) {
    replayed.set(p.account_id, (replayed.get(p.account_id) ?? 0) + p.amount);
  }
  const problems: string[] = [];
  const accounts = db.prepare<[], { id: number; balance: number }>('SELECT id, balance FROM accounts').all();
  const known = new Set(accounts.map((a) => a.id));
  for (const a of accounts) {
    const value = replayed.get(a.id) ?? 0;
    if (value !== a.balance) problems.push(`replay: account ${a.id} replays to ${value}, holds ${a.balance}`);
  }
  for (const id of replayed.keys()) if (!known.has(id)) problems.push(`replay: postings for missing account ${id}`);
  return problems;
}

function summarise(db: Db): LedgerSummary {
  const kinds = db.prepare<[], { kind: string; n: number }>('SELECT kind, COUNT(*) AS n FROM transfers GROUP BY kind').all();
  const count = (table: string) => db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n ?? 0;
  return { transfers: count('transfers'), postings: count('postings'), byKind: Object.fromEntries(kinds.map((k) => [k.kind, k.n])) };
}

function withDb<T>(path: string, work: (db: Db) => T): T {
  // Not read-only: after a crash, opening the file is what recovers the WAL, as the next start would.
  const db = new Database(path, { fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export function checkLedger(path: string): InvariantReport {
  return withDb(path, (db) => ({
    violations: [...integrityProblems(db), ...ledgerProblems(db), ...replay(db)],
    summary: summarise(db),
  }));
}

/** Each household's balance in credit-minutes, by the display name of its first member, in one co-op. */
export function balancesByName(path: string, platform = 'console', coopRef = 'console'): Record<string, number> {
  return withDb(path, (db) => {
    const rows = db
      .prepare<[string, string], { name: string; balance: number }>(
        `SELECT m.display_name AS name, a.balance
         FROM members m JOIN accounts a ON a.household_id = m.household_id JOIN coops c ON c.id = m.coop_id
         WHERE c.platform = ? AND c.external_ref = ? ORDER BY m.id`,
      )
      .all(platform, coopRef);
    return Object.fromEntries(rows.map((r) => [r.name, r.balance]));
  });
}
