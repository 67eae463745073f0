import type { Db } from '../connection.ts';

export type SitThreadStatus = 'asked' | 'open' | 'not_opened' | 'archived';

export interface SitThread {
  id: number;
  coopId: number;
  swapId: number;
  subject: string;
  status: SitThreadStatus;
  threadRef: string | null;
  note: string | null;
}

const COLUMNS = 'id, coop_id AS coopId, swap_id AS swapId, subject, status, thread_ref AS threadRef, note';

/** The private thread of each accepted sit, and the neighbour a request asks first. */
export class SitThreadRepository {
  private readonly insert;
  private readonly bySubject;
  private readonly bySwap;
  private readonly open;
  private readonly notOpened;
  private readonly archived;
  private readonly prefer;
  private readonly preferred;

  constructor(db: Db) {
    this.insert = db.prepare<[number, number, string, number]>(
      'INSERT INTO sit_threads (coop_id, swap_id, subject, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (coop_id, subject) DO NOTHING',
    );
    this.bySubject = db.prepare<[number, string], SitThread>(`SELECT ${COLUMNS} FROM sit_threads WHERE coop_id = ? AND subject = ?`);
    this.bySwap = db.prepare<[number], SitThread>(`SELECT ${COLUMNS} FROM sit_threads WHERE swap_id = ? ORDER BY id`);
    this.open = db.prepare<[string, number, number, string]>(
      "UPDATE sit_threads SET status = 'open', thread_ref = ?, opened_at = ? WHERE coop_id = ? AND subject = ? AND status = 'asked'",
    );
    this.notOpened = db.prepare<[string, number, string]>(
      "UPDATE sit_threads SET status = 'not_opened', note = ? WHERE coop_id = ? AND subject = ? AND status = 'asked'",
    );
    this.archived = db.prepare<[number, number]>("UPDATE sit_threads SET status = 'archived', archived_at = ? WHERE id = ? AND status = 'open'");
    this.prefer = db.prepare<[number, number, number]>('INSERT OR REPLACE INTO swap_preferred_sitters (swap_id, member_id, asked_at) VALUES (?, ?, ?)');
    this.preferred = db.prepare<[number], { memberId: number }>('SELECT member_id AS memberId FROM swap_preferred_sitters WHERE swap_id = ?');
  }

  /** Records that a sit's thread was asked for; asking twice for one subject keeps the first. */
  ask(coopId: number, swapId: number, subject: string, at: number): void {
    this.insert.run(coopId, swapId, subject, at);
  }

  find(coopId: number, subject: string): SitThread | undefined {
    return this.bySubject.get(coopId, subject);
  }

  ofSwap(swapId: number): SitThread[] {
    return this.bySwap.all(swapId);
  }

  opened(coopId: number, subject: string, threadRef: string, at: number): void {
    this.open.run(threadRef, at, coopId, subject);
  }

  notOpenedBecause(coopId: number, subject: string, reason: string): void {
    this.notOpened.run(reason.slice(0, 200), coopId, subject);
  }

  markArchived(id: number, at: number): void {
    this.archived.run(at, id);
  }

  preferSitter(swapId: number, memberId: number, at: number): void {
    this.prefer.run(swapId, memberId, at);
  }

  preferredSitter(swapId: number): number | undefined {
    return this.preferred.get(swapId)?.memberId;
  }
}
