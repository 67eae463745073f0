import type { MemberRef, Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { movement } from '../../domain/ledger.ts';
import { memberToken } from '../../domain/memos.ts';
import { formatCredits, parseCreditAmount } from '../../domain/money.ts';
import type { CommandContext } from '../context.ts';
import { accountOf } from './accounts.ts';

export function give(ctx: CommandContext, who: MemberRef, amountText: string, note: string | undefined): Reply {
  const to = ctx.findMember(who);
  if (to.householdId === ctx.member.householdId) throw new UserError('That is your own household: credits are already shared there.');
  const amount = parseCreditAmount(amountText, { allowNegative: false });
  ctx.store.ledger.record(
    {
      coopId: ctx.coop.id,
      kind: 'gift',
      postings: movement(accountOf(ctx, ctx.member), accountOf(ctx, to), amount),
      memo: `gift from ${memberToken(ctx.member.id)} to ${memberToken(to.id)}`,
      ...(note ? { note } : {}),
      actorMemberId: ctx.member.id,
      at: ctx.now,
    },
    { limits: ctx.rules },
  );
  ctx.dm(to, { text: `${ctx.member.displayName} gave you ${formatCredits(amount)}${note ? `: “${note}”` : ''}.` });
  const left = ctx.store.ledger.balance(accountOf(ctx, ctx.member));
  return { visibility: 'private', text: `Gave ${formatCredits(amount)} to ${to.displayName}. You now have ${formatCredits(left)}.` };
}
