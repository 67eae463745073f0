import { paySit } from '../../accounting/settlement.ts';
import { loadSwapPeople } from '../../db/swap-people.ts';
import { sitNews } from '../../domain/delivery.ts';
import { canTransition, isHappening } from '../../domain/swaps.ts';
import { familySettled, sitterSettled } from '../../messages/settling.ts';
import { memberView, whenText } from '../../messages/times.ts';
import { done, jobTeller, requireCoop, skipped, type JobHandler } from '../job-run.ts';

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
    const coop = requireCoop(run);
    const tell = jobTeller(run, coop);
    const when = whenText(swap.startsAt, swap.endsAt, memberView(people.owner, coop));
    const text =
      swap.kind === 'request'
        ? `#${swap.number} (${when}) started without a sitter, so I've closed it. I'm sorry it didn't work out this time — ask again whenever you like.`
        : `Your ${swap.kind} #${swap.number} (${when}) wasn't booked this time, so I've closed it. Thank you for offering!`;
    tell.dm(people.owner, { text }, { delivery: sitNews(swap.startsAt, now, 'change') });
    for (const { member } of people.volunteers) tell.dm(member, { text: `#${swap.number} closed without being matched. Thank you for offering to help.` }, { delivery: { kind: 'unprompted', optional: true } });
    return done;
  },
};

/**
 * 48 h after the sitter said it went ahead, a sit the family stayed silent about settles by itself at the frozen
 * price. A dispute, a proposed length or the family's own confirmation before then leaves nothing to do here.
 */
export const autoComplete: JobHandler = {
  run(run) {
    const { store, job, now } = run;
    const swap = store.swaps.get(job.swapId ?? 0);
    if (swap.status !== 'accepted' || swap.sitterDoneAt === null) return skipped(`swap is ${swap.status}`);
    if (store.disputes.pendingLengths(swap.id).length > 0) return skipped('a length waits for an answer');
    const people = loadSwapPeople(store, swap);
    const { sitter } = people;
    if (!sitter) return skipped('no sitter');
    const coop = requireCoop(run);
    paySit(store, {
      coop,
      swap,
      sitter,
      payments: people.families.map(({ member, party }) => ({ party, payer: member, price: party.price ?? 0 })),
      at: now,
      memo: `sit #${swap.number} (settled 48 h after the sitter confirmed)`,
      lines: { sitter: (amount) => sitterSettled(swap.number, amount, 'sitter_word'), family: (amount) => familySettled(swap.number, amount, sitter.displayName, 'sitter_word') },
      teller: jobTeller(run, coop),
      close: { status: 'completed', note: 'settled 48 h after the sitter confirmed' },
    });
    return done;
  },
};
