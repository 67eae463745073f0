import type { Db } from '../connection.ts';
import type { Member, SitUpdates } from '../../domain/members.ts';

interface MemberRow {
  id: number;
  coop_id: number;
  household_id: number;
  external_ref: string;
  display_name: string;
  is_admin: number;
  timezone: string | null;
  profile_timezone: string | null;
  quiet_start: number | null;
  quiet_end: number | null;
  forgotten_at: number | null;
  created_at: number;
  paused_until: number | null;
  sit_updates: SitUpdates;
  welcomed_at: number | null;
}

const toMember = (row: MemberRow): Member => ({
  id: row.id,
  coopId: row.coop_id,
  householdId: row.household_id,
  externalRef: row.external_ref,
  displayName: row.display_name,
  isAdmin: row.is_admin === 1,
  timezone: row.timezone,
  profileTimezone: row.profile_timezone,
  quietStart: row.quiet_start,
  quietEnd: row.quiet_end,
  forgottenAt: row.forgotten_at,
  createdAt: row.created_at,
  pausedUntil: row.paused_until,
  sitUpdates: row.sit_updates,
  welcomedAt: row.welcomed_at,
});

export class MemberRepository {
  private readonly byRef;
  private readonly byId;
  private readonly byIds;
  private readonly countInCoop;
  private readonly insertHousehold;
  private readonly insertAccount;
  private readonly insertMember;
  private readonly insertMembership;
  private readonly rename;
  private readonly setAdminFlag;
  private readonly setTz;
  private readonly setQuiet;
  private readonly setProfileTz;
  private readonly ofHousehold;
  private readonly admins;
  private readonly setPause;
  private readonly setUpdates;

  constructor(db: Db) {
    this.byRef = db.prepare<[number, string], MemberRow>('SELECT * FROM members WHERE coop_id = ? AND external_ref = ?');
    this.byId = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE id = ?');
    this.byIds = db.prepare<[string], MemberRow>('SELECT * FROM members WHERE id IN (SELECT value FROM json_each(?))');
    this.countInCoop = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM members WHERE coop_id = ?');
    this.insertHousehold = db.prepare<[number, number]>("INSERT INTO households (coop_id, name, created_at) VALUES (?, '', ?)");
    this.insertAccount = db.prepare<[number, number]>(
      "INSERT INTO accounts (coop_id, kind, household_id) VALUES (?, 'household', ?)",
    );
    this.insertMember = db.prepare<[number, number, string, string, number, number]>(
      'INSERT INTO members (coop_id, household_id, external_ref, display_name, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertMembership = db.prepare<[number, number, number]>(
      'INSERT INTO household_memberships (member_id, household_id, joined_at) VALUES (?, ?, ?)',
    );
    this.rename = db.prepare<[string, number]>('UPDATE members SET display_name = ? WHERE id = ?');
    this.setAdminFlag = db.prepare<[number, number]>('UPDATE members SET is_admin = ? WHERE id = ?');
    this.setTz = db.prepare<[string | null, number]>('UPDATE members SET timezone = ? WHERE id = ?');
    this.setProfileTz = db.prepare<[string, number]>('UPDATE members SET profile_timezone = ? WHERE id = ?');
    this.setQuiet = db.prepare<[number | null, number | null, number]>(
      'UPDATE members SET quiet_start = ?, quiet_end = ? WHERE id = ?',
    );
    this.ofHousehold = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE household_id = ? ORDER BY id');
    this.setPause = db.prepare<[number | null, number]>('UPDATE members SET paused_until = ? WHERE id = ?');
    this.setUpdates = db.prepare<[SitUpdates, number]>('UPDATE members SET sit_updates = ? WHERE id = ?');
    this.admins = db.prepare<[number], MemberRow>('SELECT * FROM members WHERE coop_id = ? AND is_admin = 1 ORDER BY id');
  }

  find(coopId: number, externalRef: string): Member | undefined {
    const row = this.byRef.get(coopId, externalRef);
    return row && toMember(row);
  }

  get(id: number): Member {
    const row = this.byId.get(id);
    if (!row) throw new Error(`no member ${id}`);
    return toMember(row);
  }

  /** Several members in one read (a batch of scheduled jobs); unknown ids are left out. */
  getMany(ids: readonly number[]): Member[] {
    return this.byIds.all(JSON.stringify(ids)).map(toMember);
  }

  count(coopId: number): number {
    return this.countInCoop.get(coopId)?.n ?? 0;
  }

  /** A new member starts as a household of one, with its own account. Returns the member and the account id. */
  create(coopId: number, externalRef: string, displayName: string, isAdmin: boolean, now: number): { member: Member; accountId: number } {
    const householdId = Number(this.insertHousehold.run(coopId, now).lastInsertRowid);
    const accountId = Number(this.insertAccount.run(coopId, householdId).lastInsertRowid);
    const id = Number(this.insertMember.run(coopId, householdId, externalRef, displayName, isAdmin ? 1 : 0, now).lastInsertRowid);
    this.insertMembership.run(id, householdId, now);
    return { member: this.get(id), accountId };
  }

  updateName(id: number, displayName: string): void {
    this.rename.run(displayName, id);
  }

  setAdmin(id: number, isAdmin: boolean): void {
    this.setAdminFlag.run(isAdmin ? 1 : 0, id);
  }

  setTimezone(id: number, timezone: string | null): void {
    this.setTz.run(timezone, id);
  }

  setProfileTimezone(id: number, timezone: string): void {
    this.setProfileTz.run(timezone, id);
  }

  setQuietHours(id: number, start: number | null, end: number | null): void {
    this.setQuiet.run(start, end, id);
  }

  /** Until then only messages about their own sits reach them; null ends a pause. */
  setPausedUntil(id: number, until: number | null): void {
    this.setPause.run(until, id);
  }

  setSitUpdates(id: number, updates: SitUpdates): void {
    this.setUpdates.run(updates, id);
  }

  inHousehold(householdId: number): Member[] {
    return this.ofHousehold.all(householdId).map(toMember);
  }

  coopAdmins(coopId: number): Member[] {
    return this.admins.all(coopId).map(toMember);
  }
}
