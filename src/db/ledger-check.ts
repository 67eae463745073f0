import type { Db } from './connection.ts';

// The checks a backup must pass before it is kept, and a file before it is restored (DESIGN.md, "Data and the
// ledger", invariant 7): SQLite's own integrity check, then the ledger's invariants 1 and 2 in plain SQL, so nothing
// here trusts the repositories. Each check returns what it found wrong, naming the rows; empty means it holds.

/** The tables a file must have to be a Breather database at all. */
const BREATHER_TABLES = ['coops', 'accounts', 'transfers', 'postings'];

/** PRAGMA integrity_check and foreign_key_check. */
export function integrityProblems(db: Db): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const result = rows.map((r) => r.integrity_check);
  const fk = db.pragma('foreign_key_check') as unknown[];
  return [
    ...(result.length === 1 && result[0] === 'ok' ? [] : [`integrity_check: ${result.slice(0, 5).join('; ')}`]),
    ...(fk.length ? [`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`] : []),
  ];
}

/** Invariant 1: every transfer has at least two postings, summing to zero. */
export function transferProblems(db: Db): string[] {
  const rows = db
    .prepare<[], { id: number; n: number; total: number }>(
      `SELECT t.id, COUNT(p.id) AS n, COALESCE(SUM(p.amount), 0) AS total
       FROM transfers t LEFT JOIN postings p ON p.transfer_id = t.id
       GROUP BY t.id HAVING total <> 0 OR n < 2`,
    )
    .all();
  return rows.map((r) => `transfer ${r.id}: ${r.n} postings summing to ${r.total} (want ≥ 2 summing to 0)`);
}

/** Invariant 1: the balances of every co-op sum to zero, cached and from the postings. */
export function coopProblems(db: Db): string[] {
  const rows = db
    .prepare<[], { coop_id: number; cached: number; posted: number }>(
      `SELECT a.coop_id, SUM(a.balance) AS cached, COALESCE(SUM(p.posted), 0) AS posted
       FROM accounts a LEFT JOIN (SELECT account_id, SUM(amount) AS posted FROM postings GROUP BY account_id) p
         ON p.account_id = a.id
       GROUP BY a.coop_id`,
    )
    .all();
  return rows
    .filter((r) => r.cached !== 0 || r.posted !== 0)
    .map((r) => `co-op ${r.coop_id}: balances sum to ${r.cached}, postings to ${r.posted} (want 0)`);
}

/** Invariant 2: each cached account balance equals the sum of its postings. */
export function balanceProblems(db: Db): string[] {
  const rows = db
    .prepare<[], { id: number; balance: number; posted: number }>(
      `SELECT a.id, a.balance, COALESCE(p.posted, 0) AS posted
       FROM accounts a LEFT JOIN (SELECT account_id, SUM(amount) AS posted FROM postings GROUP BY account_id) p
         ON p.account_id = a.id
       WHERE a.balance <> COALESCE(p.posted, 0)`,
    )
    .all();
  return rows.map((r) => `account ${r.id}: cached balance ${r.balance}, postings sum ${r.posted}`);
}

/** Invariants 1 and 2. */
export function ledgerProblems(db: Db): string[] {
  return [...transferProblems(db), ...balanceProblems(db), ...coopProblems(db)];
}

/** Why this is not a Breather database this code can use, or undefined when it is one. */
export function schemaProblem(db: Db, latestVersion: number): string | undefined {
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = new Set(
    db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name),
  );
  if (version < 1 || BREATHER_TABLES.some((t) => !tables.has(t))) return 'it is an SQLite file, but not a Breather database';
  if (version > latestVersion) {
    return `its schema is version ${version}, newer than this Breather (${latestVersion}); update Breather first`;
  }
  return undefined;
}

/** Everything a backup or a file to restore must pass, in order; stops at the first kind of problem found. */
export function databaseProblems(db: Db, latestVersion: number): string[] {
  const schema = schemaProblem(db, latestVersion);
  if (schema) return [schema];
  const integrity = integrityProblems(db);
  if (integrity.length) return integrity;
  return ledgerProblems(db);
}
