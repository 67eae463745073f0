import type { Db } from '../connection.ts';

export type UnpromptedKind = 'checkin' | 'nudge_high' | 'nudge_low' | 'first_ask';

/** Messages a member did not ask for, counted per local week (no more than two). */
export class UnpromptedRepository {
  private readonly countWeek;
  private readonly insert;
  private readonly last;

  constructor(db: Db) {
    this.countWeek = db.prepare<[number, string], { n: number }>(
      'SELECT count(*) AS n FROM unprompted_messages WHERE member_id = ? AND week = ?',
    );
    this.insert = db.prepare<[number, string, string, number]>(
      'INSERT INTO unprompted_messages (member_id, kind, week, sent_at) VALUES (?, ?, ?, ?)',
    );
    this.last = db.prepare<[number, string], { at: number | null }>(
      'SELECT max(sent_at) AS at FROM unprompted_messages WHERE member_id = ? AND kind = ?',
    );
  }

  countInWeek(memberId: number, week: string): number {
    return this.countWeek.get(memberId, week)?.n ?? 0;
  }

  record(memberId: number, kind: UnpromptedKind, week: string, at: number): void {
    this.insert.run(memberId, kind, week, at);
  }

  lastSent(memberId: number, kind: UnpromptedKind): number | undefined {
    return this.last.get(memberId, kind)?.at ?? undefined;
  }
}
