import type { Db } from '../connection.ts';

/** This installation of Breather: an id made once, when the database was created, and never shown to anyone. */
export class InstallationRepository {
  private cached: string | undefined;
  private readonly one;

  constructor(db: Db) {
    this.one = db.prepare<[], { id: string }>('SELECT id FROM installation WHERE singleton = 1');
  }

  id(): string {
    this.cached ??= this.one.get()?.id;
    if (!this.cached) throw new Error('the installation has no id (migration 0008 missing?)');
    return this.cached;
  }
}
