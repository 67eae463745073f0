/** iCalendar (RFC 5545) files sent with swap reminders, and again when the sit changes or is called off. */

export interface SwapCalendarEvent {
  /** globally unique and stable across updates: `swap-12.<installation id>@breather` (see swapCalendarUid) */
  uid: string;
  /** Raised with every change a phone should pick up; a file with a lower one is older news. */
  sequence: number;
  /** The sit is off: METHOD:CANCEL and STATUS:CANCELLED, so calendars remove the event. */
  cancelled?: boolean;
  startsAt: number;
  endsAt: number;
  summary: string;
  description?: string;
  location?: string;
  /** when the file is made (DTSTAMP) */
  now: number;
}

export const CALENDAR_PRODID = '-//Breather//Babysitting co-op//EN';
const MAX_LINE_OCTETS = 75;
const encoder = new TextEncoder();

/**
 * The stable UID of a swap's calendar event, so a re-sent file updates the same event: unique per installation (its
 * id is stored in the database), so two Breathers never name one event the same way.
 */
export function swapCalendarUid(swapId: number, installationId: string): string {
  return `swap-${swapId}.${installationId}@breather`;
}

/** `sit-12.ics`, by the number members see (#12), never the database's id. */
export function swapCalendarFileName(swapNumber: number): string {
  return `sit-${swapNumber}.ics`;
}

/** A VCALENDAR holding one VEVENT with a display alarm one hour before; CRLF line endings. */
export function buildSwapCalendar(event: SwapCalendarEvent): string {
  const { startsAt, endsAt, now } = event;
  for (const t of [startsAt, endsAt, now]) {
    if (!Number.isFinite(t)) throw new RangeError(`calendar time is not a number: ${t}`);
  }
  if (endsAt <= startsAt) throw new RangeError('calendar event must end after it starts');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${CALENDAR_PRODID}`,
    'CALSCALE:GREGORIAN',
    event.cancelled ? 'METHOD:CANCEL' : 'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${Math.max(0, Math.floor(event.sequence))}`,
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    `DTSTAMP:${utcDateTime(now)}`,
    `DTSTART:${utcDateTime(startsAt)}`,
    `DTEND:${utcDateTime(endsAt)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  const description = escapeText(event.description ?? '');
  const location = escapeText(event.location ?? '');
  if (description) lines.push(`DESCRIPTION:${description}`);
  if (location) lines.push(`LOCATION:${location}`);
  if (!event.cancelled) lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(event.summary)}`, 'TRIGGER:-PT1H', 'END:VALARM');
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** 2027-03-10T19:00:00.000Z → 20270310T190000Z */
function utcDateTime(instant: number): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** TEXT escaping (RFC 5545 §3.3.11); other control characters are not allowed in content lines. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/**
 * Folds a content line so no physical line exceeds 75 octets (§3.1): continuation lines start with one
 * space, which counts. Splits between characters, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
