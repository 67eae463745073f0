import * as chrono from 'chrono-node';
import { UserError } from './errors.ts';
import { addDays, localToInstant, wallClock, type LocalDate } from './timezone.ts';

const examples = (option: string) => `Try \`${option}:2027-04-01\`, \`${option}:"next monday"\` or \`${option}:"in 2 weeks"\`.`;
const MAX_DAYS = 366;

/** Reads the `until:` of `/checkin pause` as a local date; the pause ends at the start of that day. */
export function parsePauseDate(text: string, now: number, timezone: string, option = 'until'): { date: LocalDate; at: number } {
  const EXAMPLES = examples(option);
  const today = wallClock(now, timezone);
  let date: LocalDate | undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (iso) {
    date = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  } else {
    // The wall clock as a UTC instant: chrono's "today" and weekdays are then the member's.
    const reference = { instant: new Date(Date.UTC(today.year, today.month - 1, today.day, today.hour, today.minute)), timezone: 0 };
    const found = chrono.casual.parse(text, reference, { forwardDate: true })[0];
    if (found) date = { year: found.start.get('year') ?? today.year, month: found.start.get('month') ?? 1, day: found.start.get('day') ?? 1 };
  }
  if (!date) throw new UserError(`I couldn't read "${text.slice(0, 40)}" as a date. ${EXAMPLES}`);
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day) throw new UserError(`That date doesn't exist. ${EXAMPLES}`);
  const at = localToInstant(date, 0, timezone);
  if (at <= now) throw new UserError(`Please pick a day after today. ${EXAMPLES}`);
  const latest = addDays(today, MAX_DAYS);
  if (at > localToInstant(latest, 0, timezone)) throw new UserError('A pause can last up to a year. `/checkin off` stops check-ins until you turn them back on.');
  return { date, at };
}
