import { closeSync, fsyncSync, openSync, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

// A file that is renamed into place must reach the disk first, and the rename itself too (the folder's entry):
// otherwise a power cut can leave a name that points at nothing, or at half a file.

export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some systems cannot open or fsync a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Syncs `from`, renames it over `to`, and syncs the folder; off the event loop, as a large file's fsync takes a while. */
export async function renameDurably(from: string, to: string): Promise<void> {
  const handle = await open(from, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(from, to);
  syncDir(dirname(to));
}

/** Removes an SQLite file and the journal files SQLite may have left beside it. */
export function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
