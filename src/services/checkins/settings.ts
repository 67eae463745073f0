import type { CommandContext } from '../context.ts';
import type { Reply } from '../../core/types.ts';
import { isQuietAt } from '../../domain/quiet-hours.ts';
import { formatWeeklyTime, nextWeeklyOccurrence, parseWeeklyTime } from '../../domain/weekly-time.ts';
import { formatMoment } from '../../domain/when.ts';
import { quietHoursOf, timezoneOf } from '../../domain/members.ts';
import { nextCheckinAt, replanCheckin } from '../../planning/weekly-jobs.ts';
import { parsePauseDate } from '../../domain/pause-date.ts';

// /checkin: pause, resume, time, off, on, and the nudges' on/off button.

/** " Next one: Sun 14 Mar, 19:00." — after a pause, the first one after it. */
function nextLine(ctx: CommandContext): string {
  const settings = ctx.store.checkins.get(ctx.member.id);
  if (settings.off) return '';
  const timezone = timezoneOf(ctx.member, ctx.coop);
  const planned = nextCheckinAt(ctx.store, ctx.member.id);
  const paused = settings.pausedUntil !== null && settings.pausedUntil > ctx.now ? settings.pausedUntil : undefined;
  const next = paused !== undefined ? nextWeeklyOccurrence(settings.time ?? ctx.coop.checkin, timezone, paused - 1) : planned;
  return next === undefined ? '' : ` Next one: ${formatMoment(next, timezone, ctx.coop.dateOrder)}${paused !== undefined ? ', after your pause' : ''}.`;
}

export function pauseCheckins(ctx: CommandContext, untilText: string): Reply {
  const timezone = timezoneOf(ctx.member, ctx.coop);
  const { at } = parsePauseDate(untilText, ctx.now, timezone);
  ctx.store.checkins.update(ctx.member.id, { pausedUntil: at }, ctx.now);
  const off = ctx.store.checkins.get(ctx.member.id).off ? ' (They are also off: `/checkin on` turns them back on.)' : '';
  return {
    visibility: 'private',
    text: `Check-ins are paused until ${formatMoment(at, timezone, ctx.coop.dateOrder).replace(/, 00:00$/, '')}. Enjoy the breathing room — \`/checkin resume\` brings them back sooner.${off}`,
  };
}

export function resumeCheckins(ctx: CommandContext): Reply {
  const was = ctx.store.checkins.get(ctx.member.id);
  ctx.store.checkins.update(ctx.member.id, { pausedUntil: null }, ctx.now);
  if (was.off) return { visibility: 'private', text: 'Your check-ins are off, not paused. `/checkin on` turns them back on.' };
  replanCheckin(ctx.store, ctx.member.id, ctx.now);
  return { visibility: 'private', text: `Welcome back — check-ins are on again.${nextLine(ctx)}` };
}

export function setCheckinTime(ctx: CommandContext, whenText: string): Reply {
  const time = parseWeeklyTime(whenText);
  ctx.store.checkins.update(ctx.member.id, { time }, ctx.now);
  replanCheckin(ctx.store, ctx.member.id, ctx.now);
  const timezone = timezoneOf(ctx.member, ctx.coop);
  const sample = nextWeeklyOccurrence(time, timezone, ctx.now);
  const quiet = isQuietAt(sample, timezone, quietHoursOf(ctx.member))
    ? ' That is inside your quiet hours, so it will arrive when they end (`/profile quiet:` changes them).'
    : '';
  const off = ctx.store.checkins.get(ctx.member.id).off ? ' Check-ins are off for now: `/checkin on` turns them on.' : '';
  return { visibility: 'private', text: `Your check-ins now come ${formatWeeklyTime(time)}, ${timezone} time.${nextLine(ctx)}${quiet}${off}` };
}

export function checkinsOff(ctx: CommandContext): Reply {
  ctx.store.checkins.update(ctx.member.id, { off: true }, ctx.now);
  replanCheckin(ctx.store, ctx.member.id, ctx.now);
  return { visibility: 'private', text: "Check-ins are off — I won't ask again. `/checkin on` brings them back whenever you like." };
}

export function checkinsOn(ctx: CommandContext): Reply {
  const settings = ctx.store.checkins.update(ctx.member.id, { off: false }, ctx.now);
  replanCheckin(ctx.store, ctx.member.id, ctx.now);
  const time = settings.time ?? ctx.coop.checkin;
  return { visibility: 'private', text: `Check-ins are on: ${formatWeeklyTime(time)}, your time.${nextLine(ctx)}` };
}

export function setNudges(ctx: CommandContext, set: 'on' | 'off'): Reply {
  ctx.store.checkins.update(ctx.member.id, { nudgesOff: set === 'off' }, ctx.now);
  return {
    visibility: 'private',
    text: set === 'off' ? 'No more balance nudges. `/checkin nudges set:on` brings them back.' : "Balance nudges are on — they're rare, promise.",
  };
}
