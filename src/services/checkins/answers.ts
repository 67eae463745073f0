import type { Button, Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { timezoneOf } from '../../domain/members.ts';
import { shiftWeek, weekKey } from '../../domain/weeks.ts';
import { breakSummary, streakLine, streakOf } from '../breaks/breaks.ts';
import type { CommandContext } from '../context.ts';
import { cardFor } from '../swaps/lookup.ts';

// What the weekly check-in's buttons do: Yes, Not yet, Help me plan one.

const WEEK = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A check-in answer counts for this week or the one before (a Sunday check-in answered on Monday morning), so an
 * old or made-up week cannot fake a streak.
 */
function answerableWeek(text: string, thisWeek: string): string {
  const lastWeek = shiftWeek(thisWeek, -1);
  const both = `\`week:${thisWeek}\` (this week) or \`week:${lastWeek}\` (last week)`;
  if (!WEEK.test(text) || shiftWeek(text, 0) !== text || new Date(`${text}T00:00:00Z`).getUTCDay() !== 1) {
    throw new UserError(`\`week:\` is the Monday a week starts, like ${both}.`, { option: 'week', code: 'bad_option' });
  }
  if (text !== thisWeek && text !== lastWeek) {
    throw new UserError(`A check-in can be answered for this week or last week only: ${both}.`, { option: 'week', code: 'too_late' });
  }
  return text;
}

/** What the check-in's buttons do: Yes, Not yet, Help me plan one. */
export function answerCheckin(ctx: CommandContext, reply: 'yes' | 'notyet' | 'plan', weekText: string | undefined): Reply {
  const timezone = timezoneOf(ctx.member, ctx.coop);
  const thisWeek = weekKey(ctx.now, timezone);
  const week = weekText === undefined ? thisWeek : answerableWeek(weekText, thisWeek);
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
    cards: [...offers.map((swap) => cardFor(ctx, swap)), { title: 'Your draft request', text: `Saturday 19:00–23:00, 1 kid. Nothing is posted until you press.`, buttons: [draft] }],
  };
}
