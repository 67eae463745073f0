import Database from 'better-sqlite3';
import type { Db } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { Store } from '../../src/db/store.ts';

// The query plans of every statement the Store prepares (test/db/query-plans.test.ts, and `npm run bench`).

/** Tables a scan may read whole: the planning queue holds only what changed since the last tick. */
const SMALL_TABLES = new Set(['plan_queue']);

export interface Plan {
  sql: string;
  scans: string[];
}

/** The SQL of every statement the Store prepares. */
export function storeStatements(): { db: Db; sql: string[] } {
  const db = new Database(':memory:');
  migrate(db);
  const sql: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    sql.push(source);
    return prepare(source);
  }) as Db['prepare'];
  new Store(db);
  db.prepare = prepare;
  return { db, sql };
}

/** EXPLAIN QUERY PLAN with every parameter bound to NULL (the plan does not depend on the values). */
export function explain(db: Db, sql: string): string[] {
  const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const named = [...new Set([...sql.matchAll(/[@:$]([a-z_]+)/gi)].map((m) => m[1] ?? ''))];
  if (named.length > 0) return statement.all(Object.fromEntries(named.map((n) => [n, null]))).map((r) => (r as { detail: string }).detail);
  for (let count = 0; count <= 30; count++) {
    try {
      return statement.all(...Array<null>(count).fill(null)).map((r) => (r as { detail: string }).detail);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  throw new Error(`could not bind the parameters of: ${sql}`);
}

/** Child tables whose foreign keys point at `table`. */
function childrenOf(db: Db, table: string): Set<string> {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => t.name);
  return new Set(tables.filter((t) => (db.pragma(`foreign_key_list(${t})`) as { table: string }[]).some((fk) => fk.table === table)));
}

/** The table a statement changes, if it changes one. */
function changedTable(sql: string): string | undefined {
  return /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(\w+)/i.exec(sql)?.[1];
}

/** The scans in a plan that read a whole table. */
export function tableScans(db: Db, sql: string, details: string[]): string[] {
  const changed = changedTable(sql);
  // Changing a parent row makes SQLite add a scan of each child table, run only while a foreign key violation is
  // outstanding in the statement (never, for the schema's immediate keys): a guard, not a read.
  const guarded = changed ? childrenOf(db, changed) : new Set<string>();
  return details.filter((detail) => {
    const scan = /^SCAN (\S+)/.exec(detail);
    if (!scan) return false;
    const name = scan[1] ?? '';
    if (name === 'CONSTANT' || name.startsWith('(') || detail.includes('VIRTUAL TABLE')) return false;
    const table = resolveAlias(sql, name);
    return !SMALL_TABLES.has(table) && !guarded.has(table);
  });
}

/** `s` in "FROM swaps s" is swaps. */
function resolveAlias(sql: string, name: string): string {
  const aliased = new RegExp(`\\b(\\w+)\\s+(?:AS\\s+)?${name}\\b(?=\\s*(?:,|JOIN|WHERE|ON|LEFT|ORDER|GROUP|LIMIT|\\)|$))`, 'i').exec(sql);
  const candidate = aliased?.[1];
  return candidate && !/^(FROM|JOIN|AS|ON|SELECT)$/i.test(candidate) ? candidate : name;
}

/** Every statement the Store prepares, with the whole-table scans in its plan. */
export function storePlans(): Plan[] {
  const { db, sql } = storeStatements();
  try {
    return sql.map((s) => ({ sql: s.replace(/\s+/g, ' ').trim(), scans: tableScans(db, s, explain(db, s)) }));
  } finally {
    db.close();
  }
}
