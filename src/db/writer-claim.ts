import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from './connection.ts';

// One writer per database. The process serving the bot holds the one row of `writer_claim` (pid, host, a random
// instance id, a heartbeat). Why a row rather than an OS lock on a file beside the database: Node has no flock,
// a lock file cannot be taken over atomically after a crash (two starters can both delete a stale one), while a
// BEGIN IMMEDIATE transaction decides between two starters for us, on the file that matters.
//
// A claim is free when there is no row, when its heartbeat is older than `staleMs` (default 30 s: the holder
// refreshes it every 10 s, so it missed three), or at once when the holder was on this host and its process is gone.

export interface WriterClaimRow {
  instance: string;
  pid: number;
  host: string;
  claimedAt: number;
  heartbeatAt: number;
}

/** The bit of the logger this needs (the db floor does not import the logger). */
export interface ClaimLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface ClaimOptions {
  now?: () => number;
  /** Stale after this long without a heartbeat. */
  staleMs?: number;
  heartbeatMs?: number;
  /** Who we are; tests pretend to be another host or process. */
  pid?: number;
  host?: string;
  /** Whether a process of this host is alive (tests stand in for the OS). */
  isAlive?: (pid: number) => boolean;
  /** Called when a heartbeat finds another process took the claim: this one must stop writing at once. */
  onLost?: (holder: WriterClaimRow | undefined) => void;
  /** Says when the claim is taken (info) or taken over (warn), and when a heartbeat could not be written. */
  log?: ClaimLog;
}

export const STALE_MS = 30_000;
export const HEARTBEAT_MS = 10_000;

export type HolderState = 'alive' | 'gone' | 'stale';

/** A start refused: another live process holds the database. */
export class WriterClaimedError extends Error {
  override readonly name = 'WriterClaimedError';
  constructor(
    readonly holder: WriterClaimRow,
    readonly path: string,
    readonly staleMs: number,
    now: number,
  ) {
    const seen = Math.max(0, Math.round((now - holder.heartbeatAt) / 1000));
    super(
      `Another Breather is already using ${path} (pid ${holder.pid} on host ${holder.host}, last seen ${seen} s ago). ` +
        `Stop that one first; if it has died, a new start takes over ${Math.round(staleMs / 1000)} s after it was last seen.`,
    );
  }
}

/** What a process that lost its claim says before it stops. */
export function lostClaimMessage(holder: WriterClaimRow | undefined): string {
  const who = holder ? `pid ${holder.pid} on host ${holder.host}` : 'another process';
  return `Another Breather (${who}) took over this database, so this one stops: only one may write to it.`;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
}

interface Row {
  instance: string;
  pid: number;
  host: string;
  claimed_at: number;
  heartbeat_at: number;
}

const toClaim = (r: Row): WriterClaimRow => ({ instance: r.instance, pid: r.pid, host: r.host, claimedAt: r.claimed_at, heartbeatAt: r.heartbeat_at });

export function readClaim(db: Db): WriterClaimRow | undefined {
  const row = db.prepare<[], Row>('SELECT instance, pid, host, claimed_at, heartbeat_at FROM writer_claim WHERE id = 1').get();
  return row && toClaim(row);
}

/** Whether a recorded holder still counts, seen from process `me` on host `host`. */
export function holderState(
  holder: WriterClaimRow,
  now: number,
  me: { pid: number; host: string; isAlive: (pid: number) => boolean; staleMs: number },
): HolderState {
  if (now - holder.heartbeatAt > me.staleMs) return 'stale';
  // Same host: our own pid is a previous run of us (a container restarts with the same pid), else ask the OS.
  if (holder.host === me.host && (holder.pid === me.pid || !me.isAlive(holder.pid))) return 'gone';
  return 'alive';
}

function whoAmI(options: ClaimOptions) {
  const staleMs = options.staleMs ?? STALE_MS;
  return { pid: options.pid ?? process.pid, host: options.host ?? hostname(), isAlive: options.isAlive ?? processAlive, staleMs };
}

/**
 * Before migrating: throws WriterClaimedError when a live process holds this database, so a second start (an
 * upgraded copy started next to the running one, say) never changes the schema under it. A database without the
 * claim table yet has nothing to check; the claim itself is taken after migrating, by `claimWriter`.
 */
export function refuseIfClaimed(db: Db, path: string, options: ClaimOptions = {}): void {
  if (path === ':memory:') return;
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'writer_claim'").get();
  const holder = hasTable ? readClaim(db) : undefined;
  const at = (options.now ?? Date.now)();
  const me = whoAmI(options);
  if (holder && holderState(holder, at, me) === 'alive') throw new WriterClaimedError(holder, path, me.staleMs, at);
}

export interface WriterClaim {
  readonly instance: string;
  /** The holder this claim replaced (it had died), if any. */
  readonly tookOver?: WriterClaimRow & { state: HolderState };
  /** Stops the heartbeat and deletes the row: call before closing the database on a clean shutdown. */
  release(): void;
}

/**
 * Takes the claim on `db` (after migrating) or throws WriterClaimedError naming the holder. Starts the heartbeat;
 * its timer does not keep the process alive. `:memory:` databases need no claim.
 */
export function claimWriter(db: Db, path: string, options: ClaimOptions = {}): WriterClaim {
  const now = options.now ?? Date.now;
  const staleMs = options.staleMs ?? STALE_MS;
  const me = whoAmI(options);
  const instance = randomUUID();
  if (path === ':memory:') return { instance, release: () => undefined };

  const tookOver = db
    .transaction((): (WriterClaimRow & { state: HolderState }) | undefined => {
      const at = now();
      const holder = readClaim(db);
      const state = holder && holderState(holder, at, me);
      if (holder && state === 'alive') throw new WriterClaimedError(holder, path, staleMs, at);
      db.prepare<[string, number, string, number, number]>(
        `INSERT INTO writer_claim (id, instance, pid, host, claimed_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET instance = excluded.instance, pid = excluded.pid, host = excluded.host,
           claimed_at = excluded.claimed_at, heartbeat_at = excluded.heartbeat_at`,
      ).run(instance, me.pid, me.host, at, at);
      return holder && state ? { ...holder, state } : undefined;
    })
    .immediate();

  const beat = db.prepare<[number, string]>('UPDATE writer_claim SET heartbeat_at = ? WHERE id = 1 AND instance = ?');
  const timer = setInterval(() => {
    try {
      if (beat.run(now(), instance).changes === 0) {
        clearInterval(timer);
        options.onLost?.(readClaim(db));
      }
    } catch (error) {
      // Busy or a disk hiccup: the claim stays ours until it is stale, and the next beat tries again.
      options.log?.warn({ err: error }, 'writer claim heartbeat failed');
    }
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  timer.unref();

  if (tookOver) options.log?.warn({ instance, previous: tookOver }, 'writer claim taken over from a process that died');
  else options.log?.info({ instance }, 'writer claim taken');

  let released = false;
  return {
    instance,
    ...(tookOver ? { tookOver } : {}),
    release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      if (!db.open) return;
      db.prepare<[string]>('DELETE FROM writer_claim WHERE id = 1 AND instance = ?').run(instance);
    },
  };
}
