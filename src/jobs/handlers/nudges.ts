import { formatLocal } from '../../domain/timezone.ts';
import { highBalanceNudge, lowBalanceNudge } from '../../messages/checkins.ts';
import { dmFromJob, done, payloadNumber, payloadString, postponed, requireCoop, requireMember, skipped, type JobHandler } from '../job-run.ts';
import { quietUntil } from '../../domain/members.ts';
import { DAY } from '../../domain/time.ts';
import type { UnpromptedKind } from '../../domain/delivery.ts';
import { planNudgeRound } from '../../planning/weekly-jobs.ts';

/** "You've banked 12 h": from this balance up (or the cap, if lower). */
export const HIGH_BALANCE = 12 * 60;
// About every four weeks: rounds are weekly, and a DST change may make four weeks an hour short.
const HIGH_GAP = 27 * DAY;
/** A deep negative balance is mentioned privately, at most once a month. */
const LOW_GAP = 30 * DAY;

function lowThreshold(floor: number): number {
  return floor < 0 ? Math.ceil(floor / 2) : Number.MIN_SAFE_INTEGER;
}

/** Once a week per co-op: who might like a nudge. Each nudge is its own member job (quiet hours, budget). */
export const nudgeRound: JobHandler = {
  run(run) {
    const { store, now } = run;
    const coop = requireCoop(run);
    const rules = store.coops.rules(coop.id);
    const high = Math.min(HIGH_BALANCE, rules.cap);
    const low = lowThreshold(rules.floor);
    const date = formatLocal(now, coop.timezone).slice(0, 10);
    for (const c of store.digest.nudgeCandidates(coop.id, high, low)) {
      const kind: UnpromptedKind = c.balance >= high ? 'nudge_high' : 'nudge_low';
      const last = store.unprompted.lastSent(c.memberId, kind);
      if (last !== undefined && now - last < (kind === 'nudge_high' ? HIGH_GAP : LOW_GAP)) continue;
      store.jobs.plan(
        { kind: 'nudge', subject: `member:${c.memberId}`, coopId: coop.id, memberId: c.memberId, dueAt: now, graceMs: 2 * DAY, key: `nudge:${c.memberId}:${kind}:${date}`, payload: { nudge: kind } },
        now,
      );
    }
    return done;
  },
  after(run) {
    const coop = requireCoop(run);
    planNudgeRound(run.store, { coopId: coop.id, timezone: coop.timezone, checkinWeekday: coop.checkin.weekday }, payloadNumber(run, 'occurrence'), run.now);
  },
};

export const nudge: JobHandler = {
  run(run) {
    const { store, now } = run;
    const member = requireMember(run);
    if (member.forgottenAt !== null) return skipped('member left');
    const settings = store.checkins.get(member.id);
    if (settings.nudgesOff) return skipped('nudges off');
    const coop = store.coops.get(member.coopId);
    const rules = store.coops.rules(coop.id);
    const balance = store.ledger.balance(store.ledger.accountOfHousehold(member.householdId));
    const kind = payloadString(run, 'nudge');
    const still = kind === 'nudge_high' ? balance >= Math.min(HIGH_BALANCE, rules.cap) : balance <= lowThreshold(rules.floor);
    if (!still) return skipped('balance changed');
    const until = quietUntil(member, coop, now);
    if (until !== undefined) return postponed(until);
    // Better not sent than sent late or over the week's two (one is kept for the check-in).
    const message = kind === 'nudge_high' ? highBalanceNudge(balance) : lowBalanceNudge(balance);
    const sent = dmFromJob(run, coop, member, message, { kind: 'unprompted', optional: true }, { countAs: kind === 'nudge_high' ? 'nudge_high' : 'nudge_low' });
    return sent === 'sent' ? done : skipped('paused, or no room this week');
  },
};
