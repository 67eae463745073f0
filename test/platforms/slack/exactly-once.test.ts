import { afterEach, describe, expect, it } from 'vitest';
import type { Notification } from '../../../src/core/types.ts';
import { memberDestination } from '../../../src/domain/destinations.ts';
import { OUTBOX_EVENT } from '../../../src/platforms/slack/poster.ts';
import type { RecordedCall } from '../../standins/slack/index.ts';
import { GENERAL, PEOPLE, startSlackWorld, TEAM, type SlackWorld } from './world.ts';

// Exactly once on Slack: every message carries `metadata` naming its outbox row and page. After an attempt that got
// no answer, the channel's recent history is read first, and what is already there is not posted again. DM channels
// are kept in the database.

let world: SlackWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const posts = (w: SlackWorld, text: string) => w.standin.callsOf('chat.postMessage').filter((c) => c.response.ok === true && JSON.stringify(c.body).includes(text));
const outboxStatus = (w: SlackWorld, id: number) =>
  w.store.db.prepare<[number], { status: string; sending_since: number | null }>('SELECT status, sending_since FROM outbox WHERE id = ?').get(id);

async function queueDm(w: SlackWorld, text: string): Promise<number> {
  await w.ask('ben', '/help', '');
  const coop = w.store.coops.find('slack', TEAM)!;
  const ben = w.store.members.find(coop.id, PEOPLE.ben.id)!;
  w.store.transaction(() => w.store.outbox.add({ coopId: coop.id, notification: { destination: memberDestination(coop, ben), message: { text } }, at: w.clock.now() }));
  return w.store.db.prepare<[], { id: number }>('SELECT max(id) AS id FROM outbox').get()!.id;
}

describe('Slack: exactly once', () => {
  it('marks every post with its outbox row and page', async () => {
    world = await startSlackWorld('http');
    const id = await queueDm(world, 'Did you take a break this week?');
    await world.relay.drain();
    const [post] = posts(world, 'take a break');
    expect(post?.body.metadata).toEqual({ event_type: OUTBOX_EVENT, event_payload: { outbox_id: id, page: 0 } });
  });

  it('after an unknown outcome, finds the message in the history and does not post it again', async () => {
    world = await startSlackWorld('http');
    const note: Notification = { destination: { kind: 'channel', platform: 'slack', coopRef: TEAM, channelRef: GENERAL }, message: { text: 'Weekly digest: 9 parents took a break' } };
    const since = Date.now();
    expect(await world.adapter.messenger.send(note, { outboxId: 77 })).toEqual({ ok: true });
    const mark = world.standin.lastSeq;
    expect(await world.adapter.messenger.send(note, { outboxId: 77, maybeSent: { since } })).toEqual({ ok: true });
    const later = world.standin.calls.filter((c: RecordedCall) => c.seq > mark).map((c) => c.method);
    expect(later).toEqual(['conversations.history']);
    expect(posts(world, 'Weekly digest')).toHaveLength(1);
    // A row the channel does not have is posted, after the look.
    expect(await world.adapter.messenger.send(note, { outboxId: 78, maybeSent: { since } })).toEqual({ ok: true });
    expect(posts(world, 'Weekly digest')).toHaveLength(2);
  });

  it('sends again when Slack will not show the history (an app installed before the history scopes)', async () => {
    world = await startSlackWorld('http');
    world.standin.faults.error('conversations.history', 'missing_scope', { times: 1 });
    const note: Notification = { destination: { kind: 'channel', platform: 'slack', coopRef: TEAM, channelRef: GENERAL }, message: { text: 'Swap #4 needs a sitter' } };
    expect(await world.adapter.messenger.send(note, { outboxId: 5, maybeSent: { since: Date.now() } })).toEqual({ ok: true });
    expect(posts(world, 'Swap #4 needs a sitter')).toHaveLength(1);
  });

  it('a post Slack made but never answered is retried through the relay and still appears once', async () => {
    world = await startSlackWorld('http', { deliveryTimeoutMs: 300 });
    const id = await queueDm(world, 'Your sit starts in 2 hours');
    const held = world.standin.faults.holdAnswer('chat.postMessage', { when: (b) => JSON.stringify(b).includes('starts in 2 hours') });
    await world.relay.drain();
    await held.arrived;
    expect(outboxStatus(world, id)).toMatchObject({ status: 'pending', sending_since: expect.any(Number) });
    held.release();
    world.clock.advance(60_000);
    await world.relay.drain();
    expect(outboxStatus(world, id)).toEqual({ status: 'sent', sending_since: null });
    await world.standin.waitForCall((c) => c.method === 'chat.postMessage' && JSON.stringify(c.body).includes('starts in 2 hours'));
    expect(posts(world, 'starts in 2 hours')).toHaveLength(1);
    const history = world.standin.callsOf('conversations.history');
    expect(history).toHaveLength(1);
    const inChannel = (history[0]?.response.messages as { metadata?: { event_payload?: { outbox_id?: number } } }[]).filter(
      (m) => m.metadata?.event_payload?.outbox_id === id,
    );
    expect(inChannel).toHaveLength(1);
  });

  it('keeps DM channels: conversations.open once per member, not on every DM', async () => {
    world = await startSlackWorld('http');
    await queueDm(world, 'first');
    await world.relay.drain();
    await queueDm(world, 'second');
    await world.relay.drain();
    expect(world.store.db.prepare('SELECT member_ref, channel_id FROM dm_channels').all()).toEqual([{ member_ref: PEOPLE.ben.id, channel_id: world.standin.dmChannelId(PEOPLE.ben.id) }]);
  });
});
