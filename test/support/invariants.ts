import type { Statement } from 'better-sqlite3';
import type { Db } from '../../src/db/connection.ts';

// The ledger invariants of DESIGN.md ("Data and the ledger"), checked straight from the tables with plain SQL and
// a replay in JS, so nothing here trusts the repositories it is checking. Throws on the first broken one.

export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}

export interface CheckOptions {
  /** Also run PRAGMA integrity_check (slower; for restored backups and file DBs). */
  integrity?: boolean;
}

// Prepared once per connection: the property test checks after every step.
const cache = new WeakMap<Db, Map<string, Statement>>();
function rows<Row>(db: Db, sql: string): Row[] {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let statement = perDb.get(sql);
  if (!statement) perDb.set(sql, (statement = db.prepare(sql)));
  return statement.all() as Row[];
}

function fail(invariant: string, detail: string): never {
  throw new InvariantError(`ledger invariant ${invariant} broken: ${detail}`);
}

interface PostingRow {
  id: number;
  transferId: number;
  accountId: number;
  amount: number;
  transferCoop: number;
  accountCoop: number;
}

interface TransferRow {
  id: number;
  kind: string;
  reversesId: number | null;
  coopId: number;
}

interface SettlementRow {
  swapId: number | null;
  n: number;
  status: string | null;
  swapCoop: number | null;
  coopId: number;
}

/** Replays every posting from empty, in id order: account id → balance. */
export function replayBalances(db: Db): Map<number, number> {
  const balances = new Map<number, number>();
  for (const account of rows<{ id: number }>(db, 'SELECT id FROM accounts')) balances.set(account.id, 0);
  for (const p of rows<{ accountId: number; amount: number }>(db, 'SELECT account_id AS accountId, amount FROM postings ORDER BY id')) {
    balances.set(p.accountId, (balances.get(p.accountId) ?? 0) + p.amount);
  }
  return balances;
}

