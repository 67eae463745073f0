import type { Button, Card } from '../core/types.ts';
import { formatCredits } from '../domain/money.ts';
import type { Rules } from '../domain/rules.ts';
import { formatWeeklyTime, type WeeklyTime } from '../domain/weekly-time.ts';
import { formatMoment } from '../domain/when.ts';

// What a member's home (Slack's App Home tab) says: their credit, their sits, what is open, their check-in.

export const HOME_TITLE = 'Your co-op at a glance';
export const NEWCOMER_TEXT =
  "Welcome! You're not in a co-op here yet. Type `/help` in any channel to join this workspace's co-op and get your starting credits — then this page shows your credit, your sits and what's open.";

export function creditText(balance: number, rules: Rules): string {
  return `You have *${formatCredits(balance)} of credit*; the co-op lets you go down to ${formatCredits(rules.floor)} and bank up to ${formatCredits(rules.cap)}.`;
}

export const SECTION = {
  upcoming: 'Coming up',
  upcomingEmpty: 'No sits booked yet. Take a break — `/swap request` asks the co-op for a sitter.',
  mine: 'Your open requests and offers',
  open: 'Open in the co-op',
  openEmpty: 'Nothing open right now. `/swap offer` offers an evening.',
  checkin: 'Weekly check-in',
} as const;

const button = (label: string, sub: string, options: Record<string, string> = {}, style: Button['style'] = 'secondary'): Button => ({
  label,
  style,
  action: { command: 'checkin', sub, options },
});

/** A member's check-in settings, as the card needs them. */
export interface CheckinState {
  time: WeeklyTime | null;
  pausedUntil: number | null;
  off: boolean;
}

/** The check-in card: when it comes (or that it is paused or off), with one tap to change it. */
export function checkinCard(settings: CheckinState, coopTime: WeeklyTime, timezone: string, now: number, pauseUntil: string): Card {
  if (settings.off) return { title: 'Check-ins are off.', buttons: [button('Turn on', 'on', {}, 'primary')] };
  const when = `${formatWeeklyTime(settings.time ?? coopTime)}, your time (${timezone})`;
  if (settings.pausedUntil !== null && settings.pausedUntil > now) {
    return {
      title: `Paused until ${formatMoment(settings.pausedUntil, timezone).replace(/, 00:00$/, '')}.`,
      text: `Then ${when}.`,
      buttons: [button('Resume now', 'resume', {}, 'primary'), button('Turn off', 'off')],
    };
  }
  return { title: `Every ${when}.`, text: '`/checkin time` changes the day and time.', buttons: [button('Pause a week', 'pause', { until: pauseUntil }), button('Turn off', 'off')] };
}
