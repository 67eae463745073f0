import type { CommandContext } from '../context.ts';
import type { Reply } from '../../core/types.ts';
import type { Member } from '../../domain/members.ts';
import { formatCredits } from '../../domain/money.ts';
import { timezoneOf } from '../../domain/members.ts';
import { shiftWeek, weekKey } from '../../domain/weeks.ts';
import type { Store } from '../../db/store.ts';

// The private break log: /break log and /break stats. A sit in which the member was the one sat for counts as a
// break on its own. Streaks are weeks in a row with at least one break; nobody else ever sees them.

export interface BreakSummary {
  weeks: Set<string>;
  breaks: number;
  sits: number;
  sitMinutes: number;
}

export function breakSummary(store: Store, member: Member, timezone: string, now: number): BreakSummary {
  const weeks = new Set<string>();
  const logged = store.breaks.all(member.id);
  for (const entry of logged) weeks.add(entry.week);
  const sits = store.breaks.sitsFor(member.id, now);
  let sitMinutes = 0;
  for (const sit of sits) {
    weeks.add(weekKey(sit.startsAt, timezone));
    sitMinutes += Math.round((sit.endsAt - sit.startsAt) / 60_000);
  }
  return { weeks, breaks: logged.length, sits: sits.length, sitMinutes };
}

/** Weeks in a row with a break, up to this week; a week still under way does not break the streak. */
export function streakOf(weeks: ReadonlySet<string>, thisWeek: string): number {
  let week = weeks.has(thisWeek) ? thisWeek : shiftWeek(thisWeek, -1);
  let streak = 0;
  while (weeks.has(week)) {
    streak += 1;
    week = shiftWeek(week, -1);
  }
  return streak;
}

export function streakLine(streak: number): string {
  if (streak >= 2) return `That's ${streak} weeks in a row.`;
  return '';
}

export function logBreak(ctx: CommandContext, note: string | undefined): Reply {
  const timezone = timezoneOf(ctx.member, ctx.coop);
  const week = weekKey(ctx.now, timezone);
  // "Yes" to this week's check-in, then a note: the note belongs to that break.
  const fromCheckin = note ? ctx.store.breaks.checkinBreak(ctx.member.id, week) : undefined;
  if (fromCheckin && !fromCheckin.note && note) ctx.store.breaks.setNote(fromCheckin.id, note);
  else ctx.store.breaks.log(ctx.coop.id, ctx.member.id, week, note ?? null, ctx.now);
  const streak = streakOf(breakSummary(ctx.store, ctx.member, timezone, ctx.now).weeks, week);
  const noted = note ? ' I saved your note; only you can see it.' : '';
  return { visibility: 'private', text: `Logged — well done for taking time for yourself.${noted} ${streakLine(streak)}`.trim() };
}

export function breakStats(ctx: CommandContext): Reply {
  const timezone = timezoneOf(ctx.member, ctx.coop);
  const week = weekKey(ctx.now, timezone);
  const s = breakSummary(ctx.store, ctx.member, timezone, ctx.now);
  const streak = streakOf(s.weeks, week);
  const thisWeek = s.weeks.has(week) ? 'This week: yes — lovely.' : "This week: not yet, and there's still time.";
  const streakText = streak > 1 ? `Streak: ${streak} weeks in a row.` : streak === 1 ? 'Streak: 1 week.' : 'Streak: starts with your next break.';
  const sits = s.sits > 0 ? ` Neighbours looked after your kids ${s.sits} ${s.sits === 1 ? 'time' : 'times'} (${formatCredits(s.sitMinutes)}).` : '';
  const total = `All time: ${s.breaks} ${s.breaks === 1 ? 'break' : 'breaks'} logged.${sits}`;
  const recent = ctx.store.breaks.all(ctx.member.id).filter((e) => e.note).slice(-3).map((e) => `• ${e.note}`);
  const notes = recent.length ? `\nRecent notes:\n${recent.join('\n')}` : '';
  return { visibility: 'private', text: `Your breaks (only you see this)\n${thisWeek}\n${streakText}\n${total}${notes}` };
}
