import type { Swap, SwapParty } from '../db/repositories/swaps.ts';
import type { Store } from '../db/store.ts';
import { DAY, HOUR } from '../domain/member-time.ts';
import type { NewJob } from '../db/repositories/jobs.ts';

// A swap's jobs: expiry while it is open; reminders, the completion prompt and (once the sitter has confirmed)
// the 48 h auto-completion while it is on. syncSwapJobs plans what the swap's state calls for and cancels the
// rest; it is idempotent, so every change to a swap can simply call it.

export const REMINDER_HOURS = [24, 2] as const;
export const COMPLETION_PROMPT_GRACE = 3 * DAY;
export const AUTO_COMPLETE_AFTER = 48 * HOUR;

const active = (p: SwapParty) => p.status === 'active';

/** True while a swap is going to happen: accepted, or a session that someone booked. */
export function isHappening(swap: Swap, parties: readonly SwapParty[]): boolean {
  if (swap.status === 'accepted') return true;
  return swap.kind === 'session' && swap.status === 'open' && parties.some((p) => active(p) && p.role === 'family');
}

/** Who is reminded: the sitter (a session's host) and every family. */
export function reminderAudience(swap: Swap, parties: readonly SwapParty[]): number[] {
  const ids = parties.filter((p) => active(p) && (p.role === 'sitter' || p.role === 'family')).map((p) => p.memberId);
  if (swap.kind === 'session') ids.push(swap.ownerMemberId);
  return [...new Set(ids)];
}

/** Who confirms after the end: the families (a session's host confirms for everyone). */
export function promptAudience(swap: Swap, parties: readonly SwapParty[]): number[] {
  if (swap.kind === 'session') return [swap.ownerMemberId];
  return [...new Set(parties.filter((p) => active(p) && p.role === 'family').map((p) => p.memberId))];
}

export function desiredSwapJobs(swap: Swap, parties: readonly SwapParty[], now: number): NewJob[] {
  const base = { subject: `swap:${swap.id}`, coopId: swap.coopId, swapId: swap.id };
  const jobs: NewJob[] = [];
  if (swap.status === 'open') {
    jobs.push({ ...base, kind: 'expire', dueAt: swap.startsAt, graceMs: null, key: `swap:${swap.id}:expire` });
  }
  if (!isHappening(swap, parties)) return jobs;
  for (const hours of REMINDER_HOURS) {
    const dueAt = swap.startsAt - hours * HOUR;
    if (dueAt <= now) continue; // accepted late: the acceptance message was the reminder
    for (const memberId of reminderAudience(swap, parties)) {
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
  for (const memberId of promptAudience(swap, parties)) {
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
  return jobs;
}

/** Brings a swap's pending jobs in line with its state. Runs inside the caller's transaction. */
export function syncSwapJobs(store: Store, swapId: number, now: number): void {
  const { jobs } = store;
  const swap = store.swaps.get(swapId);
  const desired = desiredSwapJobs(swap, store.swaps.parties(swapId), now);
  const keys = new Set(desired.map((j) => j.key));
  for (const job of jobs.pendingForSwap(swapId)) if (!keys.has(job.key)) jobs.cancel(job.id, now);
  for (const job of desired) jobs.plan(job, now);
}

/** The same, for a swap named by its number in a co-op (the commands know numbers). */
export function syncSwapJobsByNumber(store: Store, coopId: number, number: number, now: number): void {
  const swap = store.swaps.findByNumber(coopId, number);
  if (swap) syncSwapJobs(store, swap.id, now);
}
