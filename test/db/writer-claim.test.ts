import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src/db/connection.ts';
import {
  claimWriter,
  HEARTBEAT_MS,
  readClaim,
  refuseIfClaimed,
  STALE_MS,
  WriterClaimedError,
  type ClaimOptions,
  type WriterClaimRow,
} from '../../src/db/writer-claim.ts';
import { tempDir } from '../e2e/support/run-console.ts';
import { createStore } from '../support/harness.ts';

// The claim between two connections to one real database file, each pretending to be a process (pid, host) with a
// clock the test moves. The real-process version (two `npm start`s, a SIGKILL) is in test/e2e/writer-claim.test.ts.

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const clean of cleanups.splice(0).reverse()) clean();
});

function twoConnections() {
  const dir = tempDir('claim');
  const a = createStore(dir.db).db;
  const b = createStore(dir.db).db;
  cleanups.push(dir.remove, () => a.close(), () => b.close());
  return { path: dir.db, a, b };
}

let time = Date.parse('2026-12-04T10:00:00Z');
const now = () => time;
const alive = new Set<number>();
const processOn = (host: string, pid: number, extra: ClaimOptions = {}): ClaimOptions => ({
  now,
  host,
  pid,
  isAlive: (p) => alive.has(p),
  ...extra,
});

function refusal(db: Db, path: string, options: ClaimOptions): WriterClaimedError {
  try {
    claimWriter(db, path, options);
  } catch (error) {
    if (error instanceof WriterClaimedError) return error;
    throw error;
  }
  throw new Error('the claim was taken');
}

describe('one writer per database', () => {
  it('refuses a second process while the first is alive, naming its pid and host in one line', () => {
    const { path, a, b } = twoConnections();
    alive.add(101);
    const first = claimWriter(a, path, processOn('home-server', 101));
    expect(first.tookOver).toBeUndefined();
    time += 5_000;
    const error = refusal(b, path, processOn('vps', 202));
    expect(error.message).toMatch(/^Another Breather is already using .*breather\.db \(pid 101 on host home-server, last seen 5 s ago\)\. /);
    expect(error.message).toMatch(/takes over 30 s after it was last seen\.$/);
    expect(error.message).not.toContain('\n');
    // Same host, a live process: refused too.
    expect(refusal(b, path, processOn('home-server', 303)).holder.pid).toBe(101);
    expect(readClaim(a)).toMatchObject({ pid: 101, host: 'home-server', instance: first.instance });
    first.release();
  });

  it('takes over at once when the holder was on this host and its process is gone (or is our own pid: a restarted container)', () => {
    const { path, a, b } = twoConnections();
    alive.add(111);
    claimWriter(a, path, processOn('box', 111));
    alive.delete(111); // SIGKILLed
    const second = claimWriter(b, path, processOn('box', 222));
    expect(second.tookOver).toMatchObject({ pid: 111, host: 'box', state: 'gone' });
    expect(readClaim(b)?.instance).toBe(second.instance);

    const third = claimWriter(a, path, processOn('box', 222)); // same pid as the recorded holder, a new run
    expect(third.tookOver).toMatchObject({ pid: 222, state: 'gone' });
  });

  it('takes over a holder on another host only once its heartbeat is older than the stated delay', () => {
    const { path, a, b } = twoConnections();
    vi.useFakeTimers({ now: time });
    alive.add(1);
    const lost: (WriterClaimRow | undefined)[] = [];
    const first = claimWriter(a, path, processOn('host-a', 1, { onLost: (holder) => lost.push(holder) }));
    // The heartbeat keeps it fresh: 100 s later it is still alive.
    for (let i = 0; i < 10; i++) {
      time += HEARTBEAT_MS;
      vi.advanceTimersByTime(HEARTBEAT_MS);
    }
    expect(readClaim(b)?.heartbeatAt).toBe(time);
    expect(refusal(b, path, processOn('host-b', 2)).holder.host).toBe('host-a');

    // Host A freezes (no heartbeat): at 30 s it still counts, just past 30 s it is taken over.
    time += STALE_MS;
    expect(() => claimWriter(b, path, processOn('host-b', 2))).toThrow(WriterClaimedError);
    time += 1;
    const second = claimWriter(b, path, processOn('host-b', 2));
    expect(second.tookOver).toMatchObject({ host: 'host-a', pid: 1, state: 'stale' });

    // When A wakes, its next heartbeat finds it lost the claim: it is told who has it, and stops beating.
    time += HEARTBEAT_MS;
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(lost).toEqual([expect.objectContaining({ host: 'host-b', pid: 2, instance: second.instance })]);
    vi.advanceTimersByTime(5 * HEARTBEAT_MS);
    expect(lost).toHaveLength(1);
    // Its release does not remove the new holder's claim.
    first.release();
    expect(readClaim(b)?.instance).toBe(second.instance);
  });

  it('refuses before migrating when a live process holds the database, so a second start never changes its schema', () => {
    const { path, a, b } = twoConnections();
    alive.add(41);
    const first = claimWriter(a, path, processOn('h', 41));
    expect(() => refuseIfClaimed(b, path, processOn('h', 42))).toThrow(/pid 41 on host h/);
    alive.delete(41);
    expect(() => refuseIfClaimed(b, path, processOn('h', 42))).not.toThrow();
    first.release();
    // A database from before the claim existed (no table yet) has nothing to refuse.
    const old = new Database(':memory:');
    cleanups.push(() => old.close());
    expect(() => refuseIfClaimed(old, join(path, '..', 'old.db'), processOn('h', 42))).not.toThrow();
  });

  it('a clean release frees the database; :memory: needs no claim', () => {
    const { path, a, b } = twoConnections();
    alive.add(7);
    const first = claimWriter(a, path, processOn('h', 7));
    first.release();
    expect(readClaim(a)).toBeUndefined();
    expect(claimWriter(b, path, processOn('h2', 8)).tookOver).toBeUndefined();

    const memory = createStore(':memory:').db;
    cleanups.push(() => memory.close());
    claimWriter(memory, ':memory:', processOn('h', 7));
    expect(readClaim(memory)).toBeUndefined();
  });
});
