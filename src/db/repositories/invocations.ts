import type { Db } from '../connection.ts';

export class InvocationRepository {
  private readonly byKey;
  private readonly insert;

  constructor(db: Db) {
    this.byKey = db.prepare<[string], { fingerprint: string; reply: string }>(
      'SELECT fingerprint, reply FROM invocations WHERE idempotency_key = ?',
    );
    this.insert = db.prepare<[string, string, string, number]>(
      'INSERT INTO invocations (idempotency_key, fingerprint, reply, created_at) VALUES (?, ?, ?, ?)',
    );
  }

  find(key: string): { fingerprint: string; reply: string } | undefined {
    return this.byKey.get(key);
  }

  remember(key: string, fingerprint: string, reply: string, at: number): void {
    this.insert.run(key, fingerprint, reply, at);
  }
}
