import type { Db } from '../connection.ts';

export type BreakSource = 'log' | 'checkin';

export interface BreakEntry {
  id: number;
  week: string;
  source: BreakSource;
  note: string | null;
  takenAt: number;
}

/** A sit in which the member was the one sat for: it counts as a break on its own. */
export interface SitFor {
  swapId: number;
  number: number;
  startsAt: number;
  endsAt: number;
  sitterName: string | null;
}

/** A sit of a co-op with the member who was sat for. */
export interface CoopSitFor extends SitFor {
  memberId: number;
}

const SITTER_NAME = `(SELECT m.display_name FROM swap_parties q JOIN members m ON m.id = q.member_id
  WHERE q.swap_id = s.id AND q.role = 'sitter' AND q.status = 'active' LIMIT 1)`;

export class BreakRepository {
  private readonly insert;
  private readonly insertCheckin;
  private readonly checkinOfWeek;
  private readonly setNoteStmt;
  private readonly ofMember;
  private readonly sitsForMember;
  private readonly sitsOfCoop;

  constructor(db: Db) {
    this.insert = db.prepare<[number, number, string, string, string | null, number]>(
      'INSERT INTO breaks (coop_id, member_id, week, source, note, taken_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertCheckin = db.prepare<[number, number, string, number]>(
      `INSERT INTO breaks (coop_id, member_id, week, source, taken_at) VALUES (?, ?, ?, 'checkin', ?)
       ON CONFLICT DO NOTHING`,
    );
    this.checkinOfWeek = db.prepare<[number, string], BreakEntry>(
      `SELECT id, week, source, note, taken_at AS takenAt FROM breaks WHERE member_id = ? AND week = ? AND source = 'checkin'`,
    );
    this.setNoteStmt = db.prepare<[string, number]>('UPDATE breaks SET note = ? WHERE id = ?');
    this.ofMember = db.prepare<[number], BreakEntry>(
      'SELECT id, week, source, note, taken_at AS takenAt FROM breaks WHERE member_id = ? ORDER BY taken_at, id',
    );
    this.sitsForMember = db.prepare<[number, number], SitFor>(
      `SELECT s.id AS swapId, s.number, s.starts_at AS startsAt, s.ends_at AS endsAt, ${SITTER_NAME} AS sitterName
       FROM swaps s JOIN swap_parties p ON p.swap_id = s.id
       WHERE p.member_id = ? AND p.role = 'family' AND p.status = 'active'
         AND s.status IN ('accepted', 'completed') AND s.starts_at <= ?
       ORDER BY s.starts_at`,
    );
    this.sitsOfCoop = db.prepare<[number, number, number], CoopSitFor>(
      `SELECT p.member_id AS memberId, s.id AS swapId, s.number, s.starts_at AS startsAt, s.ends_at AS endsAt, ${SITTER_NAME} AS sitterName
       FROM swaps s JOIN swap_parties p ON p.swap_id = s.id AND p.role = 'family' AND p.status = 'active'
       WHERE s.coop_id = ? AND s.status IN ('accepted', 'completed') AND s.starts_at > ? AND s.starts_at <= ?
       ORDER BY s.starts_at, s.id`,
    );
  }

  log(coopId: number, memberId: number, week: string, note: string | null, at: number): number {
    return Number(this.insert.run(coopId, memberId, week, 'log', note, at).lastInsertRowid);
  }

  /** The "Yes" to a week's check-in, once a week; returns false when that week already had one. */
  checkinYes(coopId: number, memberId: number, week: string, at: number): boolean {
    return this.insertCheckin.run(coopId, memberId, week, at).changes > 0;
  }

  checkinBreak(memberId: number, week: string): BreakEntry | undefined {
    return this.checkinOfWeek.get(memberId, week);
  }

  setNote(id: number, note: string): void {
    this.setNoteStmt.run(note, id);
  }

  all(memberId: number): BreakEntry[] {
    return this.ofMember.all(memberId);
  }

  /** Sits (accepted or completed) in which the member's children were looked after, started by `until`. */
  sitsFor(memberId: number, until: number): SitFor[] {
    return this.sitsForMember.all(memberId, until);
  }

  /** The same for a whole co-op, started after `from` and by `until`: one read for a wave of check-ins. */
  sitsInCoop(coopId: number, from: number, until: number): CoopSitFor[] {
    return this.sitsOfCoop.all(coopId, from, until);
  }
}
