import { REST, Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notification, ThreadDestination } from '../../../src/core/types.ts';
import { BOT_PERMISSIONS } from '../../../src/platforms/discord/invite.ts';
import { opt, Perm } from '../../standins/discord/index.ts';
import { startDiscordWorld, textOf, type DiscordWorld } from './world.ts';

// A sit's private thread is opened once. Discord gives thread creation no nonce, so the relay notes the row before
// it goes; a resend (no answer came, or the process died before the thread was recorded) looks among the server's
// active threads for the one the first attempt opened, and the hello and the channel's news carry nonces of their
// own. The kills of the real process are in test/e2e/thread-crashes.test.ts.

let w: DiscordWorld;
afterEach(async () => {
  await w.close();
});

const NAME = '#1 · Ana & Ben · Sat 28 Nov';
const calls = (route: string, from = 0) => w.standin.calls.slice(from).filter((c) => c.route === route);
const hellos = (threadId: string) => w.standin.messagesIn(threadId).filter((m) => m.content.includes('This is your private thread'));
const news = () => w.channelPosts().filter((m) => m.content.startsWith('#1 is taken'));

/** A sit's thread, as the service asks for it, for the messenger to open directly. */
function sitThread(): Notification {
  const destination: ThreadDestination = {
    kind: 'thread',
    platform: 'discord',
    coopRef: w.guild.id,
    channelRef: w.general.id,
    subject: 'swap:1:party:2',
    name: NAME,
    members: [
      { memberRef: w.people.ana.id, memberName: 'Ana' },
      { memberRef: w.people.ben.id, memberName: 'Ben' },
    ],
    channelPost: { message: { text: '#1 is taken — Ben is sitting for Ana.' }, everywhere: true },
  };
  return { destination, message: { text: 'Hello Ana and Ben! This is your private thread for #1.' } };
}

describe('Discord: a sit thread is opened once', () => {
  it('a resend after a crash finds the thread the first attempt opened: one thread, one hello, one news post', async () => {
    w = await startDiscordWorld();
    const note = sitThread();
    const first = await w.bot.messenger.send(note, { outboxId: 7 });
    const again = await w.bot.messenger.send(note, { outboxId: 7, maybeSent: { since: 0 } });
    const [thread, ...more] = w.standin.threadsIn(w.general.id);
    expect(more).toEqual([]);
    expect(first).toEqual({ ok: true, receipt: { kind: 'thread_opened', threadRef: thread?.id } });
    expect(again).toEqual(first);
    expect(calls('POST /channels/:channelId/threads')).toHaveLength(1);
    expect(calls('GET /guilds/:guildId/threads/active')).toHaveLength(1);
    expect([...(thread?.thread?.members ?? [])].sort()).toEqual([w.standin.bot.id, w.people.ana.id, w.people.ben.id].sort());
    expect(hellos(thread?.id ?? '')).toHaveLength(1);
    expect(news()).toHaveLength(1);
    // The hello and the news are two messages of one row: each has its own nonce.
    const nonces = calls('POST /channels/:channelId/messages').map((c) => (c.body as { nonce?: string }).nonce);
    expect(nonces).toEqual(['o7.h0', 'o7.n0', 'o7.h0', 'o7.n0']);
  });

  it("only a thread-opening row is noted before it goes; the relay's resend after an unanswered open finds the thread", async () => {
    w = await startDiscordWorld();
    const dm: Notification = { destination: { kind: 'dm', platform: 'discord', coopRef: w.guild.id, memberRef: w.people.ana.id, memberName: 'Ana' }, message: { text: 'hi' } };
    expect([w.bot.messenger.recognisesResend?.(dm), w.bot.messenger.recognisesResend?.(sitThread())]).toEqual([true, false]);

    await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London')]);
    await w.ask('ana', 'swap', 'request', [opt.string('when', 'sat 19:00-23:00'), opt.integer('kids', 2)]);
    await w.tap('ben', await w.channelPost('needs a sitter'), 'Volunteer');
    const choices = await w.dm('ana', 'Ben volunteered');
    // Discord opens the thread; its answer never comes. The bot gives up on it before discord.js would send it again.
    const held = w.standin.hold('POST /channels/:channelId/threads');
    w.press('ana', choices, 'Choose Ben');
    await held.arrived;
    const row = w.store.db.prepare<[], { id: number; sending_since: number | null }>("SELECT id, sending_since FROM outbox WHERE destination LIKE '%\"kind\":\"thread\"%'").get();
    expect(row?.sending_since).toBe(w.clock.now());
    await w.relay.drain();
    held.release();
    expect(w.store.db.prepare<[number], { status: string; sending_since: number | null }>('SELECT status, sending_since FROM outbox WHERE id = ?').get(row?.id ?? 0)).toEqual({
      status: 'pending',
      sending_since: row?.sending_since ?? -1,
    });

    w.clock.advance(60_000);
    await w.relay.drain();
    const [thread, ...more] = w.standin.threadsIn(w.general.id);
    expect(more).toEqual([]);
    expect(calls('POST /channels/:channelId/threads')).toHaveLength(1);
    expect(thread?.name).toBe(NAME);
    expect([...(thread?.thread?.members ?? [])].sort()).toEqual([w.standin.bot.id, w.people.ana.id, w.people.ben.id].sort());
    expect(hellos(thread?.id ?? '')).toHaveLength(1);
    expect(news().map((m) => textOf(m))).toEqual([expect.stringContaining(`Private thread: <#${thread?.id}>`)]);
    const coop = w.store.coops.find('discord', w.guild.id);
    expect(w.store.threads.ofSwap(w.store.swaps.findByNumber(coop?.id ?? 0, 1)?.id ?? 0)[0]).toMatchObject({ status: 'open', threadRef: thread?.id });
  });

  it('takes the newest active thread of that name the bot opened: not an archived one, not one someone else opened', async () => {
    w = await startDiscordWorld();
    const rest = new REST({ api: w.standin.apiUrl }).setToken(w.standin.token);
    const open = async () => ((await rest.post(Routes.threads(w.general.id), { body: { name: NAME, type: 12, invitable: false } })) as { id: string }).id;
    const older = await open();
    const newer = await open();
    const archived = await open();
    await rest.patch(Routes.channel(archived), { body: { archived: true } });
    const notOurs = await open();
    const thread = w.standin.thread(notOurs)?.thread;
    if (thread) thread.ownerId = w.people.ana.id;
    const result = await w.bot.messenger.send(sitThread(), { outboxId: 8, maybeSent: { since: 0 } });
    expect(result).toEqual({ ok: true, receipt: { kind: 'thread_opened', threadRef: newer } });
    expect(calls('POST /channels/:channelId/threads')).toHaveLength(4); // the four above, none by the resend
    expect(hellos(newer)).toHaveLength(1);
    expect(hellos(older)).toEqual([]);
  });

  it('where no thread may be opened, a resend writes to each of them once (each DM has its own nonce)', async () => {
    w = await startDiscordWorld({ botPermissions: BOT_PERMISSIONS & ~Perm.CreatePrivateThreads });
    const note = sitThread();
    await w.bot.messenger.send(note, { outboxId: 9 });
    await w.bot.messenger.send(note, { outboxId: 9, maybeSent: { since: 0 } });
    const notes = (who: 'ana' | 'ben') => w.dms(who).filter((m) => m.content.includes("couldn't open a private thread"));
    expect([notes('ana').length, notes('ben').length]).toEqual([1, 1]);
    expect(news()).toHaveLength(1);
    expect(w.standin.threadsIn(w.general.id)).toEqual([]);
  });
});
