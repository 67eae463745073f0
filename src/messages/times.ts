import type { CardField } from '../core/types.ts';
import type { Coop } from '../domain/coops.ts';
import { timezoneOf, type Member } from '../domain/members.ts';
import { formatWhen, type DateOrder } from '../domain/when.ts';

// Times as people read them. A card field carries the sit's instants, so Discord and Slack show each reader their
// own local time; the text that goes with it (the console, plain-text fallbacks, private lines) is written in the
// reader's zone and names that zone when it is not the co-op's ("Sat 13 Mar, 10:00–12:00 Paris time"), so a member
// abroad never mistakes it for the co-op's clock.

/** Where a time is read: the reader's zone, and the co-op's (its clock, the one left unnamed). */
export interface TimeView {
  timezone: string;
  coopTimezone: string;
  dateOrder?: DateOrder;
}

/** "Europe/Paris" → "Paris", "America/Argentina/Buenos_Aires" → "Buenos Aires", "UTC" → "UTC". */
export function zoneName(timezone: string): string {
  return (timezone.split('/').at(-1) ?? timezone).replace(/_/g, ' ');
}

/** " Paris time" when the reader's zone is not the co-op's; nothing when it is. */
export function zoneSuffix(view: TimeView): string {
  return view.timezone === view.coopTimezone ? '' : ` ${zoneName(view.timezone)} time`;
}

/** "Sat 13 Mar, 19:00–23:00", in the reader's zone, named when it is not the co-op's. */
export function whenText(startsAt: number, endsAt: number, view: TimeView): string {
  return `${formatWhen(startsAt, endsAt, view.timezone, view.dateOrder)}${zoneSuffix(view)}`;
}

/** The "When" field of a card: the text above, and the instants for the adapters that show each reader's zone. */
export function whenField(startsAt: number, endsAt: number, view: TimeView, label = 'When'): CardField {
  return { label, value: whenText(startsAt, endsAt, view), time: { startsAt, endsAt } };
}

/** A view for the co-op's channel: its own clock, unnamed (Discord and Slack readers see their own anyway). */
export function channelView(coop: { timezone: string; dateOrder: DateOrder }): TimeView {
  return { timezone: coop.timezone, coopTimezone: coop.timezone, dateOrder: coop.dateOrder };
}

/** Where one member reads times: their own zone (else the co-op's), against the co-op's. */
export function memberView(member: Member, coop: Coop): TimeView {
  return { timezone: timezoneOf(member, coop), coopTimezone: coop.timezone, dateOrder: coop.dateOrder };
}
