import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { DeliveryContext, DeliveryResult, Destination, Messenger, Notification } from '../../src/core/types.ts';
import { OutboxRelay } from '../../src/jobs/outbox-relay.ts';
import { createStore, silentLog } from '../support/harness.ts';

// Which sends the relay notes as "being sent" before they go, and how long a send that may have arrived stays in
// doubt: a platform that drops repeats by itself (Discord's nonce) needs no note, except for a send it cannot
// recognise (opening a thread); and once an attempt may have arrived, every later attempt is told so.

const T0 = Date.parse('2027-03-07T19:00:00Z');

function setUp() {
  const store = createStore();
  const clock = new ManualClock(T0);
  const coop = store.coops.create('discord', 'guild', 'Co-op', 'Europe/London', T0);
  const relay = new OutboxRelay(store, clock, silentLog);
  const queue = (destination: Destination, text: string) =>
    store.transaction(() => store.outbox.add({ coopId: coop.id, notification: { destination, message: { text } }, at: clock.now() }));
  const sendingSince = (text: string) =>
    store.db.prepare<[string], { sending_since: number | null }>("SELECT sending_since FROM outbox WHERE json_extract(message, '$.text') = ?").get(text)?.sending_since;
  return { store, clock, relay, queue, sendingSince };
}

const dm: Destination = { kind: 'dm', platform: 'discord', coopRef: 'guild', memberRef: 'u1', memberName: 'Ana' };
const thread: Destination = {
  kind: 'thread',
  platform: 'discord',
  coopRef: 'guild',
  channelRef: 'c1',
  subject: 'swap:1:party:2',
  name: '#1 · Ana & Ben · Sat 28 Nov',
  members: [],
};

describe('noting a send before it goes', () => {
  it('notes only the sends the platform would not recognise when repeated', async () => {
    const s = setUp();
    const seen = new Map<string, number | null | undefined>();
    const messenger: Messenger = {
      platform: 'discord',
      recognisesResend: (n: Notification) => n.destination.kind !== 'thread',
      send: async (n) => {
        seen.set(n.message.text, s.sendingSince(n.message.text));
        return { ok: true };
      },
    };
    s.relay.register(messenger);
    s.queue(dm, 'a reminder');
    s.queue(thread, 'hello, both');
    await s.relay.drain();
    expect(Object.fromEntries(seen)).toEqual({ 'a reminder': null, 'hello, both': T0 });
    expect(s.sendingSince('hello, both')).toBeNull(); // sent: no doubt left
  });

  it('keeps the doubt of an attempt that may have arrived through later attempts that failed for a known reason', async () => {
    const s = setUp();
    const answers: DeliveryResult[] = [
      { ok: false, permanent: false, unknown: true, error: 'timed out' },
      { ok: false, permanent: false, retryAfterMs: 1_000, error: 'rate limited' },
      { ok: true },
    ];
    const contexts: (DeliveryContext | undefined)[] = [];
    s.relay.register({
      platform: 'discord',
      send: async (_n, context) => {
        contexts.push(context);
        return answers.shift() ?? { ok: true };
      },
    });
    s.queue(thread, 'hello, both');
    for (let i = 0; i < 3; i++) {
      await s.relay.drain();
      s.clock.advance(10_000);
    }
    expect(contexts.map((c) => c?.maybeSent)).toEqual([undefined, { since: T0 }, { since: T0 }]);
  });
});
