import type { Platform } from '../core/types.ts';
import type { WeeklyTime } from './weekly-time.ts';
import type { DateOrder } from './when-dates.ts';

/** A co-op: one Discord server, one Slack workspace, or the console's own. */
export interface Coop {
  id: number;
  platform: Platform;
  /** Guild id, Slack team id, or the console's co-op name. */
  externalRef: string;
  name: string;
  timezone: string;
  /** Where requests, offers and the digest are posted; null until the bot is first used in a shared channel. */
  channelRef: string | null;
  /** The co-op's weekly check-in day and time, on each member's own clock. */
  checkin: WeeklyTime;
  /** How the co-op writes dates (12/5): chosen with /coop setup, else from its timezone. */
  dateOrder: DateOrder;
  /** True when an admin chose the date order (false: it follows the timezone). */
  dateOrderChosen: boolean;
  /** The weekly digest in the channel; an admin can turn it off. */
  digestOn: boolean;
  setUpAt: number | null;
}
