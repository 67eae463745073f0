import type { Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { leavePrompt, partnerLeftText } from '../../messages/households.ts';
import type { CommandContext } from '../context.ts';
import { householdView, leaveHousehold } from './membership.ts';

/** `/household leave`: says what happens and asks; `confirm:yes` (the button) does it. */
export function leave(ctx: CommandContext, confirm: 'yes' | undefined): Reply {
  const view = householdView(ctx.store, ctx.member.householdId);
  const stayers = view.members.filter((m) => m.id !== ctx.member.id);
  if (stayers.length === 0) {
    throw new UserError("You don't share a balance with anyone, so there is nothing to leave. To share one, `/household invite member:@name`.", {
      code: 'state',
    });
  }
  const names = stayers.map((m) => m.displayName).join(' and ');
  if (confirm !== 'yes') return { visibility: 'private', ...leavePrompt(names, view.balance) };
  leaveHousehold(ctx, ctx.member);
  for (const stayer of stayers) ctx.dm(stayer, { text: partnerLeftText(ctx.member.displayName, view.balance) });
  return { visibility: 'private', text: `You've stopped sharing; the shared balance stays with ${names}, and yours starts again at 0 h.` };
}
