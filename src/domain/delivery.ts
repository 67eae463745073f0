import { isQuietAt, nextNonQuietInstant, type QuietHours } from './quiet-hours.ts';
import { HOUR } from './time.ts';
import { localToInstant } from './timezone.ts';
import { shiftWeek, weekKey } from './weeks.ts';

// The one delivery policy for every private message (PRODUCT.md "Voice": quiet, rare, kind). What a message is
// decides how it may travel; the member's settings and what they were sent lately decide when.

/** What a private message is, as far as delivering it goes. */
export type Delivery =
  /** The member's own action, answered: at once. */
  | { kind: 'answer' }
  /**
   * About a sit the member is part of (reminders, the completion prompt, a change close to it): never counted and
   * never paused; quiet hours hold it unless the sit starts within the next three hours.
   */
  | {
      kind: 'sit';
      startsAt: number;
      /** An ask to sit it (someone who volunteered before): quiet hours and a pause always hold it, and it is old news at the start. */
      ask?: boolean;
    }
  /**
   * Everything else: quiet hours, a pause, two a week, and a burst gathered into one. `expiresAt`: old news after
   * that, dropped if still held. `optional`: a nudge or an ask that is better not sent than sent late.
   * `checkin`: the weekly check-in itself, for which one of the two is kept. `sitStartsAt`: news about the member's
   * own sit, which is never held past the day before it.
   */
  | { kind: 'unprompted'; expiresAt?: number; optional?: boolean; checkin?: boolean; sitStartsAt?: number }
  /** A sitter's all's-well update: through quiet hours only if the parent asked for that; never counted. */
  | { kind: 'update'; anytime: boolean };

/** What became of a private message: queued, held to be gathered, or not sent (paused, forgotten, old news). */
export type Sent = 'sent' | 'held' | 'dropped';

/** How an unprompted message is remembered: a nudge's or an ask's kind spaces the next of its kind. */
export type UnpromptedKind = 'checkin' | 'nudge_high' | 'nudge_low' | 'first_ask' | 'message' | 'gathered';

/** How a caller asks for a private message: what it is (default: unprompted, or an answer to the member's own command). */
export interface DmOptions {
  delivery?: Delivery;
  /** The same key twice queues one message. */
  dedupeKey?: string;
  /** What an unprompted message counts as (default 'message'). */
  countAs?: UnpromptedKind;
  /** News that only holds while a swap is in this state: if held, it is dropped once the swap has moved on. */
  onlyWhile?: SwapState;
}

/** A swap in a given state, as far as a held message about it goes. */
export interface SwapState {
  swapId: number;
  status: string;
}

/** No member gets more than two unprompted messages in a local week (PRODUCT.md). */
export const UNPROMPTED_PER_WEEK = 2;
/** A reminder for a sit this close goes even in quiet hours. */
export const SIT_SOON = 3 * HOUR;
/** Unprompted messages this soon after the last one wait and leave together. */
export const BURST = HOUR;

/** Closer than this to its start, news about a member's own sit goes like a reminder (never held for the week). */
export const SIT_NEWS_WINDOW = 24 * HOUR;

/**
 * News about a sit the member is part of. A `change` they must know before it (chosen to sit, called off, the sitter
 * dropped out) goes like a reminder: never counted, after their quiet hours. Other `news` (a volunteer, a booking)
 * is unprompted, but never held past the day before the sit: from then it goes like a reminder too, and is old news
 * once the sit has started. An `ask` (to someone who offered before) goes like a reminder within a day of the sit,
 * but always after quiet hours and a pause, and not at all once the sit has started.
 */
export function sitNews(startsAt: number, now: number, what: 'news' | 'change' | 'ask' = 'news'): Delivery {
  if (what === 'change') return { kind: 'sit', startsAt };
  if (startsAt - now <= SIT_NEWS_WINDOW) return what === 'ask' ? { kind: 'sit', startsAt, ask: true } : { kind: 'sit', startsAt };
  return { kind: 'unprompted', expiresAt: startsAt, sitStartsAt: startsAt };
}

export type HoldReason = 'quiet' | 'burst' | 'weekly' | 'paused';

/** What is known about the member when a message is to go. */
export interface DeliveryFacts {
  now: number;
  timezone: string;
  quiet: QuietHours;
  pausedUntil: number | null;
  /** Unprompted messages sent in a local week ('2027-03-08'). */
  sentInWeek(week: string): number;
  /** When the last unprompted message went. */
  lastUnpromptedAt: number | undefined;
  /** Whether that week's check-in is still to come (one of the two is kept for it). */
  checkinAhead(week: string): boolean;
  /** When a gathered message already waiting for the member leaves, if one is. */
  gatheredAt: number | undefined;
}

export type Decision =
  | { send: 'now' }
  /** Goes at `at` on its own (a sit's reminder held by quiet hours); `uncounted`: news about a sit, close to it. */
  | { send: 'at'; at: number; uncounted?: boolean }
  /** Waits to be gathered with others into one message at `at`. */
  | { hold: HoldReason; at: number }
  | { drop: string };

/** Monday 00:00 of the week after the one holding `at`, local time. */
export function nextWeekStart(at: number, timezone: string): number {
  const [year, month, day] = shiftWeek(weekKey(at, timezone), 1).split('-').map(Number) as [number, number, number];
  return localToInstant({ year, month, day }, 0, timezone);
}

