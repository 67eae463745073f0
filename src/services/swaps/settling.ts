import { paySit, type FamilyPayment } from '../../accounting/settlement.ts';
import type { Member } from '../../domain/members.ts';
import { memberToken } from '../../domain/memos.ts';
import type { Swap, SwapStatus } from '../../domain/swaps.ts';
import { familySettled, sitterSettled, type SettledHow } from '../../messages/settling.ts';
import type { CommandContext } from '../context.ts';

/**
 * Pays a sit from a command (a family's confirmation, an agreed length, a host's confirmation, an admin's decision):
 * the families whose credit changed are told, the acting member in their reply. Returns the acting member's line.
 */
export function settleFromCommand(
  ctx: CommandContext,
  swap: Swap,
  sitter: Member,
  payments: readonly FamilyPayment[],
  how: SettledHow,
  close?: { status: SwapStatus; note: string | null },
  note?: string,
): string | undefined {
  const by = how === 'admin' || how === 'confirmed' ? ctx.member.displayName : undefined;
  const { actorLine } = paySit(ctx.store, {
    coop: ctx.coop,
    swap,
    sitter,
    payments,
    at: ctx.now,
    actor: ctx.member,
    memo: how === 'admin' ? `sit #${swap.number} (decided by ${memberToken(ctx.member.id)})` : `sit #${swap.number}`,
    lines: {
      sitter: (amount) => sitterSettled(swap.number, amount, how, by, note),
      family: (amount) => familySettled(swap.number, amount, sitter.displayName, how, by, note),
    },
    teller: ctx,
    ...(close ? { close } : {}),
  });
  return actorLine;
}
