import type { Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { MAX_HOUSEHOLD_NAME } from '../../domain/households.ts';
import { ofCredit } from '../../messages/credits.ts';
import { cleanDisplayName } from '../../domain/names.ts';
import { formatLocal } from '../../domain/timezone.ts';
import type { CommandContext } from '../context.ts';
import { householdView } from './membership.ts';

/** `/household show`: who is in it, its name and balance, and the invitations waiting. Private. */
export function showHousehold(ctx: CommandContext): Reply {
  const { store } = ctx;
  const view = householdView(store, ctx.member.householdId);
  const lines = [
    view.members.length > 1
      ? `Your family${view.name ? `, ${view.name},` : ''} is ${view.members.map((m) => m.displayName).join(' and ')}, sharing ${ofCredit(view.balance)}.`
      : `You have a balance of your own${view.name ? ` (${view.name})` : ''}: ${ofCredit(view.balance)}.`,
  ];
  for (const invitation of store.households.pendingFor(ctx.member.id)) {
    if (invitation.expiresAt <= ctx.now) continue;
    const until = formatLocal(invitation.expiresAt, ctx.timezone);
    if (invitation.inviteeMemberId === ctx.member.id) {
      const from = store.members.get(invitation.inviterMemberId).displayName;
      lines.push(`${from} invited you to share a balance (open until ${until}): \`/household accept id:${invitation.id}\` or \`/household decline id:${invitation.id}\`.`);
    } else {
      lines.push(`You invited ${store.members.get(invitation.inviteeMemberId).displayName} (open until ${until}).`);
    }
  }
  if (view.members.length === 1) lines.push('To share one balance with a partner: `/household invite member:@name`.');
  return { visibility: 'private', text: lines.join('\n') };
}

/** `/household name name:"The Okafors"`: shown on the household's swaps in the co-op channel. */
export function nameHousehold(ctx: CommandContext, text: string): Reply {
  const name = cleanDisplayName(text);
  if (!name || Array.from(name).length > MAX_HOUSEHOLD_NAME) {
    throw new UserError(`A family name is 1 to ${MAX_HOUSEHOLD_NAME} characters, like \`name:"The Okafors"\`.`, { option: 'name', code: 'bad_option' });
  }
  ctx.store.households.setName(ctx.member.householdId, name);
  for (const partner of householdView(ctx.store, ctx.member.householdId).members) {
    if (partner.id !== ctx.member.id) ctx.dm(partner, { text: `${ctx.member.displayName} named your family "${name}".` });
  }
  return { visibility: 'private', text: `Your family is now "${name}" — the co-op sees it on your swaps.` };
}
