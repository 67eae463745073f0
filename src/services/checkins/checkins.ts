import type { CommandContext } from '../context.ts';
import { UserError } from '../../domain/errors.ts';
import type { Button, Reply } from '../../core/types.ts';
import { isQuietAt } from '../../domain/quiet-hours.ts';
import { formatWeeklyTime, nextWeeklyOccurrence, parseWeeklyTime } from '../../domain/weekly-time.ts';
import { formatMoment } from '../../domain/when.ts';
import { quietHoursOf, timezoneOf, weekKey } from '../../domain/member-time.ts';
import { nextCheckinAt, replanCheckin } from '../../planning/weekly-jobs.ts';
import { breakSummary, streakLine, streakOf } from '../breaks/breaks.ts';
import { parsePauseDate } from '../../domain/pause-date.ts';
import { swapCard } from '../../messages/swap-cards.ts';

// /checkin: pause, resume, time, off, on — and what the check-in's buttons do (answer, nudges).

/** " Next one: Sun 14 Mar, 19:00." — after a pause, the first one after it. */
function nextLine(ctx: CommandContext): string {
  const settings = ctx.store.checkins.get(ctx.member.id);
  if (settings.off) return '';
  const timezone = timezoneOf(ctx.member, ctx.coop);
  const planned = nextCheckinAt(ctx.store, ctx.member.id);
  const paused = settings.pausedUntil !== null && settings.pausedUntil > ctx.now ? settings.pausedUntil : undefined;
  const next = paused !== undefined ? nextWeeklyOccurrence(settings.time ?? ctx.coop.checkin, timezone, paused - 1) : planned;
  return next === undefined ? '' : ` Next one: ${formatMoment(next, timezone)}${paused !== undefined ? ', after your pause' : ''}.`;
}

export function pauseCheckins(ctx: CommandContext, untilText: string): Reply {
  const timezone = timezoneOf(ctx.member, ctx.coop);
  const { at } = parsePauseDate(untilText, ctx.now, timezone);
  ctx.store.checkins.update(ctx.member.id, { pausedUntil: at }, ctx.now);
  const off = ctx.store.checkins.get(ctx.member.id).off ? ' (They are also off: `/checkin on` turns them back on.)' : '';
  return {
    visibility: 'private',
    text: `Check-ins are paused until ${formatMoment(at, timezone).replace(/, 00:00$/, '')}. Enjoy the breathing room — \`/checkin resume\` brings them back sooner.${off}`,
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

const WEEK = /^\d{4}-\d{2}-\d{2}$/;

/** What the check-in's buttons do: Yes, Not yet, Help me plan one. */
export function answerCheckin(ctx: CommandContext, reply: 'yes' | 'notyet' | 'plan', weekText: string | undefined): Reply {
  const timezone = timezoneOf(ctx.member, ctx.coop);
  const thisWeek = weekKey(ctx.now, timezone);
  if (weekText !== undefined && !WEEK.test(weekText)) throw new UserError('`week:` is the Monday of a week, like `week:2027-03-08`.');
  const week = weekText && weekText <= thisWeek ? weekText : thisWeek;
  if (reply === 'yes') {
    const first = ctx.store.breaks.checkinYes(ctx.coop.id, ctx.member.id, week, ctx.now);
    const streak = streakOf(breakSummary(ctx.store, ctx.member, timezone, ctx.now).weeks, thisWeek);
    const lead = first ? "That's wonderful — well done for taking it." : 'Already counted — thank you!';
    return {
      visibility: 'private',
      text: [lead, streakLine(streak), 'If you\'d like to remember what you did, `/break log note:"a walk by the river"` keeps it (only you see it).']
        .filter(Boolean)
        .join(' '),
    };
  }
  if (reply === 'notyet') {
    return {
      visibility: 'private',
      text: "No worries — there's still time, and no pressure. Even twenty minutes counts.",
      cards: [{ title: 'Whenever you like', buttons: [planButton(week)] }],
    };
  }
  return planOne(ctx, timezone);
}

function planButton(week: string): Button {
  return { label: 'Help me plan one', style: 'primary', action: { command: 'checkin', sub: 'answer', options: { reply: 'plan', week } } };
}

/** "Help me plan one": open offers to book, and a drafted request for Saturday evening. */
function planOne(ctx: CommandContext, timezone: string): Reply {
  const offers = ctx.store.swaps.listOpen(ctx.coop.id, ctx.now, 50).filter((s) => s.kind !== 'request' && s.ownerMemberId !== ctx.member.id).slice(0, 4);
  const draftWhen = 'sat 19:00-23:00';
  const draft: Button = { label: 'Ask for a sitter Sat 19:00–23:00', style: 'primary', action: { command: 'swap', sub: 'request', options: { when: draftWhen } } };
  const intro = offers.length
    ? `Here ${offers.length === 1 ? 'is an offer' : `are ${offers.length} offers`} you could book — one tap and it's yours:`
    : 'Nobody is offering right now, so let me draft a request for you:';
  return {
    visibility: 'private',
    text: `${intro}\nOr ask for a sitter: \`/swap request when:"${draftWhen}"\` (change the time as you like; it's read in ${timezone} time).`,
    cards: [...offers.map((swap) => swapCard(ctx, swap)), { title: 'Your draft request', text: `Saturday 19:00–23:00, 1 kid. Nothing is posted until you press.`, buttons: [draft] }],
  };
}
