// Ledger writes: our LedgerRepository.record (with limits) against plain better-sqlite3 inserts of the same rows.
import type { Db } from '../src/db/connection.ts';
import { Store } from '../src/db/store.ts';
import { movement } from '../src/domain/ledger.ts';
import { DEFAULT_RULES } from '../src/domain/rules.ts';
import { elapsedMs, median } from './stats.ts';
import type { TempDir } from './temp-db.ts';

export interface LedgerBenchOptions {
  transfers: number;
  warmup: number;
  runs: number;
  households: number;
  /** Stop a run early (after a whole pair of blocks) once both writers together have spent this long: slow disks. */
  budgetMs: number;
  /** 'FULL' is the real pragma; 'OFF' takes the fsync out, leaving what the code itself costs. */
  synchronous: 'FULL' | 'OFF';
}

export interface LedgerBenchResult {
  synchronous: 'FULL' | 'OFF';
  /** Timed transfers per writer in each run; fewer than asked when the time budget ran out. */
  transfers: number[];
  warmup: number;
  runs: number;
  oursPerSecond: number[];
  plainPerSecond: number[];
  oursMedian: number;
  plainMedian: number;
  /** ours / plain, from the medians. */
  ratio: number;
}

type Variant = 'ours' | 'plain';

interface Book {
  store: Store;
  coopId: number;
  actorId: number;
  accounts: number[];
}

/** One co-op with `households` households at balance 0 (no starting credits: only the measured transfers move). */
function openBook(temp: TempDir, variant: Variant, options: LedgerBenchOptions): Book {
  const { db } = temp.openFresh(`ledger-${variant}`);
  const { households } = options;
  if (options.synchronous !== 'FULL') db.pragma(`synchronous = ${options.synchronous}`);
  const store = new Store(db);
  const now = Date.parse('2026-11-22T12:00:00Z');
  return store.transaction(() => {
    const coop = store.coops.create('console', 'bench', 'Bench co-op', 'Europe/London', now);
    const accounts: number[] = [];
    let actorId = 0;
    for (let i = 0; i < households; i += 1) {
      const { member, accountId } = store.members.create(coop.id, `h${i}`, `Household ${i}`, i === 0, now);
      if (i === 0) actorId = member.id;
      accounts.push(accountId);
    }
    return { store, coopId: coop.id, actorId, accounts };
  });
}

// Transfer k moves 1 h from household k to household k+1 (round the ring), so balances stay within -1 h..+1 h
// and the floor and cap checks always pass: we time the write path, not refusals.
function ring(book: Book, k: number): [number, number] {
  const n = book.accounts.length;
  return [book.accounts[k % n] ?? 0, book.accounts[(k + 1) % n] ?? 0];
}

function oursWriter(book: Book): (k: number) => void {
  const { store } = book;
  const limits = { floor: DEFAULT_RULES.floor, cap: DEFAULT_RULES.cap };
  return (k) => {
    const [from, to] = ring(book, k);
    store.transaction(() =>
      store.ledger.record(
        { coopId: book.coopId, kind: 'gift', postings: movement(from, to, 60), memo: 'bench', actorMemberId: book.actorId, at: 1_800_000_000_000 + k },
        { limits },
      ),
    );
  };
}

