import type { Db } from '../connection.ts';

export type DraftKind = 'request' | 'offer' | 'session' | 'quote';

/** What a question about an unclear `when:` keeps for its buttons: the kids and the note, which do not fit in one. */
export interface SwapDraft {
  id: number;
  coopId: number;
  memberId: number;
  kind: DraftKind;
  kids: number | null;
  note: string | null;
  createdAt: number;
}

export class DraftRepository {
  private readonly insert;
  private readonly byId;
  private readonly remove;

  constructor(db: Db) {
    this.insert = db.prepare<[number, number, string, number | null, string | null, number]>(
      'INSERT INTO swap_drafts (coop_id, member_id, kind, kids, note, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.byId = db.prepare<[number], SwapDraft>(
      'SELECT id, coop_id AS coopId, member_id AS memberId, kind, kids, note, created_at AS createdAt FROM swap_drafts WHERE id = ?',
    );
    this.remove = db.prepare<[number]>('DELETE FROM swap_drafts WHERE id = ?');
  }

  save(draft: Omit<SwapDraft, 'id'>): number {
    return Number(this.insert.run(draft.coopId, draft.memberId, draft.kind, draft.kids, draft.note, draft.createdAt).lastInsertRowid);
  }

  get(id: number): SwapDraft | undefined {
    return this.byId.get(id);
  }

  drop(id: number): void {
    this.remove.run(id);
  }
}
