import type { Message } from '../../core/types.ts';
import { loadSwapPeople, settlementOf } from '../../db/swap-people.ts';
import type { Coop } from '../../domain/coops.ts';
import { LimitError } from '../../domain/ledger.ts';
import { quietUntil, timezoneOf, type Member } from '../../domain/members.ts';
import { formatCredits } from '../../domain/money.ts';
import { canTransition, isHappening } from '../../domain/swaps.ts';
import { formatWhen } from '../../domain/when.ts';
import { dmFromJob, done, skipped, type JobHandler, type JobRun } from '../job-run.ts';

/** A notice caused by a state change: the change happens now, the message waits for the member's quiet hours. */
function notice(run: JobRun, coop: Coop, member: Member, message: Message): void {
  if (member.forgottenAt !== null) return;
  dmFromJob(run, coop, member, message, quietUntil(member, coop, run.now) ?? run.now);
}

/** Requests and offers (and sessions nobody booked) whose start passed close themselves, and say so. */
export const expire: JobHandler = {
  run(run) {
    const { store, job, now } = run;
    const swap = store.swaps.get(job.swapId ?? 0);
    if (swap.status !== 'open') return skipped(`swap is ${swap.status}`);
    if (now < swap.startsAt) return skipped('not started yet');
    const people = loadSwapPeople(store, swap);
    if (isHappening(swap, people.parties)) return skipped('session has bookings');
    if (!canTransition(swap.kind, swap.status, 'expire')) return skipped(`cannot expire a ${swap.kind} that is ${swap.status}`);
    if (!store.swaps.moveTo(swap.id, 'expired', now, 'the start passed unmatched')) return skipped('already resolved');
    const coop = store.coops.get(swap.coopId);
    const when = formatWhen(swap.startsAt, swap.endsAt, timezoneOf(people.owner, coop));
    const text =
      swap.kind === 'request'
        ? `#${swap.number} (${when}) started without a sitter, so I've closed it. I'm sorry it didn't work out this time — ask again whenever you like.`
        : `Your ${swap.kind} #${swap.number} (${when}) wasn't booked this time, so I've closed it. Thank you for offering!`;
    notice(run, coop, people.owner, { text });
    for (const { member } of people.volunteers) {
      notice(run, coop, member, { text: `#${swap.number} closed without being matched. Thank you for offering to help.` });
    }
    return done;
  },
};

/**
 * 48 h after the sitter confirmed, a sit the parent stayed silent about completes by itself with the frozen
 * price. A dispute (or the parent's own confirmation) before then means there is nothing to do.
 */
export const autoComplete: JobHandler = {
  run(run) {
    const { store, job, now } = run;
    const swap = store.swaps.get(job.swapId ?? 0);
    if (swap.status !== 'accepted' || swap.sitterDoneAt === null) return skipped(`swap is ${swap.status}`);
    const people = loadSwapPeople(store, swap);
    const { sitter } = people;
    if (!sitter) return skipped('no sitter');
    const coop = store.coops.get(swap.coopId);
    const payers = people.families.map(({ member, party }) => ({ member, price: party.price ?? 0 }));
    const { postings, total } = settlementOf(store, sitter, payers);
    if (total > 0) {
      try {
        // its own savepoint: a refused transfer leaves nothing behind
        store.db.transaction(() => store.ledger.record(
          { coopId: coop.id, kind: 'swap', postings, memo: `sit #${swap.number} (completed after 48 h)`, swapId: swap.id, idempotencyKey: `swap:${swap.id}:auto-complete`, at: now },
          { limits: store.coops.rules(coop.id) },
        ))();
      } catch (error) {
        if (!(error instanceof LimitError)) throw error;
        for (const admin of store.members.coopAdmins(coop.id)) {
          notice(run, coop, admin, { text: `#${swap.number} couldn't complete by itself: ${error.message} Please settle it with \`/credits adjust\`.` });
        }
        return skipped(`limit: ${error.message}`);
      }
    }
    if (!store.swaps.moveTo(swap.id, 'completed', now, 'completed 48 h after the sitter confirmed')) return skipped('already resolved');
    const amount = formatCredits(total);
    notice(run, coop, sitter, { text: `#${swap.number} is complete: ${amount} moved to you. Thank you for sitting!` });
    for (const { member } of payers) {
      notice(run, coop, member, {
        text: `#${swap.number} completed by itself, 48 hours after ${sitter.displayName} confirmed it: ${amount} paid. If something wasn't right, a co-op admin can correct it.`,
      });
    }
    return done;
  },
};