export function checkInvariants(db: Db, options: CheckOptions = {}): void {
  if (options.integrity) {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') fail('7 (integrity)', `integrity_check says ${String(result)}`);
  }
  const fkProblems = db.pragma('foreign_key_check') as unknown[];
  if (fkProblems.length > 0) fail('(foreign keys)', `foreign_key_check found ${JSON.stringify(fkProblems.slice(0, 3))}`);

  const [orphaned] = rows<{ n: number }>(
    db,
    'SELECT count(*) AS n FROM postings WHERE transfer_id NOT IN (SELECT id FROM transfers) OR account_id NOT IN (SELECT id FROM accounts)',
  );
  if (orphaned && orphaned.n > 0) fail('1', `${orphaned.n} posting(s) point at a missing transfer or account`);
  const postings = rows<PostingRow>(
    db,
    `SELECT p.id, p.transfer_id AS transferId, p.account_id AS accountId, p.amount, t.coop_id AS transferCoop, a.coop_id AS accountCoop
     FROM postings p JOIN transfers t ON t.id = p.transfer_id JOIN accounts a ON a.id = p.account_id ORDER BY p.id`,
  );

  // 1: every transfer has >= 2 postings on distinct accounts of its own co-op, summing to zero.
  const byTransfer = new Map<number, PostingRow[]>();
  for (const p of postings) {
    if (p.transferCoop !== p.accountCoop) {
      fail('1', `posting ${p.id} of transfer ${p.transferId} (co-op ${p.transferCoop}) hits account ${p.accountId} of co-op ${p.accountCoop}`);
    }
    if (!Number.isSafeInteger(p.amount) || p.amount === 0) fail('1', `posting ${p.id} has amount ${p.amount}`);
    const list = byTransfer.get(p.transferId) ?? [];
    list.push(p);
    byTransfer.set(p.transferId, list);
  }
  const transfers = rows<TransferRow>(db, 'SELECT id, kind, reverses_id AS reversesId, coop_id AS coopId FROM transfers ORDER BY id');
  for (const t of transfers) {
    const list = byTransfer.get(t.id) ?? [];
    if (list.length < 2) fail('1', `transfer ${t.id} (${t.kind}) has ${list.length} posting(s), needs at least 2`);
    const sum = list.reduce((s, p) => s + p.amount, 0);
    if (sum !== 0) fail('1', `postings of transfer ${t.id} (${t.kind}) sum to ${sum}, not 0`);
    if (new Set(list.map((p) => p.accountId)).size !== list.length) fail('1', `transfer ${t.id} posts to one account twice`);
  }

  // 1: all balances of a co-op sum to zero (cached and from postings).
  for (const { coopId, cached } of rows<{ coopId: number; cached: number }>(db, 'SELECT coop_id AS coopId, SUM(balance) AS cached FROM accounts GROUP BY coop_id')) {
    if (cached !== 0) fail('1', `the balances of co-op ${coopId} sum to ${cached}, not 0`);
  }
  const postingSums = new Map<number, number>();
  for (const p of postings) postingSums.set(p.accountCoop, (postingSums.get(p.accountCoop) ?? 0) + p.amount);
  for (const [coopId, sum] of postingSums) if (sum !== 0) fail('1', `the postings of co-op ${coopId} sum to ${sum}, not 0`);

  // 2 and 7: each cached balance equals SUM(postings), and a replay from empty reproduces it.
  const sqlSums = new Map(
    rows<{ accountId: number; total: number }>(db, 'SELECT account_id AS accountId, SUM(amount) AS total FROM postings GROUP BY account_id').map((r) => [r.accountId, r.total]),
  );
  const replayed = replayBalances(db);
  for (const account of rows<{ id: number; balance: number; kind: string }>(db, 'SELECT id, balance, kind FROM accounts ORDER BY id')) {
    const fromSql = sqlSums.get(account.id) ?? 0;
    if (account.balance !== fromSql) fail('2', `account ${account.id} (${account.kind}) caches ${account.balance} but its postings sum to ${fromSql}`);
    const fromReplay = replayed.get(account.id) ?? 0;
    if (account.balance !== fromReplay) fail('7', `replaying postings gives account ${account.id} ${fromReplay}, the table says ${account.balance}`);
  }

  // 3: a reversal undoes exactly one earlier transfer of the same co-op, posting by posting.
  const byId = new Map(transfers.map((t) => [t.id, t]));
  const reversed = new Set<number>();
  for (const t of transfers) {
    if ((t.kind === 'reversal') !== (t.reversesId !== null)) fail('3', `transfer ${t.id} is ${t.kind} with reverses_id ${t.reversesId}`);
    if (t.reversesId === null) continue;
    const original = byId.get(t.reversesId);
    if (!original) fail('3', `reversal ${t.id} reverses missing transfer ${t.reversesId}`);
    if (reversed.has(original.id)) fail('3', `transfer ${original.id} is reversed more than once`);
    reversed.add(original.id);
    if (original.id >= t.id) fail('3', `reversal ${t.id} reverses a later transfer ${original.id}`);
    if (original.coopId !== t.coopId) fail('3', `reversal ${t.id} crosses co-ops`);
    const undo = new Map((byTransfer.get(original.id) ?? []).map((p) => [p.accountId, -p.amount]));
    const mine = byTransfer.get(t.id) ?? [];
    const exact = mine.length === undo.size && mine.every((p) => undo.get(p.accountId) === p.amount);
    if (!exact) fail('3', `reversal ${t.id} does not mirror the postings of transfer ${original.id}`);
  }

  // 4: idempotency keys are unique.
  const [dupKey] = rows<{ key: string; n: number }>(
    db,
    'SELECT idempotency_key AS key, count(*) AS n FROM transfers WHERE idempotency_key IS NOT NULL GROUP BY idempotency_key HAVING n > 1',
  );
  if (dupKey) fail('4', `idempotency key ${dupKey.key} recorded ${dupKey.n} times`);

  // 6: a settlement pays one family of one swap, at most once, in the swap's co-op, and only for a sit that counts:
  // the swap completed, or an admin decided the family's disputed seat with a payment.
  const settlements = rows<SettlementRow & { partyId: number | null; partySwap: number | null; decidedPaid: number | null }>(
    db,
    `SELECT t.swap_id AS swapId, t.party_id AS partyId, count(*) AS n, s.status, s.coop_id AS swapCoop, t.coop_id AS coopId,
       p.swap_id AS partySwap,
       (SELECT max(d.paid) FROM disputes d WHERE d.party_id = t.party_id AND d.resolved_at IS NOT NULL AND d.outcome != 'none') AS decidedPaid
     FROM transfers t LEFT JOIN swaps s ON s.id = t.swap_id LEFT JOIN swap_parties p ON p.id = t.party_id
     WHERE t.kind = 'swap' GROUP BY t.swap_id, t.party_id`,
  );
  for (const s of settlements) {
    if (s.swapId === null) fail('6', 'a swap settlement has no swap');
    if (s.n > 1) fail('6', `swap ${s.swapId} paid family party ${s.partyId} ${s.n} times`);
    if (s.partyId !== null && s.partySwap !== s.swapId) fail('6', `swap ${s.swapId} was settled for a party of swap ${s.partySwap}`);
    if (s.status !== 'completed' && !(s.decidedPaid !== null && s.decidedPaid > 0)) fail('6', `swap ${s.swapId} was settled but is ${s.status}`);
    if (s.swapCoop !== s.coopId) fail('6', `swap ${s.swapId} was settled in another co-op`);
  }
  const [badResolution] = rows<{ id: number; status: string }>(
    db,
    `SELECT id, status FROM swaps WHERE (status IN ('completed', 'cancelled', 'expired')) != (resolved_at IS NOT NULL)`,
  );
  if (badResolution) fail('6', `swap ${badResolution.id} is ${badResolution.status} but its resolved_at disagrees`);
}
