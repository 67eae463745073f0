import type { MemberRef, Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { formatCredits } from '../../domain/money.ts';
import { joinEffect, partnerJoinedText, partnerLeftText } from '../../messages/households.ts';
import type { CommandContext } from '../context.ts';
import { householdCandidate } from './invite.ts';
import { assertAlone, householdView, joinHousehold, leaveHousehold, previewJoin } from './membership.ts';

// `/coop household add|remove member:@who with:@who`: admins do for members who ask what invitations do, with the
// same rules (one start per family, the floor and the cap) and telling both.

export function adminAddToHousehold(ctx: CommandContext, who: MemberRef, withWho: MemberRef): Reply {
  const { store } = ctx;
  const member = householdCandidate(ctx, who);
  const other = householdCandidate(ctx, withWho);
  if (member.id === other.id) throw new UserError('`member:` and `with:` are the same person: name the member and someone in the household they join.', { code: 'refused' });
  if (member.householdId === other.householdId) throw new UserError(`${member.displayName} and ${other.displayName} already share a household.`, { code: 'state' });
  assertAlone(store, member, `${member.displayName} shares a household with someone else: remove them from it first (\`/coop household remove\`).`);
  const preview = previewJoin(store, member);
  joinHousehold(ctx, member, other.householdId);
  const view = householdView(store, other.householdId);
  ctx.dm(member, { text: `A co-op admin set you up to share one balance with ${other.displayName}, as asked: ${joinEffect(preview)}. Your family has ${formatCredits(view.balance)} of credit now.` });
  for (const partner of view.members) if (partner.id !== member.id) ctx.dm(partner, { text: partnerJoinedText(member.displayName, view.balance) });
  return { visibility: 'private', text: `${member.displayName} now shares a household with ${other.displayName}: ${joinEffect(preview, 'their')}. I've told them both.` };
}

export function adminRemoveFromHousehold(ctx: CommandContext, who: MemberRef, withWho: MemberRef): Reply {
  const { store } = ctx;
  const member = householdCandidate(ctx, who);
  const other = householdCandidate(ctx, withWho);
  if (member.id === other.id || member.householdId !== other.householdId) {
    throw new UserError(`${member.displayName} and ${other.displayName} don't share a household. \`with:\` names someone in ${member.displayName}'s household.`, {
      code: 'state',
    });
  }
  const view = householdView(store, member.householdId);
  leaveHousehold(ctx, member);
  ctx.dm(member, { text: "A co-op admin took you out of the shared balance, as asked. Yours starts again at 0 h; the shared one stays with your former family." });
  for (const stayer of view.members) if (stayer.id !== member.id) ctx.dm(stayer, { text: partnerLeftText(member.displayName, view.balance) });
  return { visibility: 'private', text: `${member.displayName} is a household of one now, at 0 h; the household's balance stayed with ${other.displayName}. I've told them both.` };
}
