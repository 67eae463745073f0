import Database from 'better-sqlite3';

// Opens a DB file the way an operator would after a crash or a run, and checks the ledger's invariants
// (DESIGN.md, "Data and the ledger"). Each check returns what it found wrong, so a failure names the rows.

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

function integrity(db: Db): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const result = rows.map((r) => r.integrity_check);
  const fk = db.pragma('foreign_key_check') as unknown[];
  return [
    ...(result.length === 1 && result[0] === 'ok' ? [] : [`integrity_check: ${result.join('; ')}`]),
    ...(fk.length ? [`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`] : []),
  ];
}

function transfersBalance(db: Db): string[] {
  const rows = db
    .prepare<[], { id: number; n: number; total: number }>(
      `SELECT t.id, COUNT(p.id) AS n, COALESCE(SUM(p.amount), 0) AS total
       FROM transfers t LEFT JOIN postings p ON p.transfer_id = t.id
       GROUP BY t.id HAVING total <> 0 OR n < 2`,
    )
    .all();
  return rows.map((r) => `transfer ${r.id}: ${r.n} postings summing to ${r.total} (want ≥ 2 summing to 0)`);
}

function coopsBalance(db: Db): string[] {
  const rows = db
    .prepare<[], { coop_id: number; cached: number; posted: number }>(
      `SELECT a.coop_id, SUM(a.balance) AS cached,
              COALESCE((SELECT SUM(p.amount) FROM postings p JOIN accounts b ON b.id = p.account_id WHERE b.coop_id = a.coop_id), 0) AS posted
       FROM accounts a GROUP BY a.coop_id`,
    )
    .all();
  return rows
    .filter((r) => r.cached !== 0 || r.posted !== 0)
    .map((r) => `co-op ${r.coop_id}: balances sum to ${r.cached}, postings to ${r.posted} (want 0)`);
}

function cachedBalances(db: Db): string[] {
  const rows = db
    .prepare<[], { id: number; balance: number; posted: number }>(
      `SELECT a.id, a.balance, COALESCE(SUM(p.amount), 0) AS posted
       FROM accounts a LEFT JOIN postings p ON p.account_id = a.id
       GROUP BY a.id HAVING a.balance <> posted`,
    )
    .all();
  return rows.map((r) => `account ${r.id}: cached balance ${r.balance}, postings sum ${r.posted}`);
}

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
    violations: [...integrity(db), ...transfersBalance(db), ...coopsBalance(db), ...cachedBalances(db), ...replay(db)],
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
