import type { MemberRef, Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import type { CommandContext } from '../context.ts';

export function setAdmin(ctx: CommandContext, who: MemberRef, isAdmin: boolean): Reply {
  const member = ctx.findMember(who);
  if (!isAdmin && member.isAdmin && ctx.store.members.coopAdmins(ctx.coop.id).length === 1 && !ctx.invocation.isPlatformAdmin) {
    throw new UserError(`${member.displayName} is the last co-op admin. Add another admin first.`);
  }
  ctx.store.members.setAdmin(member.id, isAdmin);
  if (member.id !== ctx.member.id) {
    ctx.dm(member, { text: isAdmin ? `${ctx.member.displayName} made you a co-op admin. Thank you for helping run things!` : `${ctx.member.displayName} removed you as a co-op admin.` });
  }
  return { visibility: 'private', text: isAdmin ? `${member.displayName} is now a co-op admin.` : `${member.displayName} is no longer a co-op admin.` };
}
