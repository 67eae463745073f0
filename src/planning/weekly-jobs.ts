import type { Store } from '../db/store.ts';
import { formatLocal } from '../domain/timezone.ts';
import { nextWeeklyOccurrence, type WeeklyTime } from '../domain/weekly-time.ts';
import { timezoneOf, type Member } from '../domain/members.ts';
import type { Coop } from '../domain/coops.ts';
import type { CheckinSettings } from '../db/repositories/checkin-settings.ts';
import { weekKey } from '../domain/weeks.ts';
import { DAY, HOUR } from '../domain/time.ts';
import { checkinSignature, digestSignature, type CheckinToPlan, type CoopToPlan } from '../db/repositories/planning-queries.ts';

// Weekly jobs: each member's check-in, each co-op's digest and its round of balance nudges. A job is keyed by
// its local week (or date), so one week can never hold two; when the key is taken the next week is planned.

export const CHECKIN_GRACE = 6 * HOUR;
export const DIGEST_GRACE = 6 * HOUR;
export const NUDGE_ROUND_GRACE = DAY;
/** The digest: 10:00 the day after the co-op's check-in day, co-op time. */
export const DIGEST_MINUTE = 10 * 60;
/** Balance nudges are looked at once a week, Wednesday 18:00 co-op time. */
export const NUDGE_ROUND: WeeklyTime = { weekday: 3, minute: 18 * 60 };

const TRIES = 4;

/** Plans a member's next check-in strictly after `after`. */
export function planCheckin(store: Store, p: CheckinToPlan, after: number, now: number): void {
  const signature = checkinSignature(p.weekday, p.minute, p.timezone);
  let from = after;
  for (let i = 0; i < TRIES; i++) {
    const occurrence = nextWeeklyOccurrence({ weekday: p.weekday, minute: p.minute }, p.timezone, from);
    const week = weekKey(occurrence, p.timezone);
    const planned = store.jobs.plan(
      {
        kind: 'checkin',
        subject: `member:${p.memberId}`,
        coopId: p.coopId,
        memberId: p.memberId,
        dueAt: occurrence,
        graceMs: CHECKIN_GRACE,
        key: `checkin:${p.memberId}:${week}`,
        signature,
        payload: { occurrence, week },
      },
      now,
    );
    if (planned) return;
    from = occurrence;
  }
}

/** What a member's check-ins are planned from now; undefined when they are off or the member left. */
export function checkinPlanFor(store: Store, memberId: number): CheckinToPlan | undefined {
  const member = store.members.get(memberId);
  return checkinPlanOf(member, store.checkins.get(memberId), store.coops.get(member.coopId));
}

/** checkinPlanFor from rows already read. */
export function checkinPlanOf(member: Member, settings: CheckinSettings, coop: Coop): CheckinToPlan | undefined {
  if (settings.off || member.forgottenAt !== null) return undefined;
  const time = settings.time ?? coop.checkin;
  return { memberId: member.id, coopId: coop.id, timezone: timezoneOf(member, coop), weekday: time.weekday, minute: time.minute };
}

/** After a change of day, time, timezone or on/off: drops the pending check-in and plans from now. */
export function replanCheckin(store: Store, memberId: number, now: number): void {
  for (const job of store.jobs.pendingForMember(memberId, 'checkin')) store.jobs.cancel(job.id, now);
  const plan = checkinPlanFor(store, memberId);
  if (plan) planCheckin(store, plan, now, now);
}

/** The pending check-in's due time, if one is planned. */
export function nextCheckinAt(store: Store, memberId: number): number | undefined {
  return store.jobs.pendingForMember(memberId, 'checkin')[0]?.dueAt;
}

function planCoopWeekly(
  store: Store,
  kind: 'digest' | 'nudge_round',
  c: CoopToPlan,
  time: WeeklyTime,
  graceMs: number,
  signature: string,
  after: number,
  now: number,
): void {
  let from = after;
  for (let i = 0; i < TRIES; i++) {
    const occurrence = nextWeeklyOccurrence(time, c.timezone, from);
    const date = formatLocal(occurrence, c.timezone).slice(0, 10);
    const planned = store.jobs.plan(
      { kind, subject: `coop:${c.coopId}`, coopId: c.coopId, dueAt: occurrence, graceMs, key: `${kind}:${c.coopId}:${date}`, signature, payload: { occurrence } },
      now,
    );
    if (planned) return;
    from = occurrence;
  }
}

export function planDigest(store: Store, c: CoopToPlan, after: number, now: number): void {
  const time = { weekday: (c.checkinWeekday + 1) % 7, minute: DIGEST_MINUTE };
  planCoopWeekly(store, 'digest', c, time, DIGEST_GRACE, digestSignature(c.checkinWeekday, c.timezone), after, now);
}

export function planNudgeRound(store: Store, c: CoopToPlan, after: number, now: number): void {
  planCoopWeekly(store, 'nudge_round', c, NUDGE_ROUND, NUDGE_ROUND_GRACE, c.timezone, after, now);
}
