import { tellBalanceChanges } from '../../accounting/balance-notices.ts';
import type { MemberRef, Reply } from '../../core/types.ts';
import { movement } from '../../domain/ledger.ts';
import { memberToken } from '../../domain/memos.ts';
import { formatCredits, formatSignedCredits, parseCreditAmount } from '../../domain/money.ts';
import { creditTexts } from '../../messages/credits.ts';
import type { CommandContext } from '../context.ts';
import { accountOf } from './accounts.ts';
import { tellOtherAdminsOfOwnFamily } from './admin-visibility.ts';

/** An admin correction: a ledger entry with a reason, paid to or from the co-op, allowed past the floor and cap. */
export function adjust(ctx: CommandContext, who: MemberRef, amountText: string, reason: string): Reply {
  const member = ctx.findMember(who);
  const amount = parseCreditAmount(amountText, { allowNegative: true });
  const issuance = ctx.store.ledger.issuanceAccount(ctx.coop.id);
  const account = accountOf(ctx, member);
  const transferId = ctx.store.ledger.record({
    coopId: ctx.coop.id,
    kind: 'adjustment',
    postings: amount > 0 ? movement(issuance, account, amount) : movement(account, issuance, -amount),
    memo: `adjustment by ${memberToken(ctx.member.id)}`,
    note: reason,
    actorMemberId: ctx.member.id,
    at: ctx.now,
  });
  const line = tellBalanceChanges(ctx.store, ctx.coop, transferId, ({ amount: moved }) => creditTexts.adjusted(moved, ctx.member.displayName, reason), ctx, ctx.member);
  tellOtherAdminsOfOwnFamily(ctx, member.householdId, `${ctx.member.displayName} corrected their own family's credit by ${formatSignedCredits(amount)}: ${reason}.`);
  const now = ctx.store.ledger.balance(account);
  const own = member.householdId === ctx.member.householdId;
  return {
    visibility: 'private',
    text: own && line ? line : `Corrected ${member.displayName}'s family by ${formatSignedCredits(amount)} (${reason}). They now have ${formatCredits(now)}; they're told.`,
  };
}
