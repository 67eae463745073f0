import type { NewJob } from '../db/repositories/jobs.ts';
import type { Store } from '../db/store.ts';
import { LENGTH_ANSWER_HOURS, type LengthProposal } from '../domain/disputes.ts';
import { halfwayOf } from '../domain/sit-updates.ts';
import { familyParties, isHappening, promptAudience, reminderAudience, sitterIdOf, type HouseholdOf, type Swap, type SwapParty } from '../domain/swaps.ts';
import { DAY, HOUR } from '../domain/time.ts';

// A swap's jobs: expiry while it is open; reminders, the sitter's halfway invitation to send an all's-well update,
// the completion prompts, the 48 h auto-completion once the sitter has confirmed, a proposed length accepted after
// 48 h of silence, and the settlement deadline a week after the end, so no sit that happened is left unpaid. syncSwapJobs plans what the swap's state calls for and cancels
// the rest; it is idempotent, so every service that changes a swap calls it before its transaction ends. Reminders
// and prompts go to every parent of a family's household; a forgotten member gets nothing.

export const REMINDER_HOURS = [24, 2] as const;
export const COMPLETION_PROMPT_GRACE = 3 * DAY;
export const AUTO_COMPLETE_AFTER = 48 * HOUR;
/** A sit nobody confirmed or disputed is settled as booked this long after its end. */
export const SETTLE_DEADLINE = 7 * DAY;

export function desiredSwapJobs(swap: Swap, parties: readonly SwapParty[], proposals: readonly LengthProposal[], now: number, householdOf?: HouseholdOf): NewJob[] {
  const base = { subject: `swap:${swap.id}`, coopId: swap.coopId, swapId: swap.id };
  const jobs: NewJob[] = [];
  if (swap.status === 'open') {
    jobs.push({ ...base, kind: 'expire', dueAt: swap.startsAt, graceMs: null, key: `swap:${swap.id}:expire` });
  }
  if (!isHappening(swap, parties)) return jobs;
  for (const hours of REMINDER_HOURS) {
    const dueAt = swap.startsAt - hours * HOUR;
    if (dueAt <= now) continue; // accepted late: the acceptance message was the reminder
    for (const memberId of reminderAudience(swap, parties, householdOf)) {
      jobs.push({
        ...base,
        kind: 'reminder',
        memberId,
        dueAt,
        graceMs: swap.startsAt - dueAt,
        key: `swap:${swap.id}:remind${hours}:member:${memberId}`,
        payload: { hours },
      });
    }
  }
  const sitterId = sitterIdOf(swap, parties);
  if (sitterId !== undefined && familyParties(parties).length > 0 && swap.endsAt > now) {
    // Halfway through, one invitation to the sitter to send the parents an all's-well update (its own key per sitter).
    const dueAt = halfwayOf(swap);
    jobs.push({ ...base, kind: 'update_invitation', memberId: sitterId, dueAt, graceMs: swap.endsAt - dueAt, key: `swap:${swap.id}:halfway:member:${sitterId}` });
  }
  for (const memberId of promptAudience(swap, parties, householdOf)) {
    jobs.push({
      ...base,
      kind: 'completion_prompt',
      memberId,
      dueAt: swap.endsAt,
      graceMs: COMPLETION_PROMPT_GRACE,
      key: `swap:${swap.id}:prompt:member:${memberId}`,
    });
  }
  if (swap.sitterDoneAt !== null && swap.kind !== 'session') {
    jobs.push({ ...base, kind: 'auto_complete', dueAt: swap.sitterDoneAt + AUTO_COMPLETE_AFTER, graceMs: null, key: `swap:${swap.id}:auto` });
  }
  for (const p of proposals) {
    jobs.push({ ...base, kind: 'length_accept', dueAt: p.proposedAt + LENGTH_ANSWER_HOURS * HOUR, graceMs: null, key: `swap:${swap.id}:length:${p.id}`, payload: { proposal: p.id } });
  }
  jobs.push({ ...base, kind: 'settle_deadline', dueAt: swap.endsAt + SETTLE_DEADLINE, graceMs: null, key: `swap:${swap.id}:deadline` });
  return jobs;
}

/** Brings a swap's pending jobs in line with its state. Runs inside the caller's transaction. */
export function syncSwapJobs(store: Store, swapId: number, now: number): void {
  const { jobs } = store;
  const swap = store.swaps.get(swapId);
  const desired = desiredSwapJobs(swap, store.swaps.parties(swapId), store.disputes.pendingLengths(swapId), now, (memberId) => householdOf(store, memberId)).filter(
    (job) => job.memberId == null || store.members.get(job.memberId).forgottenAt === null,
  );
  const keys = new Set(desired.map((j) => j.key));
  for (const job of jobs.pendingForSwap(swapId)) if (!keys.has(job.key)) jobs.cancel(job.id, now);
  for (const job of desired) jobs.plan(job, now);
}

/** The parents of a family: everyone in the member's household now, forgotten members aside. */
function householdOf(store: Store, memberId: number): number[] {
  const member = store.members.get(memberId);
  return [member.id, ...store.members.inHousehold(member.householdId).filter((m) => m.id !== member.id && m.forgottenAt === null).map((m) => m.id)];
}
