import type { Db } from '../connection.ts';

import type { UnpromptedKind } from '../../domain/delivery.ts';

export type { UnpromptedKind };

/** Messages a member did not ask for, counted per local week (no more than two). */
export class UnpromptedRepository {
  private readonly countWeek;
  private readonly insert;
  private readonly last;
  private readonly lastAny;

  constructor(db: Db) {
    this.countWeek = db.prepare<[number, string], { n: number }>(
      'SELECT count(*) AS n FROM unprompted_messages WHERE member_id = ? AND week = ?',
    );
    this.insert = db.prepare<[number, string, string, number]>(
      'INSERT INTO unprompted_messages (member_id, kind, week, sent_at) VALUES (?, ?, ?, ?)',
    );
    this.lastAny = db.prepare<[number], { at: number | null }>('SELECT max(sent_at) AS at FROM unprompted_messages WHERE member_id = ?');
    this.last = db.prepare<[number, string], { at: number | null }>(
      'SELECT max(sent_at) AS at FROM unprompted_messages WHERE member_id = ? AND kind = ?',
    );
  }

  /** When the member's last unprompted message went, of any kind. */
  lastSentAny(memberId: number): number | undefined {
    return this.lastAny.get(memberId)?.at ?? undefined;
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
