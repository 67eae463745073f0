import type { Button, Message } from '../core/types.ts';
import type { Member } from '../domain/members.ts';
import { formatCredits } from '../domain/money.ts';
import { formatMoment, type DateOrder } from '../domain/when.ts';

// The unprompted messages: the weekly check-in, the rare balance nudges and the co-op's digest. Warm, short,
// guilt-free; each private one has a one-tap way to pause or opt out.

export interface SitForView {
  number: number;
  startsAt: number;
  sitterName: string | null;
}

export interface CheckinView {
  member: Member;
  /** the local week the check-in is about, "2027-03-08" */
  week: string;
  /** sits in the last week in which the member's kids were looked after */
  sits: SitForView[];
  timezone: string;
  dateOrder?: DateOrder;
  /** "2027-03-22": the date the Pause button pauses until */
  pauseUntil: string;
}

export function checkinButtons(week: string, pauseUntil: string): Button[] {
  const answer = (label: string, reply: string, style: Button['style']): Button => ({ label, style, action: { command: 'checkin', sub: 'answer', options: { reply, week } } });
  return [
    answer('Yes', 'yes', 'success'),
    answer('Not yet', 'notyet', 'secondary'),
    answer('Help me plan one', 'plan', 'primary'),
    { label: 'Pause 2 weeks', style: 'secondary', action: { command: 'checkin', sub: 'pause', options: { until: pauseUntil } } },
    { label: 'No more check-ins', style: 'secondary', action: { command: 'checkin', sub: 'off', options: {} } },
  ];
}

export function checkinMessage(view: CheckinView): Message {
  const sit = view.sits.at(-1);
  const warm = sit
    ? ` You had ${sit.sitterName ?? 'a neighbour'} looking after your kids on ${formatMoment(sit.startsAt, view.timezone, view.dateOrder)} — that counts, and I hope it was lovely.`
    : ' A walk, a bath, an hour with a book: any of it counts.';
  return {
    text: `Hi ${view.member.displayName} — did you take a break this week?${warm}`,
    cards: [{ title: 'Your weekly check-in (only you see this)', buttons: checkinButtons(view.week, view.pauseUntil) }],
  };
}

const nudgesOff: Button = { label: 'No more of these', style: 'secondary', action: { command: 'checkin', sub: 'nudges', options: { set: 'off' } } };

export function highBalanceNudge(balance: number): Message {
  return {
    text: `You've banked ${formatCredits(balance)} of sitting — time for a night out? A neighbour would be glad to sit for you.`,
    cards: [
      {
        title: 'Treat yourself',
        buttons: [{ label: 'Ask for a sitter Sat 19:00–23:00', style: 'primary', action: { command: 'swap', sub: 'request', options: { when: 'sat 19:00-23:00' } } }, nudgesOff],
      },
    ],
  };
}

export function lowBalanceNudge(balance: number): Message {
  return {
    text:
      `Just between us: your family is at ${formatCredits(balance)} of credit. No rush and no worry — ` +
      'when it suits you, offering a sit evens things out (`/swap offer when:"fri 18:00-21:00"`).',
    cards: [{ title: 'Only you see this', buttons: [nudgesOff] }],
  };
}

export interface DigestView {
  parentsWithBreak: number;
  sitsDone: number;
  creditsTraded: number;
  openOffers: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The digest's own off switch, for an admin (anyone else pressing it is told only admins can). */
export function digestOffButton(coopTimezone: string): Button {
  return { label: 'Turn this summary off', style: 'secondary', action: { command: 'coop', sub: 'setup', options: { timezone: coopTimezone, digest: 'off' } } };
}

/** Below this, a count of people could point at someone: it reads "a few". */
export const DIGEST_FEWEST_SHOWN = 3;

/** "9 parents", or "a few parents" when so few that it could point at one of them. */
function peopleCount(n: number, one: string, many: string): string {
  return n < DIGEST_FEWEST_SHOWN ? `a few ${many}` : plural(n, one, many);
}

/** Anonymous totals only: never a name, never a balance, never a count so small it points at someone. */
export function digestMessage(d: DigestView, turnOff: Button): Message {
  const parts = [
    ...(d.parentsWithBreak > 0 ? [`${peopleCount(d.parentsWithBreak, 'parent', 'parents')} took a break`] : []),
    ...(d.sitsDone > 0 ? [`${plural(d.sitsDone, 'sit', 'sits')} done`] : []),
    ...(d.creditsTraded > 0 ? [`${formatCredits(d.creditsTraded)} of credit traded`] : []),
  ];
  const week = parts.length > 0 ? `This week in the co-op: ${parts.join(', ')}.` : 'A quiet week in the co-op.';
  const offers =
    d.openOffers > 0
      ? ` ${plural(d.openOffers, 'offer is', 'offers are')} open — \`/swap list\` to book one.`
      : ' Nothing is on offer yet — `/swap offer` if you can sit.';
  return {
    text: `${week}${offers} Time out is money in the sanity bank.`,
    cards: [{ title: 'For admins', buttons: [turnOff] }],
  };
}
