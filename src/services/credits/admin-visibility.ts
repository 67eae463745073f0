import type { CommandContext } from '../context.ts';

/** An admin who moves their own family's credit does it in the open: the other admins are told. */
export function tellOtherAdminsOfOwnFamily(ctx: CommandContext, householdId: number, text: string): void {
  if (householdId !== ctx.member.householdId) return;
  for (const admin of ctx.store.members.coopAdmins(ctx.coop.id)) {
    if (admin.householdId !== ctx.member.householdId && admin.forgottenAt === null) ctx.dm(admin, { text });
  }
}
