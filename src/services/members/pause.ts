import type { Button } from '../../core/types.ts';
import { timezoneOf } from '../../domain/members.ts';
import { parsePauseDate } from '../../domain/pause-date.ts';
import { WEEK } from '../../domain/time.ts';
import { formatMoment } from '../../domain/when.ts';
import type { CommandContext } from '../context.ts';

// `/profile pause:<date|week|off>`: everything the bot would send on its own waits (check-ins and nudges are
// skipped); reminders about the member's own sits still come. "week" is what the "Quiet for a week" button sends.

const A_WEEK = /^(?:a\s+|one\s+|1\s*)?w(?:ee)?k$|^7\s*d(?:ays?)?$/i;
const OFF = /^(?:off|no|none|stop|end|resume)$/i;

export const END_PAUSE: Button = { label: 'End the pause', style: 'secondary', action: { command: 'profile', sub: '', options: { pause: 'off' } } };

/** Sets or ends the pause; returns the line saying so. */
export function setPause(ctx: CommandContext, text: string): string {
  const timezone = timezoneOf(ctx.member, ctx.coop);
  if (OFF.test(text.trim())) {
    const was = ctx.member.pausedUntil !== null && ctx.member.pausedUntil > ctx.now;
    ctx.store.members.setPausedUntil(ctx.member.id, null);
    return was ? "Welcome back — your pause is over. Anything that waited comes in one message, outside your quiet hours." : "You weren't paused.";
  }
  const at = A_WEEK.test(text.trim()) ? ctx.now + WEEK : parsePauseDate(text, ctx.now, timezone, 'pause').at;
  ctx.store.members.setPausedUntil(ctx.member.id, at);
  return `Paused until ${pauseEnd(at, ctx)}: only news of your own sits (reminders, changes, the sitter's updates) will reach you. \`/profile pause:off\` ends it sooner.`;
}

export function pauseEnd(at: number, ctx: CommandContext): string {
  return formatMoment(at, timezoneOf(ctx.member, ctx.coop), ctx.coop.dateOrder).replace(/, 00:00$/, '');
}

/** The pause line of /profile, and its button; nothing when not paused. */
export function pauseStatus(ctx: CommandContext, pausedUntil: number | null): { line: string; button?: Button } {
  if (pausedUntil === null || pausedUntil <= ctx.now) return { line: 'Pause: off (`/profile pause:"a week"` or a date quiets everything but your own sits)' };
  return { line: `Pause: until ${pauseEnd(pausedUntil, ctx)}`, button: END_PAUSE };
}
