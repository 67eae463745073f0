import { afterEach, describe, expect, it } from 'vitest';
import type { Notification } from '../../../src/core/types.ts';
import { memberDestination } from '../../../src/domain/destinations.ts';
import { startDiscordWorld, type DiscordWorld, type Person } from './world.ts';

// Exactly once on Discord: every page carries a nonce made from its outbox row, with enforce_nonce, so a resend
// (no answer came, or the process died before marking the row sent) is answered with the message Discord already
// has. DM channels are kept in the database: a first DM costs two requests, every later one, one.

let w: DiscordWorld;
afterEach(async () => {
  await w.close();
});

/** Queues a DM for a member through the outbox, as a job would. */
async function queueDm(who: Person, text: string): Promise<number> {
  await w.ask(who, 'help');
  await w.relay.drain(); // the welcome a first command brings goes out first
  const coop = w.store.coops.find('discord', w.guild.id)!;
  const member = w.store.members.find(coop.id, w.people[who].id)!;
  w.store.transaction(() => w.store.outbox.add({ coopId: coop.id, notification: { destination: memberDestination(coop, member), message: { text } }, at: w.clock.now() }));
  return w.store.db.prepare<[], { id: number }>('SELECT max(id) AS id FROM outbox').get()!.id;
}

const status = (id: number) => w.store.db.prepare<[number], { status: string; sending_since: number | null }>('SELECT status, sending_since FROM outbox WHERE id = ?').get(id);
const posts = (from: number) => w.standin.calls.slice(from).filter((c) => c.route === 'POST /channels/:channelId/messages');
const opens = (from: number) => w.standin.calls.slice(from).filter((c) => c.route === 'POST /users/@me/channels');

describe('Discord: exactly once', () => {
  it('sends each page with a nonce and enforce_nonce; a resend of the same row is not posted twice', async () => {
    w = await startDiscordWorld();
    await w.ask('ben', 'help');
    await w.relay.drain(); // the welcome a first command brings goes out first
    const coop = w.store.coops.find('discord', w.guild.id)!;
    const ben = w.store.members.find(coop.id, w.people.ben.id)!;
    const note: Notification = { destination: memberDestination(coop, ben), message: { text: 'Your sit starts in 2 hours' } };
    const from = w.standin.mark();
    expect(await w.bot.messenger.send(note, { outboxId: 41 })).toMatchObject({ ok: true });
    expect(await w.bot.messenger.send(note, { outboxId: 41, maybeSent: { since: 0 } })).toMatchObject({ ok: true });
    expect(posts(from).map((c) => c.body)).toEqual([
      expect.objectContaining({ nonce: 'o41.0', enforce_nonce: true }),
      expect.objectContaining({ nonce: 'o41.0', enforce_nonce: true }),
    ]);
    expect(w.dms('ben').filter((m) => m.content.includes('starts in 2 hours'))).toHaveLength(1);
    // Another row is another message, even with the same words.
    await w.bot.messenger.send(note, { outboxId: 42 });
    expect(w.dms('ben').filter((m) => m.content.includes('starts in 2 hours'))).toHaveLength(2);
  });

  it('a send Discord took but never answered (a timeout) is retried and still posted once', async () => {
    w = await startDiscordWorld();
    const id = await queueDm('ben', 'Did you take a break this week?');
    const from = w.standin.mark();
    const held = w.standin.hold('POST /channels/:channelId/messages'); // created, but the answer never comes
    const drained = w.relay.drain();
    await held.arrived;
    await drained; // the client gave up waiting and tried again: same nonce, so Discord answered with the first
    held.release();
    expect(status(id)).toEqual({ status: 'sent', sending_since: null });
    expect(posts(from).map((c) => (c.body as { nonce?: string }).nonce)).toEqual([`o${id}.0`, `o${id}.0`]);
    expect(w.dms('ben').filter((m) => m.content.includes('take a break'))).toHaveLength(1);
  });

  it('keeps DM channels in the database: one open per member, also after a restart', async () => {
    w = await startDiscordWorld({ file: true });
    const from = w.standin.mark();
    await queueDm('ben', 'first');
    await w.relay.drain();
    await queueDm('ben', 'second');
    await w.relay.drain();
    expect(opens(from)).toHaveLength(1);
    await w.restart();
    await queueDm('ben', 'third');
    await w.relay.drain();
    expect(opens(from)).toHaveLength(1);
    expect(w.dms('ben').map((m) => m.content).filter((c) => ['first', 'second', 'third'].includes(c))).toEqual(['first', 'second', 'third']);
    const kept = w.store.db.prepare('SELECT platform, member_ref, channel_id FROM dm_channels').all();
    expect(kept).toEqual([{ platform: 'discord', member_ref: w.people.ben.id, channel_id: w.standin.dmChannel(w.people.ben.id).id }]);
  });

  it('opens a new DM channel when the kept one is gone', async () => {
    w = await startDiscordWorld();
    await queueDm('ben', 'first');
    await w.relay.drain();
    w.store.db.prepare("UPDATE dm_channels SET channel_id = '999999999999999999'").run();
    await queueDm('ben', 'second');
    await w.relay.drain();
    expect(w.dms('ben').map((m) => m.content)).toContain('second');
    expect(w.store.db.prepare('SELECT channel_id FROM dm_channels').get()).toEqual({ channel_id: w.standin.dmChannel(w.people.ben.id).id });
  });
});
