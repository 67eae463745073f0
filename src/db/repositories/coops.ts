import type { Db } from '../connection.ts';
import type { Platform } from '../../core/types.ts';
import type { Coop } from '../../domain/coops.ts';
import type { WeeklyTime } from '../../domain/weekly-time.ts';
import { defaultDateOrder, type DateOrder } from '../../domain/when-dates.ts';
import { withOverrides, type RuleName, type Rules } from '../../domain/rules.ts';

interface CoopRow {
  id: number;
  platform: Platform;
  external_ref: string;
  name: string;
  timezone: string;
  channel_ref: string | null;
  checkin_weekday: number;
  checkin_minute: number;
  set_up_at: number | null;
  date_order: DateOrder | null;
  digest_on: number;
}

const toCoop = (row: CoopRow): Coop => ({
  id: row.id,
  platform: row.platform,
  externalRef: row.external_ref,
  name: row.name,
  timezone: row.timezone,
  channelRef: row.channel_ref,
  checkin: { weekday: row.checkin_weekday, minute: row.checkin_minute },
  dateOrder: row.date_order ?? defaultDateOrder(row.timezone),
  dateOrderChosen: row.date_order !== null,
  digestOn: row.digest_on === 1,
  setUpAt: row.set_up_at,
});

export class CoopRepository {
  private readonly byRef;
  private readonly byId;
  private readonly insert;
  private readonly insertIssuance;
  private readonly updateSetup;
  private readonly takeNumber;
  private readonly updateChannel;
  private readonly updateDigest;
  private readonly ruleRows;
  private readonly upsertRule;

  constructor(db: Db) {
    this.byRef = db.prepare<[string, string], CoopRow>('SELECT * FROM coops WHERE platform = ? AND external_ref = ?');
    this.byId = db.prepare<[number], CoopRow>('SELECT * FROM coops WHERE id = ?');
    this.insert = db.prepare<[string, string, string, string, number]>(
      'INSERT INTO coops (platform, external_ref, name, timezone, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertIssuance = db.prepare<[number]>("INSERT INTO accounts (coop_id, kind) VALUES (?, 'issuance')");
    this.updateSetup = db.prepare<[string, string | null, number, number, string | null, number, number]>(
      'UPDATE coops SET timezone = ?, channel_ref = ?, checkin_weekday = ?, checkin_minute = ?, date_order = ?, set_up_at = ? WHERE id = ?',
    );
    this.updateDigest = db.prepare<[number, number]>('UPDATE coops SET digest_on = ? WHERE id = ?');
    this.updateChannel = db.prepare<[string, number]>('UPDATE coops SET channel_ref = ? WHERE id = ?');
    this.takeNumber = db.prepare<[number], { number: number }>(
      'UPDATE coops SET next_swap_number = next_swap_number + 1 WHERE id = ? RETURNING next_swap_number - 1 AS number',
    );
    this.ruleRows = db.prepare<[number], { name: string; value: number }>('SELECT name, value FROM coop_rules WHERE coop_id = ?');
    this.upsertRule = db.prepare<[number, string, number]>(
      'INSERT INTO coop_rules (coop_id, name, value) VALUES (?, ?, ?) ON CONFLICT (coop_id, name) DO UPDATE SET value = excluded.value',
    );
  }

  find(platform: Platform, externalRef: string): Coop | undefined {
    const row = this.byRef.get(platform, externalRef);
    return row && toCoop(row);
  }

  get(id: number): Coop {
    const row = this.byId.get(id);
    if (!row) throw new Error(`no co-op ${id}`);
    return toCoop(row);
  }

  /** Creates the co-op with its issuance account, which pays every household's starting credits. */
  create(platform: Platform, externalRef: string, name: string, timezone: string, now: number): Coop {
    const id = Number(this.insert.run(platform, externalRef, name, timezone, now).lastInsertRowid);
    this.insertIssuance.run(id);
    return this.get(id);
  }

  /** `dateOrder` null: dates follow the timezone's custom. */
  setUp(id: number, setup: { timezone: string; channelRef: string | null; checkin: WeeklyTime; dateOrder: DateOrder | null }, now: number): void {
    this.updateSetup.run(setup.timezone, setup.channelRef, setup.checkin.weekday, setup.checkin.minute, setup.dateOrder, now, id);
  }

  setDigest(id: number, on: boolean): void {
    this.updateDigest.run(on ? 1 : 0, id);
  }

  setChannel(id: number, channelRef: string): void {
    this.updateChannel.run(channelRef, id);
  }

  nextSwapNumber(id: number): number {
    const row = this.takeNumber.get(id);
    if (!row) throw new Error(`no co-op ${id}`);
    return row.number;
  }

  rules(id: number): Rules {
    return withOverrides(this.ruleRows.all(id));
  }

  setRule(id: number, name: RuleName, value: number): void {
    this.upsertRule.run(id, name, value);
  }
}
