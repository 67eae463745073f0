import { paySit, type FamilyPayment } from '../../accounting/settlement.ts';
import { loadSwapPeople } from '../../db/swap-people.ts';
import { priceOfSwap } from '../../domain/pricing.ts';
import { isHappening } from '../../domain/swaps.ts';
import { familySettled, sitterSettled } from '../../messages/settling.ts';
import { done, jobTeller, payloadNumber, requireCoop, skipped, type JobHandler } from '../job-run.ts';

/**
 * A proposed length nobody answered in 48 hours is accepted, and the sit settles at it: nobody sets a length alone,
 * and nobody can hold a payment up by staying silent.
 */
export const lengthAccept: JobHandler = {
  run(run) {
    const { store, job, now } = run;
    const swap = store.swaps.get(job.swapId ?? 0);
    if (swap.status !== 'accepted') return skipped(`swap is ${swap.status}`);
    const proposal = store.disputes.pendingLengths(swap.id).find((p) => p.id === payloadNumber(run, 'proposal'));
    if (!proposal) return skipped('the length was answered');
    const people = loadSwapPeople(store, swap);
    const { sitter } = people;
    const family = people.families.find((f) => f.party.id === proposal.partyId);
    if (!sitter || !family) return skipped('no longer matched');
    store.disputes.decideLength(proposal.id, 'accepted', now, null);
    const by = store.members.get(proposal.proposedBy).displayName;
    const coop = requireCoop(run);
    paySit(store, {
      coop,
      swap,
      sitter,
      payments: [{ party: family.party, payer: family.member, price: priceOfSwap(swap, family.party.kids ?? 1, proposal.minutes) }],
      at: now,
      memo: `sit #${swap.number} (a length nobody objected to)`,
      lines: { sitter: (amount) => sitterSettled(swap.number, amount, 'silence', by), family: (amount) => familySettled(swap.number, amount, sitter.displayName, 'silence', by) },
      teller: jobTeller(run, coop),
      close: { status: 'completed', note: 'the proposed length, accepted after 48 h of silence' },
    });
    return done;
  },
};

/**
 * A week after the end, a sit nobody confirmed or disputed settles as booked (a pending length is left to its own
 * job): every sit that happened is paid. A session pays every family whose seat is not with the admins.
 */
export const settleDeadline: JobHandler = {
  run(run) {
    const { store, job, now } = run;
    const swap = store.swaps.get(job.swapId ?? 0);
    const people = loadSwapPeople(store, swap);
    if (!isHappening(swap, people.parties)) return skipped(`swap is ${swap.status}`);
    if (now < swap.endsAt) return skipped('not over yet');
    if (store.disputes.pendingLengths(swap.id).length > 0) return skipped('a length waits for an answer');
    const sitter = people.sitter ?? people.owner;
    const disputed = new Set(store.disputes.allForSwap(swap.id).map((d) => d.partyId));
    const payments: FamilyPayment[] = people.families
      .filter((f) => !disputed.has(f.party.id))
      .map(({ member, party }) => ({ party, payer: member, price: party.price ?? 0 }));
    const coop = requireCoop(run);
    paySit(store, {
      coop,
      swap,
      sitter,
      payments,
      at: now,
      memo: `sit #${swap.number} (as booked, nobody objected)`,
      lines: { sitter: (amount) => sitterSettled(swap.number, amount, 'deadline'), family: (amount) => familySettled(swap.number, amount, sitter.displayName, 'deadline') },
      teller: jobTeller(run, coop),
      close: { status: 'completed', note: 'settled as booked a week after the end' },
    });
    return done;
  },
};
