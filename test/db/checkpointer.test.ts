import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer, type CheckpointResult } from '../../src/db/checkpointer.ts';
import { openDatabase } from '../../src/db/connection.ts';

// WAL checkpoints off the request path: the serving connection never checkpoints on a commit; a worker thread with
// its own connection does, every few seconds.

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the checkpointer', () => {
  it('turns off checkpoints on the serving connection and checkpoints from a worker; closing leaves no log behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'breather-checkpoint-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    const db = openDatabase(path);
    db.exec('CREATE TABLE t (x TEXT)');
    const seen: CheckpointResult[] = [];
    let copied: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (copied = resolve));
    const checkpointer = await startCheckpointer(db, path, {
      everyMs: 20,
      onCheckpoint: (result) => {
        seen.push(result);
        if (result.checkpointed > 1_000) copied();
      },
    });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    // Well past the 1,000 pages at which a commit would otherwise checkpoint by itself.
    for (let i = 0; i < 60; i++) db.transaction(() => { for (let j = 0; j < 100; j++) insert.run('x'.repeat(1_000)); })();
    await done;
    expect(seen.some((r) => r.checkpointed > 1_000)).toBe(true);
    await checkpointer.stop();
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});