/** How many unprompted messages the week holding `at` still has room for. */
export function roomIn(facts: DeliveryFacts, at: number, forCheckin = false): number {
  const week = weekKey(at, facts.timezone);
  const kept = !forCheckin && facts.checkinAhead(week) ? 1 : 0;
  return UNPROMPTED_PER_WEEK - facts.sentInWeek(week) - kept;
}

/** The first instant from `from` that is neither quiet nor paused (for messages a pause holds). */
export function firstOpenInstant(facts: DeliveryFacts, from: number, pauses: boolean): number {
  let at = pauses && facts.pausedUntil !== null && facts.pausedUntil > from ? facts.pausedUntil : from;
  at = nextNonQuietInstant(at, facts.timezone, facts.quiet);
  return at;
}

/** The first open instant with room in its week: a later week's when this one is full. */
export function firstInstantWithRoom(facts: DeliveryFacts, from: number, forCheckin = false): number {
  let at = firstOpenInstant(facts, from, true);
  for (let i = 0; i < 3 && roomIn(facts, at, forCheckin) <= 0; i++) at = firstOpenInstant(facts, nextWeekStart(at, facts.timezone), true);
  return at;
}

/** News about a sit that cannot wait for the week's room: the first open instant from the day before it. */
function dayBefore(facts: DeliveryFacts, from: number, startsAt: number): number {
  return firstOpenInstant(facts, Math.max(from, startsAt - SIT_NEWS_WINDOW), false);
}

/**
 * When what was held may leave together, and whether it counts as one of the week's two: when there is room, or,
 * for news that expires with a sit, the day before the earliest such sit at the latest (then uncounted).
 */
export function gatheringAt(facts: DeliveryFacts, held: readonly { counted: boolean; expiresAt: number | null }[]): { at: number; counted: boolean } {
  const counted = held.some((h) => h.counted);
  if (!counted) return { at: firstOpenInstant(facts, facts.now, false), counted };
  const withRoom = firstInstantWithRoom(facts, facts.now);
  const expiring = held.flatMap((h) => (h.expiresAt === null ? [] : [h.expiresAt]));
  if (expiring.length === 0) return { at: withRoom, counted };
  const sitAt = Math.min(...expiring);
  return withRoom > sitAt - SIT_NEWS_WINDOW ? { at: dayBefore(facts, facts.now, sitAt), counted: false } : { at: withRoom, counted };
}

export function decide(delivery: Delivery, facts: DeliveryFacts): Decision {
  const { now } = facts;
  switch (delivery.kind) {
    case 'answer':
      return { send: 'now' };
    case 'sit': {
      if (delivery.ask) {
        if (facts.pausedUntil !== null && facts.pausedUntil > now) return { drop: 'paused' };
        const at = firstOpenInstant(facts, now, false);
        if (at >= delivery.startsAt) return { drop: 'old news by the time it could go' };
        return at === now ? { send: 'now' } : { send: 'at', at };
      }
      if (now < delivery.startsAt && delivery.startsAt - now <= SIT_SOON) return { send: 'now' };
      const at = firstOpenInstant(facts, now, false);
      return at === now ? { send: 'now' } : { send: 'at', at };
    }
    case 'update':
      if (delivery.anytime || !isQuietAt(now, facts.timezone, facts.quiet)) return { send: 'now' };
      return { hold: 'quiet', at: firstOpenInstant(facts, now, false) };
    case 'unprompted':
      return decideUnprompted(delivery, facts);
  }
}

function decideUnprompted(delivery: Extract<Delivery, { kind: 'unprompted' }>, facts: DeliveryFacts): Decision {
  const { now } = facts;
  const paused = facts.pausedUntil !== null && facts.pausedUntil > now;
  if (paused && delivery.optional) return { drop: 'paused' };
  const open = firstOpenInstant(facts, now, true);
  if (delivery.expiresAt !== undefined && open >= delivery.expiresAt) return { drop: 'old news by the time it could go' };
  // When a held message could go is worked out only if it is kept: an optional one (a first ask, a nudge) goes now
  // or not at all, and a co-op of full weeks asks many families in turn.
  const hold = (reason: HoldReason, when: () => number): Decision => {
    if (delivery.optional) return { drop: `held (${reason})` };
    const at = when();
    const sitAt = delivery.sitStartsAt;
    if (sitAt !== undefined && at > sitAt - SIT_NEWS_WINDOW) {
      const soon = dayBefore(facts, open, sitAt);
      return soon >= sitAt ? { drop: 'old news by the time it could go' } : { send: 'at', at: soon, uncounted: true };
    }
    return delivery.expiresAt !== undefined && at >= delivery.expiresAt ? { drop: 'old news by the time it could go' } : { hold: reason, at };
  };
  const withRoom = () => firstInstantWithRoom(facts, open, delivery.checkin);
  // The check-in never waits behind others: what is waiting goes with it instead.
  if (!delivery.checkin) {
    const gatheredAt = facts.gatheredAt;
    if (gatheredAt !== undefined) return hold(paused ? 'paused' : 'burst', () => Math.max(gatheredAt, withRoom()));
    const last = facts.lastUnpromptedAt;
    if (last !== undefined && open < last + BURST) return hold('burst', () => firstInstantWithRoom(facts, Math.max(open, last + BURST)));
  }
  // The first instant with room is later than `open` exactly when `open`'s week has none.
  if (roomIn(facts, open, delivery.checkin) <= 0) return hold('weekly', withRoom);
  if (open > now) return hold(paused ? 'paused' : 'quiet', () => open);
  return { send: 'now' };
}
