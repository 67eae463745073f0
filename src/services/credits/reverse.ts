import { tellBalanceChanges } from '../../accounting/balance-notices.ts';
import type { Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { reversalOf } from '../../domain/ledger.ts';
import { renderMemo } from '../../domain/memos.ts';
import { creditTexts } from '../../messages/credits.ts';
import type { CommandContext } from '../context.ts';
import { tellOtherAdminsOfOwnFamily } from './admin-visibility.ts';

/**
 * `/credits reverse`: an admin undoes one entry with a linked reversing entry and a reason; the entry itself is never
 * edited. Every family whose credit changes is told.
 */
export function reverse(ctx: CommandContext, number: number, reason: string): Reply {
  const entry = ctx.store.ledger.entry(ctx.coop.id, number);
  if (!entry) throw new UserError(`There is no entry ${number} in this co-op. \`/credits history\` shows the numbers.`, { option: 'entry', code: 'not_found' });
  if (entry.kind === 'reversal') {
    throw new UserError(`Entry ${number} is itself a reversal. To change it, use \`/credits adjust\` with a reason.`, { option: 'entry', code: 'state' });
  }
  if (entry.reversedBy !== null) {
    const by = ctx.store.ledger.entryNumber(entry.reversedBy);
    throw new UserError(`Entry ${number} was already reversed${by === undefined ? '' : ` (entry ${by})`}.`, { option: 'entry', code: 'state' });
  }
  const what = renderMemo(entry.memo, (id) => ctx.store.members.get(id).displayName) || entry.kind;
  const transferId = ctx.store.ledger.record({
    coopId: ctx.coop.id,
    kind: 'reversal',
    postings: reversalOf(ctx.store.ledger.postings(entry.id)),
    memo: `reversal of entry ${number}`,
    note: reason,
    reversesId: entry.id,
    actorMemberId: ctx.member.id,
    at: ctx.now,
  });
  const line = tellBalanceChanges(ctx.store, ctx.coop, transferId, ({ amount }) => creditTexts.reversed(number, what, amount, ctx.member.displayName, reason), ctx, ctx.member);
  for (const change of ctx.store.ledger.changesOf(transferId)) {
    if (change.householdId !== null) tellOtherAdminsOfOwnFamily(ctx, change.householdId, `${ctx.member.displayName} reversed entry ${number} (${what}), which touched their own family: ${reason}.`);
  }
  const reversal = ctx.store.ledger.entryNumber(transferId);
  return {
    visibility: 'private',
    text: `Reversed entry ${number} (${what}) with entry ${reversal ?? '?'}; every family it touched is told.${line ? `\n${line}` : ''}`,
  };
}
