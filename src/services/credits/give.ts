import { tellBalanceChanges } from '../../accounting/balance-notices.ts';
import type { MemberRef, Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { movement } from '../../domain/ledger.ts';
import { memberToken } from '../../domain/memos.ts';
import { formatCredits, parseCreditAmount } from '../../domain/money.ts';
import { creditTexts } from '../../messages/credits.ts';
import type { CommandContext } from '../context.ts';
import { accountOf } from './accounts.ts';

/**
 * A gift (or settling up) between families, from credit the giver's family earned: starting credits cannot be given
 * away, only spent on sits (otherwise a few throwaway accounts could fill a family to the cap), and a gift never
 * makes a debt. The receiver's cap holds; a refusal never shows another family's figures.
 */
export function give(ctx: CommandContext, who: MemberRef, amountText: string, note: string | undefined): Reply {
  const to = ctx.findMember(who);
  if (to.householdId === ctx.member.householdId) throw new UserError('That is your own family: credits are already shared there.', { code: 'refused' });
  const amount = parseCreditAmount(amountText, { allowNegative: false });
  const from = accountOf(ctx, ctx.member);
  const toAccount = accountOf(ctx, to);
  const have = ctx.store.ledger.balance(from);
  // What can be given is what the family earned: its balance above the co-op's starting credits, never a debt.
  const giftable = Math.max(0, have - Math.max(0, ctx.store.ledger.startingCreditsHeld(from)));
  if (amount > giftable) {
    throw new UserError(
      giftable > 0
        ? `You can give up to ${formatCredits(giftable)} right now: gifts come from credit your family earned, not from the co-op's starting credits or a debt.`
        : "You have no earned credit to give yet: the co-op's starting credits are for sits, not gifts. Sitting for someone earns credit you can give.",
      { option: 'amount', code: 'limit' },
    );
  }
  if (ctx.store.ledger.balance(toAccount) + amount > ctx.rules.cap) {
    throw new UserError(`That would take ${to.displayName}'s family past the co-op's limit. Try a smaller amount, or ask them to book a sit first.`, {
      option: 'amount',
      code: 'limit',
    });
  }
  const transferId = ctx.store.ledger.record(
    {
      coopId: ctx.coop.id,
      kind: 'gift',
      postings: movement(from, toAccount, amount),
      memo: `gift from ${memberToken(ctx.member.id)} to ${memberToken(to.id)}`,
      ...(note ? { note } : {}),
      actorMemberId: ctx.member.id,
      at: ctx.now,
    },
    { limits: ctx.rules },
  );
  const line = tellBalanceChanges(
    ctx.store,
    ctx.coop,
    transferId,
    ({ amount: moved }) => (moved < 0 ? creditTexts.giftSent(-moved, to.displayName) : creditTexts.giftReceived(moved, ctx.member.displayName, note)),
    ctx,
    ctx.member,
  );
  return { visibility: 'private', text: line ?? creditTexts.giftSent(amount, to.displayName) };
}
