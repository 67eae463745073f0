import type { Attachment, Button, Message } from '../core/types.ts';
import type { Member } from '../domain/members.ts';
import type { Swap } from '../domain/swaps.ts';
import { buildSwapCalendar, swapCalendarFileName, swapCalendarUid } from '../domain/calendar.ts';
import { HOUR } from '../domain/time.ts';
import type { DateOrder } from '../domain/when.ts';
import { whenText } from './times.ts';

// What the reminders and the completion prompt say. Short and warm; every message has a one-tap way out.

export interface SwapView {
  swap: Swap;
  /** the sitter, or a session's host */
  sitter: Member | undefined;
  /** the families sat for */
  families: Member[];
  timezone: string;
  /** the co-op's: a reader elsewhere sees their own zone named */
  coopTimezone: string;
  dateOrder: DateOrder;
  /** names the calendar event, with the swap id (see swapCalendarUid) */
  installationId: string;
}

/**
 * The .ics file for a sit: the same UID every time and the swap's current SEQUENCE, so calendars update one event;
 * a cancelled one (METHOD:CANCEL) takes it off the phone.
 */
export function swapCalendarFile(view: SwapView, now: number, cancelled = false): Attachment {
  const { swap, sitter, families } = view;
  const who = families.map((f) => f.displayName).join(', ');
  const summary =
    swap.kind === 'session'
      ? `Drop-off session #${swap.number} with ${sitter?.displayName ?? 'the host'}`
      : `Babysitting #${swap.number}: ${sitter?.displayName ?? 'a neighbour'} sits for ${who || 'a family'}`;
  const description = swap.note || 'Arranged through your babysitting co-op.';
  return {
    filename: swapCalendarFileName(swap.number),
    contentType: 'text/calendar; charset=utf-8',
    content: buildSwapCalendar({
      uid: swapCalendarUid(swap.id, view.installationId),
      sequence: swap.calendarSequence,
      cancelled,
      startsAt: swap.startsAt,
      endsAt: swap.endsAt,
      summary,
      description,
      now,
    }),
  };
}

/** "Tomorrow", "In 2 hours": from the time actually left (a reminder may go late, after a restart). */
function lead(startsAt: number, now: number): string {
  const hours = Math.round((startsAt - now) / HOUR);
  return hours >= 20 ? 'Tomorrow' : hours >= 2 ? `In ${hours} hours` : 'Soon';
}

export function reminderMessage(view: SwapView, member: Member, now: number): Message {
  const { swap, sitter, families } = view;
  const when = whenText(swap.startsAt, swap.endsAt, view);
  const isSitter = sitter?.id === member.id;
  let text: string;
  if (isSitter && swap.kind === 'session') {
    text = `${lead(swap.startsAt, now)}: you're hosting drop-off session #${swap.number}, ${when}, for ${families.map((f) => f.displayName).join(', ')}. Thank you!`;
  } else if (isSitter) {
    const family = families.map((f) => f.displayName).join(' and ') || 'a family';
    text = `${lead(swap.startsAt, now)}: you're sitting for ${family} — #${swap.number}, ${when}. Thank you!`;
  } else {
    const by = sitter ? `${sitter.displayName} is looking after your kids` : 'your sit is on';
    text = `${lead(swap.startsAt, now)}: ${by} — #${swap.number}, ${when}. Enjoy the time for yourself.`;
  }
  const stop: Button = { label: `No more reminders for #${swap.number}`, style: 'secondary', action: { command: 'swap', sub: 'remind', options: { id: swap.number, set: 'off' } } };
  return {
    text: `${text} The calendar file adds it to your phone.`,
    cards: [{ title: `#${swap.number} · ${when}`, buttons: [stop] }],
    attachments: [swapCalendarFile(view, now)],
  };
}

export function completionPromptMessage(view: SwapView, member: Member): Message {
  const { swap, sitter, families } = view;
  const when = whenText(swap.startsAt, swap.endsAt, view);
  const id = swap.number;
  const button = (label: string, style: Button['style'], sub: string): Button => ({ label, style, action: { command: 'swap', sub, options: { id } } });
  if (swap.kind === 'session') {
    return {
      text: `How did your drop-off session #${id} go? Confirm it and each family's credit moves. Thank you for hosting!`,
      cards: [{ title: `#${id} · ${when}`, buttons: [button('It happened', 'success', 'done'), button("It didn't happen", 'secondary', 'dispute')] }],
    };
  }
  if (sitter?.id === member.id) {
    const family = families.map((f) => f.displayName).join(' and ') || 'the family';
    return {
      text: `Did #${id} with ${family} go ahead? Tell me and I'll ask them to confirm; if they say nothing, it settles as booked.`,
      cards: [{ title: `#${id} · ${when}`, buttons: [button('It went ahead', 'success', 'done'), button('Different length', 'secondary', 'length'), button("It didn't happen", 'danger', 'dispute')] }],
    };
  }
  const with_ = sitter ? ` with ${sitter.displayName}` : '';
  return {
    text: `How did #${id}${with_} go? I hope you had a lovely time. One tap and the credits move.`,
    cards: [{ title: `#${id} · ${when}`, buttons: [button('It happened', 'success', 'done'), button('Different length', 'secondary', 'length'), button("It didn't happen", 'danger', 'dispute')] }],
  };
}

/** To someone who had the sit in their calendar: it is off (or no longer theirs), with the file that removes it. */
export function calendarCancelled(view: SwapView, text: string, now: number): Message {
  return { text: `${text} The calendar file takes it off your phone.`, attachments: [swapCalendarFile(view, now, true)] };
}
