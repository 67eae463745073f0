import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer, type CheckpointResult } from '../../src/db/checkpointer.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { Store } from '../../src/db/store.ts';

// WAL checkpoints off the request path: the serving connection never checkpoints on a commit; a worker thread with
// its own connection does, every few seconds, while there is something to checkpoint.

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function freshStore(): { store: Store; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'breather-checkpoint-'));
  dirs.push(dir);
  const path = join(dir, 'db.sqlite');
  const db = openDatabase(path);
  migrate(db, { path });
  db.exec('CREATE TABLE t (x TEXT)');
  return { store: new Store(db), path };
}

/** Resolves with the first value a listener is given that passes `test`. */
function first<T>(subscribe: (listener: (value: T) => void) => void, test: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => subscribe((value) => test(value) && resolve(value)));
}

describe('the checkpointer', () => {
  it('turns off checkpoints on the serving connection and checkpoints from a worker; closing leaves no log behind', async () => {
    const { store, path } = freshStore();
    const listeners: ((r: CheckpointResult) => void)[] = [];
    const checkpointer = await startCheckpointer(store, path, { everyMs: 20, startAfterWrites: 10, onCheckpoint: (r) => listeners.forEach((l) => l(r)) });
    const copied = first<CheckpointResult>((l) => listeners.push(l), (r) => r.checkpointed > 1_000);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const insert = store.db.prepare('INSERT INTO t (x) VALUES (?)');
    // Well past the 1,000 pages at which a commit would otherwise checkpoint by itself.
    for (let i = 0; i < 60; i++) store.transaction(() => { for (let j = 0; j < 100; j++) insert.run('x'.repeat(1_000)); });
    expect((await copied).checkpointed).toBeGreaterThan(1_000);
    await checkpointer.stop();
    store.db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('runs only while there is something to checkpoint: after enough writes, or at once for a wave; it stops when idle', async () => {
    const { store, path } = freshStore();
    const idle: (() => void)[] = [];
    const checkpoints: ((r: CheckpointResult) => void)[] = [];
    const checkpointer = await startCheckpointer(store, path, {
      everyMs: 20,
      startAfterWrites: 5,
      idleChecks: 3,
      onIdle: () => idle.forEach((l) => l()),
      onCheckpoint: (r) => checkpoints.forEach((l) => l(r)),
    });
    const insert = store.db.prepare('INSERT INTO t (x) VALUES (?)');
    const write = () => store.transaction(() => insert.run('a row'));
    try {
      // A quiet bot holds no worker thread.
      expect(checkpointer.running).toBe(false);
      for (let i = 0; i < 4; i++) write();
      expect(checkpointer.running).toBe(false);
      const copied = first<CheckpointResult>((l) => checkpoints.push(l), (r) => r.checkpointed > 0);
      write();
      expect(checkpointer.running).toBe(true);
      await copied;
      // Nothing new for three checkpoints in a row: the worker goes.
      await first<void>((l) => idle.push(l), () => true);
      expect(checkpointer.running).toBe(false);
      // The scheduler's thread starting a tick brings it back at once.
      store.batchesElsewhere.begin();
      expect(checkpointer.running).toBe(true);
      store.batchesElsewhere.end();
    } finally {
      await checkpointer.stop();
    }
    expect(checkpointer.running).toBe(false);
    write(); // after stop, writes start nothing
    expect(checkpointer.running).toBe(false);
    store.db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});
