import type { CommandContext } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import type { Reply } from '../../core/types.ts';
import { formatQuietHours, parseQuietHours } from '../../domain/quiet-hours.ts';
import { readTimezone } from '../../domain/timezone-names.ts';
import { quietHoursOf } from '../../domain/members.ts';

export function profile(ctx: CommandContext, timezone: string | undefined, quiet: string | undefined): Reply {
  const changed: string[] = [];
  if (timezone !== undefined) {
    const reading = readTimezone(timezone);
    if (!reading.ok) throw new UserError(reading.message, { option: 'timezone', code: 'bad_option' });
    ctx.store.members.setTimezone(ctx.member.id, reading.zone);
    changed.push(reading.alias ? `timezone ${reading.zone} ("${reading.alias}" is another name for it)` : `timezone ${reading.zone}`);
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
  const how = changed.length ? '' : '\nChange them with `/profile timezone:Europe/Paris quiet:"22:00-07:00"`.';
  return { visibility: 'private', text: `${head}\nTimezone: ${tz}\nQuiet hours: ${q} (no messages then, except reminders for a sit about to start)${how}` };
}
