import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { Destination, Messenger } from '../../src/core/types.ts';
import { OutboxRelay } from '../../src/jobs/outbox-relay.ts';
import { PLATFORM_LIMITS } from '../../src/jobs/rate-limits.ts';
import { createStore, silentLog } from '../support/harness.ts';
import { LimitedMessenger, maxInWindow } from './limited-messenger.ts';

// The relay counts every request a send makes against the platform's limits: a first DM on Discord is two (open the
// DM channel, then post), and the channel is then kept in the database so the next DM is one. And it stops at once
// when asked, leaving whatever it had not sent in the outbox.

const T0 = Date.parse('2027-03-07T19:00:00Z');

function setUp(options: { wait?: (clock: ManualClock) => (ms: number) => Promise<void> } = {}) {
  const store = createStore();
  const clock = new ManualClock(T0);
  const coop = store.coops.create('discord', 'guild', 'Co-op', 'Europe/London', T0);
  const relay = new OutboxRelay(store, clock, silentLog, {
    limits: PLATFORM_LIMITS,
    holdMs: 60_000,
    wait: options.wait?.(clock) ?? (async (ms) => clock.advance(ms)),
  });
  const dm = (ref: string): Destination => ({ kind: 'dm', platform: 'discord', coopRef: 'guild', memberRef: ref, memberName: ref });
  const queue = (refs: string[]) =>
    store.transaction(() => refs.forEach((ref) => store.outbox.add({ coopId: coop.id, notification: { destination: dm(ref), message: { text: `hi ${ref}` } }, at: clock.now() })));
  const pending = () => store.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get()?.n ?? 0;
  return { store, clock, relay, queue, pending };
}

const limit = PLATFORM_LIMITS.discord.global!;

describe('counting every request', () => {
  it('a wave of first DMs (two requests each) stays within 50 requests a second, with no 429, near the allowed rate', async () => {
    const s = setUp();
    const messenger = new LimitedMessenger('discord', s.clock, { global: limit, perRoute: PLATFORM_LIMITS.discord.perRoute! });
    messenger.opensDms = true;
    s.relay.register(messenger);
    const members = Array.from({ length: 300 }, (_, i) => `u${i}`);
    s.queue(members);
    const start = s.clock.now();
    expect(await s.relay.drain()).toBe(300);
    expect(messenger.rejected429).toBe(0);
    expect(messenger.requests).toHaveLength(600);
    expect(maxInWindow(messenger.requests, limit.windowMs)).toBeLessThanOrEqual(limit.count);
    // n evenly paced requests take n intervals: from the first to one interval after the last.
    const seconds = ((messenger.requests.at(-1) ?? start) - start) / 1000 + limit.windowMs / limit.count / 1000;
    expect(600 / seconds / limit.count).toBeGreaterThanOrEqual(0.9);

    // The channels are kept: the next wave is one request a message, twice the messages a second.
    expect(s.store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dm_channels').get()?.n).toBe(300);
    const before = messenger.requests.length;
    s.queue(members);
    await s.relay.drain();
    expect(messenger.requests.length - before).toBe(300);
    expect(maxInWindow(messenger.requests, limit.windowMs)).toBeLessThanOrEqual(limit.count);
  });

  it('counts a messenger without requestsFor as one request a send', async () => {
    const s = setUp();
    const messenger = new LimitedMessenger('discord', s.clock, { global: limit });
    s.relay.register(messenger);
    s.queue(Array.from({ length: 120 }, (_, i) => `u${i}`));
    await s.relay.drain();
    expect(messenger.rejected429).toBe(0);
    expect(maxInWindow(messenger.requests, limit.windowMs)).toBeLessThanOrEqual(limit.count);
    expect(messenger.delivered).toHaveLength(120);
  });
});

describe('stopping', () => {
  it('ends a wait for the rate limit at once; what was not sent stays in the outbox', async () => {
    const forever = () => () => new Promise<void>(() => undefined); // a wait only stop() ends
    const s = setUp({ wait: forever });
    const messenger = new LimitedMessenger('discord', s.clock, { global: limit });
    s.relay.register(messenger);
    s.queue(Array.from({ length: 120 }, (_, i) => `u${i}`));
    const draining = s.relay.drain();
    await s.relay.stop();
    await draining;
    expect(messenger.delivered.length).toBeGreaterThan(0);
    expect(messenger.delivered.length).toBeLessThanOrEqual(limit.count);
    expect(s.pending()).toBe(120 - messenger.delivered.length);
    expect(await s.relay.drain()).toBe(0); // stopped: no new sends
  });

  it('gives a send on the wire a grace period, then leaves it unanswered and marked as maybe sent', async () => {
    const s = setUp();
    const hanging: Messenger = { platform: 'discord', send: () => new Promise(() => undefined) };
    s.relay.register(hanging);
    s.queue(['u1']);
    void s.relay.drain();
    await s.relay.stop(20);
    const row = s.store.db.prepare<[], { status: string; sending_since: number | null }>('SELECT status, sending_since FROM outbox').get();
    expect(row).toEqual({ status: 'pending', sending_since: T0 });
  });
});
