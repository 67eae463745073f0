import type { CommandContext } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import type { Button, Reply } from '../../core/types.ts';
import { formatQuietHours, parseQuietHours } from '../../domain/quiet-hours.ts';
import { readTimezone } from '../../domain/timezone-names.ts';
import { quietHoursOf, type SitUpdates } from '../../domain/members.ts';
import { pauseStatus, setPause } from './pause.ts';

export interface ProfileChange {
  timezone?: string | undefined;
  quiet?: string | undefined;
  pause?: string | undefined;
  updates?: SitUpdates | undefined;
}

const UPDATES: Record<SitUpdates, string> = {
  on: 'on (outside your quiet hours)',
  anytime: 'on, even in your quiet hours',
  off: 'off',
};

export function profile(ctx: CommandContext, change: ProfileChange): Reply {
  const changed: string[] = [];
  const said: string[] = [];
  if (change.timezone !== undefined) {
    const reading = readTimezone(change.timezone);
    if (!reading.ok) throw new UserError(reading.message, { option: 'timezone', code: 'bad_option' });
    ctx.store.members.setTimezone(ctx.member.id, reading.zone);
    changed.push(reading.alias ? `timezone ${reading.zone} ("${reading.alias}" is another name for it)` : `timezone ${reading.zone}`);
  }
  if (change.quiet !== undefined) {
    const hours = parseQuietHours(change.quiet);
    ctx.store.members.setQuietHours(ctx.member.id, hours.start, hours.end);
    changed.push(`quiet hours ${formatQuietHours(hours)}`);
  }
  if (change.updates !== undefined) {
    ctx.store.members.setSitUpdates(ctx.member.id, change.updates);
    changed.push(`updates from your sitters ${UPDATES[change.updates]}`);
  }
  if (change.pause !== undefined) said.push(setPause(ctx, change.pause));
  const me = ctx.store.members.get(ctx.member.id);
  const tz = me.timezone ?? (ctx.timezone === ctx.coop.timezone ? `${ctx.coop.timezone} (the co-op's)` : `${ctx.timezone} (from your profile)`);
  const q = formatQuietHours(quietHoursOf(me));
  const pause = pauseStatus(ctx, me.pausedUntil);
  const head = changed.length ? [`Saved: ${changed.join(', ')}.`] : said.length ? [] : ['Your settings:'];
  const lines = [
    ...head,
    ...said,
    `Timezone: ${tz}`,
    `Quiet hours: ${q} (no messages then, except reminders for a sit about to start)`,
    `Updates from your sitter during a sit: ${UPDATES[me.sitUpdates]}`,
    pause.line,
    ...(changed.length || said.length ? [] : ['Change them with `/profile timezone:Europe/Paris quiet:"22:00-07:00"` (or `pause:`, `updates:`).']),
  ];
  const buttons: Button[] = pause.button ? [pause.button] : [];
  return { visibility: 'private', text: lines.join('\n'), ...(buttons.length ? { cards: [{ title: 'Paused', buttons }] } : {}) };
}
