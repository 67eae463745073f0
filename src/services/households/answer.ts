import type { Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import type { Invitation } from '../../domain/households.ts';
import { formatLocal } from '../../domain/timezone.ts';
import { joinedText, partnerJoinedText } from '../../messages/households.ts';
import type { CommandContext } from '../context.ts';
import { assertAlone, householdView, joinHousehold } from './membership.ts';

/** The invitation a member may answer now, or a refusal that says why not and what to do instead. */
function answerable(ctx: CommandContext, id: number): Invitation {
  const invitation = ctx.store.households.invitation(id);
  if (!invitation || invitation.coopId !== ctx.coop.id) {
    throw new UserError(`There is no invitation #${id} here. \`/household show\` lists yours.`, { code: 'not_found' });
  }
  if (invitation.inviteeMemberId !== ctx.member.id) throw new UserError("That invitation is for someone else, so it isn't yours to answer.", { code: 'not_allowed' });
  const inviter = ctx.store.members.get(invitation.inviterMemberId);
  if (invitation.status !== 'pending') {
    const how = invitation.status === 'withdrawn' ? 'was withdrawn' : `was already ${invitation.status}`;
    throw new UserError(`That invitation ${how}. Ask ${inviter.displayName} to invite you again if you'd like to share a balance.`, { code: 'state' });
  }
  if (ctx.now >= invitation.expiresAt) {
    throw new UserError(`That invitation expired on ${formatLocal(invitation.expiresAt, ctx.timezone)}. Ask ${inviter.displayName} to invite you again.`, {
      code: 'too_late',
    });
  }
  if (inviter.forgottenAt !== null || inviter.householdId !== invitation.householdId) {
    throw new UserError(`That invitation is out of date: ${inviter.displayName} no longer shares that balance. Ask them to invite you again.`, { code: 'state' });
  }
  return invitation;
}

/** `/household accept id:<n>`: the two households become one, in this one transaction. */
export function acceptInvitation(ctx: CommandContext, id: number): Reply {
  const { store } = ctx;
  const invitation = answerable(ctx, id);
  if (ctx.member.householdId === invitation.householdId) throw new UserError("You already share that family's balance.", { code: 'state' });
  assertAlone(store, ctx.member, 'You already share a balance with someone. Leave it first (`/household leave`), then accept.');
  const result = joinHousehold(ctx, ctx.member, invitation.householdId);
  store.households.answerInvitation(invitation.id, 'accepted', ctx.now);
  const view = householdView(store, invitation.householdId);
  for (const partner of view.members) if (partner.id !== ctx.member.id) ctx.dm(partner, { text: partnerJoinedText(ctx.member.displayName, view.balance) });
  const inviter = store.members.get(invitation.inviterMemberId);
  return { visibility: 'private', text: joinedText(view.name || `${inviter.displayName}'s family`, result, view.balance) };
}

/** `/household decline id:<n>`: nothing changes; the inviter is told. */
export function declineInvitation(ctx: CommandContext, id: number): Reply {
  const invitation = answerable(ctx, id);
  ctx.store.households.answerInvitation(invitation.id, 'declined', ctx.now);
  const inviter = ctx.store.members.get(invitation.inviterMemberId);
  ctx.dm(inviter, { text: `${ctx.member.displayName} declined your invitation to share a balance. No hard feelings, I hope!` });
  return { visibility: 'private', text: `Declined. I've let ${inviter.displayName} know; nothing else changed.` };
}
