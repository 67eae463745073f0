import type { MemberRef, Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { INVITATION_LIFETIME } from '../../domain/households.ts';
import { timezoneOf, type Member } from '../../domain/members.ts';
import { formatLocal } from '../../domain/timezone.ts';
import { invitationMessage, invitedText } from '../../messages/households.ts';
import type { CommandContext } from '../context.ts';
import { assertAlone, householdView, previewJoin } from './membership.ts';

/** A member of this co-op to share a household with: refuses yourself, the forgotten and strangers, clearly. */
export function householdCandidate(ctx: CommandContext, who: MemberRef): Member {
  const found = ctx.store.members.find(ctx.coop.id, who.ref);
  if (!found && ctx.store.privacy.wasForgotten(ctx.coop.id, who.ref)) {
    throw new UserError(`${who.name || 'They'} asked Breather to forget them in this co-op, so they can't share a balance. If they come back, try again then.`, {
      code: 'not_found',
    });
  }
  return ctx.findMember(who);
}

/** `/household invite member:@who`: asks them privately (Accept · Decline); nothing moves until they accept. */
export function invite(ctx: CommandContext, who: MemberRef): Reply {
  const { store } = ctx;
  const invitee = householdCandidate(ctx, who);
  if (invitee.id === ctx.member.id) throw new UserError("That's you! Invite your partner with `/household invite member:@them`.", { code: 'refused' });
  if (invitee.householdId === ctx.member.householdId) throw new UserError(`${invitee.displayName} already shares your family's balance.`, { code: 'state' });
  assertAlone(store, invitee, `${invitee.displayName} already shares a balance with someone else. They need to leave it first (\`/household leave\`); then you can invite them.`);
  const until = (at: number) => formatLocal(at, ctx.timezone);
  const open = store.households.pendingInvitation(ctx.member.householdId, invitee.id);
  if (open && open.expiresAt > ctx.now) {
    return { visibility: 'private', text: `You've already invited ${invitee.displayName}; the invitation is open until ${until(open.expiresAt)}.` };
  }
  if (open) store.households.answerInvitation(open.id, 'expired', ctx.now);
  const invitation = store.households.invite({
    coopId: ctx.coop.id,
    householdId: ctx.member.householdId,
    inviterMemberId: ctx.member.id,
    inviteeMemberId: invitee.id,
    expiresAt: ctx.now + INVITATION_LIFETIME,
    createdAt: ctx.now,
  });
  const theirUntil = formatLocal(invitation.expiresAt, timezoneOf(invitee, ctx.coop));
  ctx.dm(invitee, invitationMessage(ctx.member.displayName, previewJoin(store, invitee), invitation.id, theirUntil));
  const balance = householdView(store, ctx.member.householdId).balance;
  return { visibility: 'private', text: invitedText(invitee.displayName, balance, until(invitation.expiresAt)) };
}