function plainWriter(book: Book): (k: number) => void {
  const db: Db = book.store.db;
  // Entries are numbered per co-op (migration 0006), from the counter the real ledger uses too.
  const takeNumber = db.prepare<[number], { n: number }>('UPDATE coops SET next_entry_number = next_entry_number + 1 WHERE id = ? RETURNING next_entry_number - 1 AS n');
  const insertTransfer = db.prepare<[number, number, string, string, number, number]>(
    'INSERT INTO transfers (coop_id, number, kind, memo, actor_member_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertPosting = db.prepare<[number | bigint, number, number]>('INSERT INTO postings (transfer_id, account_id, amount) VALUES (?, ?, ?)');
  const write = db.transaction((from: number, to: number, at: number) => {
    const id = insertTransfer.run(book.coopId, takeNumber.get(book.coopId)?.n ?? 0, 'gift', 'bench', book.actorId, at).lastInsertRowid;
    insertPosting.run(id, from, -60);
    insertPosting.run(id, to, 60);
  });
  return (k) => {
    const [from, to] = ring(book, k);
    write.immediate(from, to, 1_800_000_000_000 + k);
  };
}

const BLOCK = 500;

/**
 * One run: a fresh database per writer, both warmed up, then the timed transfers in alternating blocks of 500, so
 * both writers meet the same disk (each commit waits for an fsync, and its speed drifts). Returns transfers/s.
 */
function timeRun(temp: TempDir, options: LedgerBenchOptions, run: number): { transfers: number } & Record<Variant, number> {
  const books = { ours: openBook(temp, 'ours', options), plain: openBook(temp, 'plain', options) };
  try {
    const writers = { ours: oursWriter(books.ours), plain: plainWriter(books.plain) };
    const next = { ours: 0, plain: 0 };
    const ms = { ours: 0, plain: 0 };
    for (const variant of ['ours', 'plain'] as const) for (let i = 0; i < options.warmup; i += 1) writers[variant](next[variant]++);
    let timed = 0;
    for (let block = 0; timed < options.transfers && ms.ours + ms.plain < options.budgetMs; block += 1) {
      const size = Math.min(BLOCK, options.transfers - timed);
      timed += size;
      const order: Variant[] = (block + run) % 2 === 0 ? ['ours', 'plain'] : ['plain', 'ours'];
      for (const variant of order) {
        const write = writers[variant];
        const start = process.hrtime.bigint();
        for (let i = 0; i < size; i += 1) write(next[variant]++);
        ms[variant] += elapsedMs(start);
      }
    }
    checkBalanced(books.ours, options.warmup + timed);
    checkBalanced(books.plain, options.warmup + timed);
    return { transfers: timed, ours: timed / (ms.ours / 1000), plain: timed / (ms.plain / 1000) };
  } finally {
    books.ours.store.db.close();
    books.plain.store.db.close();
  }
}

/** Both variants must have written the same, balanced ledger: otherwise the comparison means nothing. */
function checkBalanced(book: Book, expected: number): void {
  const { db } = book.store;
  const row = db
    .prepare<[], { transfers: number; postings: number; total: number; drift: number }>(
      `SELECT (SELECT count(*) FROM transfers) AS transfers, (SELECT count(*) FROM postings) AS postings,
              (SELECT coalesce(sum(amount), 0) FROM postings) AS total,
              (SELECT count(*) FROM accounts a WHERE a.balance <> (SELECT coalesce(sum(amount), 0) FROM postings p WHERE p.account_id = a.id)) AS drift`,
    )
    .get();
  if (!row || row.transfers !== expected || row.postings !== 2 * expected || row.total !== 0 || row.drift !== 0) {
    throw new Error(`ledger bench wrote an unexpected ledger: ${JSON.stringify(row)} (expected ${expected} transfers)`);
  }
}

export function runLedgerBench(temp: TempDir, options: LedgerBenchOptions): LedgerBenchResult {
  const ours: number[] = [];
  const plain: number[] = [];
  const transfers: number[] = [];
  for (let run = 0; run < options.runs; run += 1) {
    const rates = timeRun(temp, options, run);
    transfers.push(rates.transfers);
    ours.push(rates.ours);
    plain.push(rates.plain);
  }
  const oursMedian = median(ours);
  const plainMedian = median(plain);
  return {
    synchronous: options.synchronous,
    transfers,
    warmup: options.warmup,
    runs: options.runs,
    oursPerSecond: ours,
    plainPerSecond: plain,
    oursMedian,
    plainMedian,
    ratio: oursMedian / plainMedian,
  };
}
