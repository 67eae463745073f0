import type { Attachment } from '../../core/types.ts';
import type { Member } from '../../domain/members.ts';
import { timezoneOf } from '../../domain/members.ts';
import type { Swap } from '../../domain/swaps.ts';
import { swapCalendarFile } from '../../messages/reminders.ts';
import type { CommandContext } from '../context.ts';
import { swapPeople } from './lookup.ts';

// Calendars that follow changes: whoever received a sit's calendar file (with a reminder) gets one that removes it
// when the sit is called off, or is no longer theirs. Same UID, a higher SEQUENCE, METHOD:CANCEL.

/** Marks a change phones should pick up; call once per change, before any file for it is made. */
export function calendarChanged(ctx: CommandContext, swap: Swap): Swap {
  return { ...swap, calendarSequence: ctx.store.swaps.bumpCalendar(swap.id) };
}

/** The file that takes the sit off this member's calendar, if they ever had it; else nothing to send. */
export function calendarRemoval(ctx: CommandContext, swap: Swap, member: Member): Attachment[] {
  if (!ctx.store.jobs.ranFor(swap.id, member.id, 'reminder')) return [];
  const people = swapPeople(ctx, swap);
  const view = {
    swap,
    sitter: people.sitter,
    families: people.families.map((f) => f.member),
    timezone: timezoneOf(member, ctx.coop),
    coopTimezone: ctx.coop.timezone,
    dateOrder: ctx.coop.dateOrder,
    installationId: ctx.store.installation.id(),
  };
  return [swapCalendarFile(view, ctx.now, true)];
}
