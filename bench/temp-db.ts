import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';

/** A scratch folder for the bench's databases, removed at the end whatever happens. */
export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'breather-bench-'));
  private count = 0;

  /** A fresh file database with the real pragmas (src/db/connection.ts) and every migration applied. */
  openFresh(name: string): { db: Db; file: string } {
    this.count += 1;
    const file = join(this.path, `${this.count}-${name}.db`);
    const db = openDatabase(file);
    migrate(db, { path: file });
    return { db, file };
  }

  /** Deletes one database (and its WAL) made by openFresh, once it is closed. */
  drop(file: string): void {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** Bytes on disk of the database and its WAL. */
export function databaseBytes(file: string): number {
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  return size(file) + size(`${file}-wal`);
}
