import type { SitFor } from '../db/repositories/breaks.ts';
import type { CheckinSettings } from '../db/repositories/checkin-settings.ts';
import type { Store } from '../db/store.ts';
import type { Coop } from '../domain/coops.ts';
import type { Member } from '../domain/members.ts';

/**
 * What the jobs of one scheduler batch read, each row once: a check-in wave is thousands of jobs over a few co-ops,
 * and a job and its `after` read the same member, settings and co-op. Lives for one batch (one transaction) only.
 * Job handlers only read members, co-ops and settings; one that changed them would have to read through the store.
 */
export class JobReads {
  private readonly members = new Map<number, Member>();
  private readonly coops = new Map<number, Coop>();
  private readonly settings = new Map<number, CheckinSettings>();
  private readonly sits = new Map<string, Map<number, SitFor[]>>();
  private inactive: Set<number> | undefined;

  constructor(private readonly store: Store) {}

  /** Reads the members of a batch's jobs, and their settings, in two queries instead of two per job. */
  prefetch(memberIds: readonly number[]): void {
    const wanted = [...new Set(memberIds)].filter((id) => !this.members.has(id));
    if (wanted.length < 2) return;
    for (const member of this.store.members.getMany(wanted)) this.members.set(member.id, member);
    for (const [id, settings] of this.store.checkins.getMany(wanted)) this.settings.set(id, settings);
  }

  member(id: number): Member {
    let member = this.members.get(id);
    if (!member) this.members.set(id, (member = this.store.members.get(id)));
    return member;
  }

  coop(id: number): Coop {
    let coop = this.coops.get(id);
    if (!coop) this.coops.set(id, (coop = this.store.coops.get(id)));
    return coop;
  }

  /** Whether the co-op's workspace removed Breather (one read of the few such co-ops per batch). */
  coopInactive(id: number): boolean {
    this.inactive ??= this.store.coopActivity.inactiveIds();
    return this.inactive.has(id);
  }

  checkinSettings(memberId: number): CheckinSettings {
    let found = this.settings.get(memberId);
    if (!found) this.settings.set(memberId, (found = this.store.checkins.get(memberId)));
    return found;
  }

  /** Sits that started after `from` and by `until` in which the member's children were looked after. */
  sitsFor(member: Member, from: number, until: number): SitFor[] {
    // One query per co-op and window, shared by every member of the wave.
    const key = `${member.coopId}:${from}:${until}`;
    let byMember = this.sits.get(key);
    if (!byMember) {
      byMember = new Map();
      for (const sit of this.store.breaks.sitsInCoop(member.coopId, from, until)) {
        const list = byMember.get(sit.memberId);
        if (list) list.push(sit);
        else byMember.set(sit.memberId, [sit]);
      }
      this.sits.set(key, byMember);
    }
    return byMember.get(member.id) ?? [];
  }
}
