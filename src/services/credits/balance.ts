import type { CommandContext } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import type { MemberRef, Reply } from '../../core/types.ts';
import type { Member } from '../../domain/members.ts';
import type { HistoryEntry } from '../../db/repositories/ledger.ts';
import { formatSignedCredits } from '../../domain/money.ts';
import { balanceLine } from '../../messages/credits.ts';
import { accountOf, balanceOf } from './accounts.ts';
import { formatLocal } from '../../domain/timezone.ts';
import { renderMemo } from '../../domain/memos.ts';

/** Whose balance: your own, or (admins only) someone else's. */
function subject(ctx: CommandContext, who: MemberRef | undefined): Member {
  if (!who) return ctx.member;
  const member = ctx.findMember(who);
  if (member.id !== ctx.member.id && !ctx.isAdmin) {
    throw new UserError("Balances are private: only admins can see someone else's. \`/credits balance\` shows yours.");
  }
  return member;
}

export function balance(ctx: CommandContext, who: MemberRef | undefined): Reply {
  const member = subject(ctx, who);
  const amount = balanceOf(ctx, member);
  const whose = member.id === ctx.member.id ? 'You have' : `${member.displayName}'s family has`;
  return { visibility: 'private', text: balanceLine(amount, ctx.rules, whose) };
}

const KIND_TEXT: Record<HistoryEntry['kind'], string> = {
  starting: 'starting credits',
  swap: 'sit',
  gift: 'gift',
  adjustment: 'admin adjustment',
  late_cancel: 'late cancellation',
  reversal: 'correction',
  household: 'sharing a balance',
};

export function history(ctx: CommandContext, who: MemberRef | undefined): Reply {
  const member = subject(ctx, who);
  const entries = ctx.store.ledger.history(accountOf(ctx, member), 15);
  if (entries.length === 0) return { visibility: 'private', text: 'Nothing here yet — your sits and gifts will show up as they happen.' };
  const lines = entries.map((e) => {
    const what = renderMemo(e.memo, (id) => ctx.store.members.get(id).displayName) || KIND_TEXT[e.kind];
    const note = e.note ? ` — ${e.note}` : '';
    return `[${e.number}] ${formatLocal(e.createdAt, ctx.timezone)}  ${formatSignedCredits(e.amount).padStart(9)}  ${what}${note}`;
  });
  return { visibility: 'private', text: `Recent entries (newest first; the number in brackets is the entry):\n${lines.join('\n')}` };
}
