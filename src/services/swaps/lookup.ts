import type { CommandContext } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import type { Member } from '../../db/repositories/members.ts';
import type { Swap, SwapParty } from '../../db/repositories/swaps.ts';

/** A swap of this co-op by its number; another co-op's swaps simply do not exist from here. */
export function findSwap(ctx: CommandContext, number: number): Swap {
  const swap = ctx.store.swaps.findByNumber(ctx.coop.id, number);
  if (!swap) throw new UserError(`There is no swap #${number} in this co-op. \`/swap list\` shows what is open.`);
  return swap;
}

export interface SwapPeople {
  owner: Member;
  sitter: Member | undefined;
  families: { member: Member; party: SwapParty }[];
  volunteers: { member: Member; party: SwapParty }[];
}

/** Who is in a swap right now: the active parties, with their member records. */
export function swapPeople(ctx: CommandContext, swap: Swap): SwapPeople {
  const active = ctx.store.swaps.parties(swap.id).filter((p) => p.status === 'active');
  const withMember = (party: SwapParty) => ({ member: ctx.store.members.get(party.memberId), party });
  const sitterParty = active.find((p) => p.role === 'sitter');
  return {
    owner: ctx.store.members.get(swap.ownerMemberId),
    sitter: sitterParty ? ctx.store.members.get(sitterParty.memberId) : undefined,
    families: active.filter((p) => p.role === 'family').map(withMember),
    volunteers: active.filter((p) => p.role === 'volunteer').map(withMember),
  };
}

export function activeParty(ctx: CommandContext, swap: Swap, memberId: number, role: SwapParty['role']): SwapParty | undefined {
  return ctx.store.swaps.parties(swap.id).find((p) => p.memberId === memberId && p.role === role && p.status === 'active');
}

export function balanceOf(ctx: CommandContext, member: Member): number {
  return ctx.store.ledger.balance(ctx.store.ledger.accountOfHousehold(member.householdId));
}
