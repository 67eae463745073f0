import type { CommandContext } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import type { Reply } from '../../core/types.ts';
import { formatQuietHours, parseQuietHours } from '../../domain/quiet-hours.ts';
import { isValidTimezone } from '../../domain/timezone.ts';
import { quietHoursOf } from '../../domain/members.ts';

export function profile(ctx: CommandContext, timezone: string | undefined, quiet: string | undefined): Reply {
  const changed: string[] = [];
  if (timezone !== undefined) {
    if (!isValidTimezone(timezone)) {
      throw new UserError(`I don't know the timezone "${timezone}". Use an IANA name like \`Europe/London\` or \`Australia/Sydney\`.`);
    }
    ctx.store.members.setTimezone(ctx.member.id, timezone);
    changed.push(`timezone ${timezone}`);
  }
  if (quiet !== undefined) {
    const hours = parseQuietHours(quiet);
    ctx.store.members.setQuietHours(ctx.member.id, hours.start, hours.end);
    changed.push(`quiet hours ${formatQuietHours(hours)}`);
  }
  const me = ctx.store.members.get(ctx.member.id);
  const tz = me.timezone ?? (ctx.timezone === ctx.coop.timezone ? `${ctx.coop.timezone} (the co-op's)` : `${ctx.timezone} (from your profile)`);
  const q = formatQuietHours(quietHoursOf(me));
  const head = changed.length ? `Saved: ${changed.join(', ')}.` : 'Your settings:';
  return { visibility: 'private', text: `${head}\nTimezone: ${tz}\nQuiet hours: ${q} (no messages then, except reminders for a sit about to start)` };
}
