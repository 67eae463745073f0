import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createInterface } from 'node:readline';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLedger } from './support/invariants.ts';
import { REPO_ROOT, tempDir } from './support/run-console.ts';

// A child process trades (swaps and gifts, real Store and Dispatcher, DB file) until this test SIGKILLs it right
// after it reported N committed operations; N is random per round. The file must then open clean, hold every
// operation the child reported, keep the ledger invariants, and take more trading.

const CHILD = new URL('./support/crash-child.ts', import.meta.url).pathname;
const SEED = 4242;
const ROUNDS = 5;

const dirs: (() => void)[] = [];
afterAll(() => dirs.forEach((remove) => remove()));

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last `op <n> <transfers>` line it printed. */
  ops: number;
  transfers: number;
  ended: boolean;
  stderr: string;
}

/** Runs the child; with `killAfter` it is SIGKILLed as soon as it reports that many operations (0: at "ready"). */
function runChild(db: string, seed: number, opts: { killAfter?: number; maxOps?: number }): Promise<ChildRun> {
  const args = ['--import', 'tsx', CHILD, db, String(seed), ...(opts.maxOps ? [String(opts.maxOps)] : [])];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const result: ChildRun = { code: null, signal: null, ops: 0, transfers: 0, ended: false, stderr: '' };
  let killed = false;
  const kill = () => {
    if (!killed) child.kill('SIGKILL');
    killed = true;
  };
  child.stderr.on('data', (chunk: Buffer) => (result.stderr += chunk.toString('utf8')));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const op = /^op (\d+) (\d+)$/.exec(line);
    if (op) {
      result.ops = Number(op[1]);
      result.transfers = Number(op[2]);
    }
    if (line === 'end') result.ended = true;
    if (opts.killAfter !== undefined && (line === 'ready' || op) && result.ops >= opts.killAfter) kill();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ ...result, code, signal }));
  });
}

/** Nothing half-done: a completed swap has exactly one settlement, and a settlement belongs to a completed swap. */
function halfDoneSwaps(path: string): string[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    return db
      .prepare<[], { id: number; status: string; settlements: number }>(
        `SELECT s.id, s.status, (SELECT COUNT(*) FROM transfers t WHERE t.swap_id = s.id AND t.kind = 'swap') AS settlements
         FROM swaps s WHERE (s.status = 'completed') <> (settlements = 1) OR settlements > 1`,
      )
      .all()
      .map((r) => `swap ${r.id}: ${r.status} with ${r.settlements} settlement(s)`);
  } finally {
    db.close();
  }
}

const killPoints = fc.sample(fc.integer({ min: 0, max: 120 }), { seed: SEED, numRuns: ROUNDS });

describe('crash safety (SIGKILL mid-trading, real DB file)', () => {
  for (const [round, n] of killPoints.entries()) {
    it(`round ${round}: killed after ${n} operations, the DB reopens whole`, async () => {
      const dir = tempDir(`crash${round}`);
      dirs.push(dir.remove);

      const crashed = await runChild(dir.db, SEED + round, { killAfter: n });
      expect(crashed.stderr).toBe('');
      expect({ code: crashed.code, signal: crashed.signal }).toEqual({ code: null, signal: 'SIGKILL' });
      expect(crashed.ops).toBeGreaterThanOrEqual(n);

      const afterCrash = checkLedger(dir.db);
      expect(afterCrash.violations).toEqual([]);
      expect(halfDoneSwaps(dir.db)).toEqual([]);
      // What the child reported as committed survived (synchronous=FULL, WAL).
      expect(afterCrash.summary.transfers).toBeGreaterThanOrEqual(crashed.transfers);

      // The next start migrates nothing (so takes no backup), and trading goes on.
      const resumed = await runChild(dir.db, SEED + 100 + round, { maxOps: 12 });
      expect(readdirSync(dir.dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
      expect(resumed.stderr).toBe('');
      expect({ code: resumed.code, ended: resumed.ended, ops: resumed.ops }).toEqual({ code: 0, ended: true, ops: 12 });
      const afterResume = checkLedger(dir.db);
      expect(afterResume.violations).toEqual([]);
      expect(halfDoneSwaps(dir.db)).toEqual([]);
      expect(afterResume.summary.transfers).toBeGreaterThanOrEqual(afterCrash.summary.transfers);
    });
  }
});
