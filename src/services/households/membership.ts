import { mergeKey } from '../../db/repositories/households.ts';
import type { Store } from '../../db/store.ts';
import { UserError } from '../../domain/errors.ts';
import { findLimitBreach } from '../../domain/ledger.ts';
import { formatCredits } from '../../domain/money.ts';
import { householdLabel, mergeOf, mergePostings, type Merge } from '../../domain/households.ts';
import type { Member } from '../../domain/members.ts';
import { memberToken } from '../../domain/memos.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';

// Moving members between households: the one place that writes a household change, for invitations, for admins and
// for /privacy forget. Credits move only as ledger transfers, never as edits.

/** A member's household as they see it: who is in it (not counting forgotten members), its label and balance. */
export interface HouseholdView {
  id: number;
  name: string;
  label: string;
  members: Member[];
  accountId: number;
  balance: number;
}

export function householdView(store: Store, householdId: number): HouseholdView {
  const household = store.households.get(householdId);
  const members = store.members.inHousehold(householdId).filter((m) => m.forgottenAt === null);
  const accountId = store.ledger.accountOfHousehold(householdId);
  return {
    id: householdId,
    name: household.name,
    label: householdLabel(household.name, members.map((m) => m.displayName)),
    members,
    accountId,
    balance: store.ledger.balance(accountId),
  };
}

/** Everyone else in a member's household. */
export function partnersOf(store: Store, member: Member): Member[] {
  return householdView(store, member.householdId).members.filter((m) => m.id !== member.id);
}

/** What joining another household would do to a member's own balance (they must be a household of one). */
export function previewJoin(store: Store, member: Member): Merge & { balance: number } {
  const own = householdView(store, member.householdId);
  return { ...mergeOf(own.balance, store.households.unreturnedStart(own.id, own.accountId)), balance: own.balance };
}

/** Refuses (kindly) a member who shares their household with someone: they must leave it before joining another. */
export function assertAlone(store: Store, member: Member, refusal: string): void {
  if (partnersOf(store, member).length > 0) throw new UserError(refusal, { code: 'state' });
}

/**
 * Folds a household of one into another, in the caller's transaction: its starting credits go back to the co-op
 * (one family, one start), the rest of its balance, positive or negative, moves in, as ONE 'household' transfer
 * (see mergePostings). Refused when the household it joins would end past the co-op's floor or cap.
 */
export function joinHousehold(ctx: CommandContext, joining: Member, householdId: number): Merge & { balance: number } {
  const { store } = ctx;
  const from = householdView(store, joining.householdId);
  const into = householdView(store, householdId);
  const merge = mergeOf(from.balance, store.households.unreturnedStart(from.id, from.accountId));
  const after = into.balance + merge.moved;
  const breach = findLimitBreach([{ accountId: into.accountId, before: into.balance, after }], ctx.rules);
  if (breach) {
    const limit = breach.limit === 'cap' ? `past the most the co-op lets a family bank (${formatCredits(ctx.rules.cap)})` : `below what the co-op allows (${formatCredits(ctx.rules.floor)})`;
    throw new UserError(`Sharing now would take the family's balance ${limit}. Use or earn some credit first (or a co-op admin can help), then try again.`, {
      code: 'limit',
    });
  }
  const postings = mergePostings({ joining: from.accountId, household: into.accountId, issuance: store.ledger.issuanceAccount(ctx.coop.id) }, from.balance, merge);
  if (postings.length > 0) {
    store.ledger.record({
      coopId: ctx.coop.id,
      kind: 'household',
      postings,
      memo: `${memberToken(joining.id)} began sharing the family balance: starting credits back to the co-op, the rest moved in`,
      actorMemberId: ctx.member.id,
      idempotencyKey: mergeKey(from.id),
      at: ctx.now,
    });
  }
  store.households.move(joining.id, householdId, ctx.now);
  resyncSwaps(ctx, [joining, ...into.members]);
  return { ...merge, balance: after };
}

/** Starts a member on a new household of their own at zero; the balance stays with the household they leave. */
export function leaveHousehold(ctx: CommandContext, leaving: Member): number {
  const { store } = ctx;
  const stayers = partnersOf(store, leaving);
  const { householdId } = store.households.create(ctx.coop.id, ctx.now);
  store.households.move(leaving.id, householdId, ctx.now);
  // Their invitations into the household they left are no longer theirs to give.
  for (const invitation of store.households.pendingFor(leaving.id)) {
    if (invitation.inviterMemberId === leaving.id) store.households.answerInvitation(invitation.id, 'withdrawn', ctx.now);
  }
  resyncSwaps(ctx, [leaving, ...stayers]);
  return householdId;
}

/** Reminders and completion prompts follow households: re-plan the jobs of every live swap these members are in. */
function resyncSwaps(ctx: CommandContext, members: readonly Member[]): void {
  const seen = new Set<number>();
  for (const member of members) {
    for (const swap of ctx.store.swaps.listMine(member.id, 500)) {
      if (seen.has(swap.id)) continue;
      seen.add(swap.id);
      syncSwapJobs(ctx.store, swap.id, ctx.now);
    }
  }
}
