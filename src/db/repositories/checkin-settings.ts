import type { Db } from '../connection.ts';
import type { WeeklyTime } from '../../domain/weekly-time.ts';

/** A member's own check-in settings; without a row: the co-op's day and time, on, not paused. */
export interface CheckinSettings {
  memberId: number;
  /** a personal day and time instead of the co-op's */
  time: WeeklyTime | null;
  pausedUntil: number | null;
  off: boolean;
  nudgesOff: boolean;
}

interface Row {
  member_id: number;
  weekday: number | null;
  minute: number | null;
  paused_until: number | null;
  off: number;
  nudges_off: number;
}

export class CheckinSettingsRepository {
  private readonly one;
  private readonly many;
  private readonly save;

  constructor(db: Db) {
    this.one = db.prepare<[number], Row>('SELECT * FROM checkin_settings WHERE member_id = ?');
    this.many = db.prepare<[string], Row>('SELECT * FROM checkin_settings WHERE member_id IN (SELECT value FROM json_each(?))');
    this.save = db.prepare<[number, number | null, number | null, number | null, number, number, number]>(
      `INSERT INTO checkin_settings (member_id, weekday, minute, paused_until, off, nudges_off, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (member_id) DO UPDATE SET weekday = excluded.weekday, minute = excluded.minute,
         paused_until = excluded.paused_until, off = excluded.off, nudges_off = excluded.nudges_off,
         updated_at = excluded.updated_at`,
    );
  }

  get(memberId: number): CheckinSettings {
    return toSettings(memberId, this.one.get(memberId));
  }

  /** Several members' settings in one read (a batch of scheduled jobs), by member id. */
  getMany(memberIds: readonly number[]): Map<number, CheckinSettings> {
    const rows = new Map(this.many.all(JSON.stringify(memberIds)).map((row) => [row.member_id, row]));
    return new Map(memberIds.map((id) => [id, toSettings(id, rows.get(id))]));
  }

  update(memberId: number, change: Partial<Omit<CheckinSettings, 'memberId'>>, now: number): CheckinSettings {
    const next = { ...this.get(memberId), ...change };
    this.save.run(
      memberId,
      next.time?.weekday ?? null,
      next.time?.minute ?? null,
      next.pausedUntil,
      next.off ? 1 : 0,
      next.nudgesOff ? 1 : 0,
      now,
    );
    return next;
  }
}

function toSettings(memberId: number, row: Row | undefined): CheckinSettings {
  if (!row) return { memberId, time: null, pausedUntil: null, off: false, nudgesOff: false };
  return {
    memberId,
    time: row.weekday === null || row.minute === null ? null : { weekday: row.weekday, minute: row.minute },
    pausedUntil: row.paused_until,
    off: row.off === 1,
    nudgesOff: row.nudges_off === 1,
  };
}
