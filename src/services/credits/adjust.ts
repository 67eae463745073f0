import type { MemberRef, Reply } from '../../core/types.ts';
import { movement } from '../../domain/ledger.ts';
import { memberToken } from '../../domain/memos.ts';
import { formatCredits, formatSignedCredits, parseCreditAmount } from '../../domain/money.ts';
import type { CommandContext } from '../context.ts';
import { accountOf } from './accounts.ts';

/** An admin correction: a ledger entry with a reason, paid to or from the co-op, allowed past the floor and cap. */
export function adjust(ctx: CommandContext, who: MemberRef, amountText: string, reason: string): Reply {
  const member = ctx.findMember(who);
  const amount = parseCreditAmount(amountText, { allowNegative: true });
  const issuance = ctx.store.ledger.issuanceAccount(ctx.coop.id);
  const account = accountOf(ctx, member);
  ctx.store.ledger.record({
    coopId: ctx.coop.id,
    kind: 'adjustment',
    postings: amount > 0 ? movement(issuance, account, amount) : movement(account, issuance, -amount),
    memo: `adjustment by ${memberToken(ctx.member.id)}`,
    note: reason,
    actorMemberId: ctx.member.id,
    at: ctx.now,
  });
  const now = ctx.store.ledger.balance(account);
  if (member.id !== ctx.member.id) ctx.dm(member, { text: `An admin adjusted your balance by ${formatSignedCredits(amount)}: ${reason}. You now have ${formatCredits(now)}.` });
  return { visibility: 'private', text: `Adjusted ${member.displayName} by ${formatSignedCredits(amount)} (${reason}). They now have ${formatCredits(now)}.` };
}
