import type { CommandContext } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import type { MemberRef, Reply } from '../../core/types.ts';
import type { Member } from '../../domain/members.ts';
import type { HistoryEntry } from '../../db/repositories/ledger.ts';
import { movement } from '../../domain/ledger.ts';
import { formatCredits, formatSignedCredits, parseCreditAmount } from '../../domain/money.ts';
import { formatLocal } from '../../domain/timezone.ts';

/** Whose balance: your own, or (admins only) someone else's. */
function subject(ctx: CommandContext, who: MemberRef | undefined): Member {
  if (!who) return ctx.member;
  const member = ctx.findMember(who);
  if (member.id !== ctx.member.id && !ctx.isAdmin) {
    throw new UserError("Balances are private: you can see your own, and only admins can see someone else's.");
  }
  return member;
}

const accountOf = (ctx: CommandContext, member: Member) => ctx.store.ledger.accountOfHousehold(member.householdId);

export function balance(ctx: CommandContext, who: MemberRef | undefined): Reply {
  const member = subject(ctx, who);
  const amount = ctx.store.ledger.balance(accountOf(ctx, member));
  const whose = member.id === ctx.member.id ? 'Your household has' : `${member.displayName}'s household has`;
  const limits = `(floor ${formatCredits(ctx.rules.floor)}, cap ${formatCredits(ctx.rules.cap)})`;
  return { visibility: 'private', text: `${whose} ${formatCredits(amount)} ${limits}.` };
}

const KIND_TEXT: Record<HistoryEntry['kind'], string> = {
  starting: 'starting credits',
  swap: 'sit',
  gift: 'gift',
  adjustment: 'admin adjustment',
  late_cancel: 'late cancellation',
  reversal: 'correction',
};

export function history(ctx: CommandContext, who: MemberRef | undefined): Reply {
  const member = subject(ctx, who);
  const entries = ctx.store.ledger.history(accountOf(ctx, member), 15);
  if (entries.length === 0) return { visibility: 'private', text: 'No entries yet.' };
  const lines = entries.map((e) => {
    const what = e.memo || KIND_TEXT[e.kind];
    const note = e.note ? ` — ${e.note}` : '';
    return `${formatLocal(e.createdAt, ctx.timezone)}  ${formatSignedCredits(e.amount).padStart(9)}  ${what}${note}`;
  });
  return { visibility: 'private', text: `Recent entries (newest first):\n${lines.join('\n')}` };
}

export function give(ctx: CommandContext, who: MemberRef, amountText: string, note: string | undefined): Reply {
  const to = ctx.findMember(who);
  if (to.householdId === ctx.member.householdId) throw new UserError('That is your own household: credits are already shared there.');
  const amount = parseCreditAmount(amountText, { allowNegative: false });
  ctx.store.ledger.record(
    {
      coopId: ctx.coop.id,
      kind: 'gift',
      postings: movement(accountOf(ctx, ctx.member), accountOf(ctx, to), amount),
      memo: `gift from ${ctx.member.displayName} to ${to.displayName}`,
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
    memo: `adjustment by ${ctx.member.displayName}`,
    note: reason,
    actorMemberId: ctx.member.id,
    at: ctx.now,
  });
  const now = ctx.store.ledger.balance(account);
  if (member.id !== ctx.member.id) ctx.dm(member, { text: `An admin adjusted your balance by ${formatSignedCredits(amount)}: ${reason}. You now have ${formatCredits(now)}.` });
  return { visibility: 'private', text: `Adjusted ${member.displayName} by ${formatSignedCredits(amount)} (${reason}). They now have ${formatCredits(now)}.` };
}
