import type { Store } from '../db/store.ts';
import type { Coop } from '../domain/coops.ts';
import type { Delivery } from '../domain/delivery.ts';
import type { Member } from '../domain/members.ts';
import { balanceTail } from '../messages/credits.ts';
import type { Teller } from './teller.ts';

/** What a family is told about one change: the reason in words, given the amount that moved for it. */
export type ReasonFor = (change: { householdId: number; amount: number }) => string;

/**
 * Every member of every family whose balance a transfer changed gets one private line: the reason and the new
 * balance (and what a limit means, when the family is now outside one). The member who acted gets it in their
 * reply instead, returned here, so nobody is told twice. `delivery`: how the lines travel (a sit's own payment goes
 * like news about that sit; an admin's correction is unprompted).
 */
export function tellBalanceChanges(store: Store, coop: Coop, transferId: number, reason: ReasonFor, teller: Teller, actor?: Member, delivery?: Delivery): string | undefined {
  const limits = store.coops.rules(coop.id);
  let actorLine: string | undefined;
  for (const change of store.ledger.changesOf(transferId)) {
    if (change.householdId === null) continue; // the co-op's own issuance account
    const text = `${reason({ householdId: change.householdId, amount: change.amount })}${balanceTail(change.after, limits)}`;
    for (const member of store.members.inHousehold(change.householdId)) {
      if (member.forgottenAt !== null) continue;
      if (actor && member.id === actor.id) actorLine = text;
      else teller.dm(member, { text }, delivery ? { delivery } : undefined);
    }
  }
  return actorLine;
}
