import type { Member } from '../../domain/members.ts';
import type { CommandContext } from '../context.ts';

/** The account of a member's household: credits belong to households, not to members. */
export function accountOf(ctx: CommandContext, member: Member): number {
  return ctx.store.ledger.accountOfHousehold(member.householdId);
}

export function balanceOf(ctx: CommandContext, member: Member): number {
  return ctx.store.ledger.householdBalance(member.householdId);
}
