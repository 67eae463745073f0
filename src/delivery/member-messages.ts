import type { Message } from '../core/types.ts';
import type { Store } from '../db/store.ts';
import type { HeldMessage } from '../db/repositories/held-messages.ts';
import type { Coop } from '../domain/coops.ts';
import { decide, gatheringAt, type Delivery, type DeliveryFacts, type Sent, type SwapState, type UnpromptedKind } from '../domain/delivery.ts';
import { memberDestination } from '../domain/destinations.ts';
import { quietHoursOf, timezoneOf, type Member } from '../domain/members.ts';
import { isQuietAt } from '../domain/quiet-hours.ts';
import { formatLocal } from '../domain/timezone.ts';
import { weekKey } from '../domain/weeks.ts';
import { gatheredMessage, withGathered, withQuietControl } from '../messages/gathered.ts';

// Every private message to a member passes here, in the transaction that caused it: the delivery policy
// (domain/delivery.ts) decides whether it goes now, at a later instant, waits to be gathered, or is not sent.

export interface ToMember {
  coop: Coop;
  member: Member;
  message: Message;
  delivery: Delivery;
  now: number;
  /** The same key twice queues one message. */
  dedupeKey?: string;
  /** Shows the member's local send time (the console prints it for scheduled messages). */
  withLocalTime?: boolean;
  /** How an unprompted message is remembered (a nudge's kind spaces the next one); default 'message'. */
  countAs?: UnpromptedKind;
  /** Held news about a swap in this state is dropped once the swap has moved on. */
  onlyWhile?: SwapState;
}

/** Still worth sending at `at`: the swap it was about has not moved on, and it is not old news. */
const stillLive = (h: HeldMessage, at: number): boolean => !h.stale && (h.expiresAt === null || h.expiresAt > at);

/**
 * What the policy needs to know about the member at `now`. Each fact is read when the policy first asks for it: an
 * answer needs none, and a first ask passed over for quiet hours needs no counts.
 */
export function deliveryFacts(store: Store, coop: Coop, member: Member, now: number): DeliveryFacts {
  const timezone = timezoneOf(member, coop);
  const once = <T>(read: () => T): (() => T) => {
    let value: { v: T } | undefined;
    return () => (value ??= { v: read() }).v;
  };
  const gatheredAt = once(() => store.jobs.pendingForMember(member.id, 'gathered')[0]?.dueAt);
  const lastUnpromptedAt = once(() => store.unprompted.lastSentAny(member.id));
  const checkinWeeks = once(() => {
    const checkins = store.checkins.get(member.id);
    if (checkins.off || (checkins.pausedUntil !== null && checkins.pausedUntil > now)) return new Set<string>();
    return new Set(store.jobs.pendingForMember(member.id, 'checkin').map((j) => weekKey(j.dueAt, timezone)));
  });
  const sentByWeek = new Map<string, number>();
  return {
    now,
    timezone,
    quiet: quietHoursOf(member),
    pausedUntil: member.pausedUntil,
    sentInWeek(week) {
      let n = sentByWeek.get(week);
      if (n === undefined) sentByWeek.set(week, (n = store.unprompted.countInWeek(member.id, week)));
      return n;
    },
    get lastUnpromptedAt() {
      return lastUnpromptedAt();
    },
    checkinAhead: (week) => checkinWeeks().has(week),
    get gatheredAt() {
      return gatheredAt();
    },
  };
}

/** Queues, holds or drops one private message by the delivery policy. */
export function sendToMember(store: Store, m: ToMember): Sent {
  const { coop, member, now } = m;
  if (member.forgottenAt !== null) return 'dropped';
  const facts = deliveryFacts(store, coop, member, now);
  const decision = decide(m.delivery, facts);
  if ('drop' in decision) return 'dropped';
  const counted = m.delivery.kind === 'unprompted' && !('uncounted' in decision && decision.uncounted);
  if ('hold' in decision) {
    const expiresAt = m.delivery.kind === 'unprompted' ? (m.delivery.expiresAt ?? null) : null;
    store.held.hold({ coopId: coop.id, memberId: member.id, message: m.message, counted, reason: decision.hold, expiresAt, dedupeKey: m.dedupeKey ?? null, createdAt: now, onlyWhile: m.onlyWhile });
    planGathering(store, coop, member, decision.at, now);
    return 'held';
  }
  const at = decision.send === 'now' ? now : decision.at;
  // A message that goes anyway takes what was waiting with it, unless it wakes the member (a sit about to start).
  const carries = !isQuietAt(at, facts.timezone, facts.quiet);
  const message = carries ? withGathered(m.message, takeHeld(store, member, at)) : m.message;
  queue(store, coop, member, counted ? withQuietControl(message) : message, at, m.dedupeKey, m.withLocalTime);
  if (counted) store.unprompted.record(member.id, m.countAs ?? 'message', weekKey(at, facts.timezone), at);
  return 'sent';
}

function queue(store: Store, coop: Coop, member: Member, message: Message, at: number, dedupeKey: string | undefined, withLocalTime = false): void {
  const notification = { destination: memberDestination(coop, member), message, ...(withLocalTime ? { localTime: formatLocal(at, timezoneOf(member, coop)) } : {}) };
  store.outbox.add({ coopId: coop.id, notification, at, ...(dedupeKey ? { dedupeKey } : {}) });
}

/** Takes the held messages still worth sending at `at` (old news is dropped) and ends their gathering. */
function takeHeld(store: Store, member: Member, at: number): Message[] {
  const held = store.held.heldFor(member.id);
  if (held.length === 0) return [];
  store.held.release(member.id, held[held.length - 1]!.id);
  for (const job of store.jobs.pendingForMember(member.id, 'gathered')) store.jobs.cancel(job.id, at);
  return held.filter((h) => stillLive(h, at)).map((h) => h.message);
}

/** One gathering job per member at a time; a later hold joins it. */
function planGathering(store: Store, coop: Coop, member: Member, at: number, now: number): void {
  if (store.jobs.pendingForMember(member.id, 'gathered').length > 0) return;
  const first = store.held.heldFor(member.id)[0];
  store.jobs.plan(
    { kind: 'gathered', subject: `member:${member.id}`, coopId: coop.id, memberId: member.id, dueAt: at, graceMs: null /* held messages are never too late by downtime alone: old news expires by itself */, key: `gathered:${member.id}:${first?.id ?? now}` },
    now,
  );
}

export type GatherOutcome = { sent: true } | { sent: false; nothingLeft: true } | { sent: false; until: number };

/**
 * The gathering job: sends what was held as one message once the member can be written to (not quiet, not
 * paused, room in the week for what counts); otherwise says when to try again.
 */
export function sendGathered(store: Store, coop: Coop, member: Member, now: number, dedupeKey: string): GatherOutcome {
  const held = store.held.heldFor(member.id);
  const live = held.filter((h) => stillLive(h, now));
  if (live.length === 0 || member.forgottenAt !== null) {
    if (held.length > 0) store.held.release(member.id, held[held.length - 1]!.id);
    return { sent: false, nothingLeft: true };
  }
  const facts = deliveryFacts(store, coop, member, now);
  const { at, counted } = gatheringAt(facts, live);
  if (at > now) return { sent: false, until: at };
  store.held.release(member.id, held[held.length - 1]!.id);
  const message = live.length === 1 && !counted ? live[0]!.message : gatheredMessage(live.map((h) => h.message));
  queue(store, coop, member, counted ? withQuietControl(message) : message, now, dedupeKey, true);
  if (counted) store.unprompted.record(member.id, 'gathered', weekKey(now, facts.timezone), now);
  return { sent: true };
}
