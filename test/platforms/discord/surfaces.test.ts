import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../../src/jobs/scheduler.ts';
import { BOT_PERMISSIONS } from '../../../src/platforms/discord/invite.ts';
import { opt, Perm, type StoredMessage } from '../../standins/discord/index.ts';
import { silentLog } from '../../support/harness.ts';
import { buttonsOf, startDiscordWorld, textOf, type DiscordWorld } from './world.ts';

// Discord's own surfaces: a private thread for each accepted sit (archived the day after), "Ask to sit" on a member,
// and time suggestions while `when:` is typed; all through the real discord.js client and the loopback stand-in.

const EPHEMERAL = 64;
const PRIVATE_THREAD = 12;

describe('Discord surfaces', () => {
  let w: DiscordWorld;
  afterEach(async () => {
    await w.close();
  });

  async function requestChosen(): Promise<{ taken: StoredMessage }> {
    await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London')]);
    await w.ask('ana', 'swap', 'request', [opt.string('when', 'sat 19:00-23:00'), opt.integer('kids', 2)]);
    const card = await w.channelPost('needs a sitter');
    await w.tap('ben', card, 'Volunteer');
    const choices = await w.dm('ana', 'Ben volunteered');
    await w.standin.waitForReply(w.press('ana', choices, 'Choose Ben').id);
    return { taken: await w.channelPost('is taken') };
  }

  it('opens a private thread for an accepted sit, links it from the channel card, and archives it the day after', async () => {
    w = await startDiscordWorld();
    const { taken } = await requestChosen();
    const [thread] = w.standin.threadsIn(w.general.id);
    expect(thread).toBeDefined();
    if (!thread?.thread) return;
    expect(thread.type).toBe(PRIVATE_THREAD);
    expect(thread.name).toBe('#1 · Ana & Ben · Sat 28 Nov');
    expect(thread.thread.invitable).toBe(false);
    expect([...thread.thread.members].sort()).toEqual([w.standin.bot.id, w.people.ana.id, w.people.ben.id].sort());
    const hello = await w.standin.waitForMessage((m) => m.channelId === thread.id);
    expect(hello.content).toContain(`<@${w.people.ana.id}> <@${w.people.ben.id}>`);
    expect(hello.content).toContain('private thread for #1: Sat 28 Nov, 19:00–23:00, 2 kids');
    // The channel's card is posted once the thread exists, with the way into it.
    expect(textOf(taken)).toContain(`Private thread: <#${thread.id}>`);
    expect(buttonsOf(taken).map((b) => b.label)).toEqual(['Cancel', 'Done']);
    await w.relay.drain(); // the receipt is kept once the delivery is done
    const coop = w.store.coops.find('discord', w.guild.id);
    const [row] = w.store.threads.ofSwap(w.store.swaps.findByNumber(coop?.id ?? 0, 1)?.id ?? 0);
    expect(row).toMatchObject({ status: 'open', threadRef: thread.id });

    // The day after the sit, the scheduler says goodbye in it and archives it.
    const scheduler = new Scheduler(w.store, w.clock, silentLog);
    w.clock.set(Date.parse('2026-11-29T22:59:00Z'));
    scheduler.runDue();
    expect(w.store.threads.ofSwap(row?.swapId ?? 0)[0]?.status).toBe('open');
    w.clock.set(Date.parse('2026-11-29T23:00:00Z'));
    expect(scheduler.runDue()).toMatchObject({ done: 1 });
    await w.relay.drain();
    const goodbye = await w.standin.waitForMessage((m) => m.channelId === thread.id && m.content.includes('is over'));
    expect(goodbye.content).toContain('#1 is over');
    expect(w.standin.thread(thread.id)?.thread).toMatchObject({ archived: true, locked: true });
    expect(w.store.threads.ofSwap(row?.swapId ?? 0)[0]?.status).toBe('archived');
  });

  it('opens one for a booked offer too, with a short channel post that leads into it', async () => {
    w = await startDiscordWorld();
    await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London')]);
    await w.ask('ben', 'swap', 'offer', [opt.string('when', 'fri 18:00-22:00'), opt.integer('kids', 3)]);
    const card = await w.channelPost('can sit');
    expect((await w.tap('cleo', card, 'Book')).content).toContain('Booked #1 with Ben');
    const booked = await w.channelPost('is booked');
    const [thread] = w.standin.threadsIn(w.general.id);
    expect(thread?.name).toBe('#1 · Cleo & Ben · Fri 27 Nov');
    expect(textOf(booked)).toContain(`<#${thread?.id}>`);
    expect([...(thread?.thread?.members ?? [])]).toEqual(expect.arrayContaining([w.people.ben.id, w.people.cleo.id]));
  });

  it('writes to each of them privately, with the other one named, when it may not open a private thread', async () => {
    w = await startDiscordWorld({ botPermissions: BOT_PERMISSIONS & ~Perm.CreatePrivateThreads });
    const { taken } = await requestChosen();
    const anaNote = await w.dm('ana', "couldn't open a private thread");
    const benNote = await w.dm('ben', "couldn't open a private thread");
    expect(anaNote.content).toContain(`Ben (<@${w.people.ben.id}>)`);
    expect(benNote.content).toContain(`Ana (<@${w.people.ana.id}>)`);
    expect(w.standin.threadsIn(w.general.id)).toEqual([]);
    expect(textOf(taken)).not.toContain('Private thread');
    const refused = w.standin.calls.find((c) => c.route === 'POST /channels/:channelId/threads');
    expect(refused?.status).toBe(403);
    await w.relay.drain();
    const coop = w.store.coops.find('discord', w.guild.id);
    expect(w.store.threads.ofSwap(w.store.swaps.findByNumber(coop?.id ?? 0, 1)?.id ?? 0)[0]).toMatchObject({ status: 'not_opened', threadRef: null });
  });

  it('without Manage Threads nobody can be added: the empty thread is closed and each is written to privately', async () => {
    w = await startDiscordWorld({ botPermissions: BOT_PERMISSIONS & ~Perm.ManageThreads });
    await requestChosen();
    await w.dm('ana', "couldn't open a private thread");
    await w.dm('ben', "couldn't open a private thread");
    const [thread] = w.standin.threadsIn(w.general.id);
    expect(thread?.thread).toMatchObject({ archived: true });
    expect([...(thread?.thread?.members ?? [])]).toEqual([w.standin.bot.id]);
    expect(w.standin.calls.filter((c) => c.route === 'PUT /channels/:channelId/thread-members/:userId').map((c) => c.status)).toEqual([403]);
  });

  it('"Ask to sit" on a member opens the request form; they are asked first, privately, with a Volunteer button', async () => {
    w = await startDiscordWorld();
    await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London')]);
    await w.ask('ben', 'help');
    const registered = w.standin.commands(w.guild.id).find((c) => c.name === 'Ask to sit');
    expect(registered?.body).toMatchObject({ type: 2, contexts: [0] });

    const asked = w.standin.dispatchUserCommand({ user: w.people.ana, name: 'Ask to sit', target: w.people.ben });
    const modal = await w.standin.waitForResponse(asked.id);
    expect(modal.type).toBe(9);
    expect(modal.data).toMatchObject({ custom_id: `swap.request?sitter=${w.people.ben.id}`, title: 'Ask Ben to sit' });

    const submitted = w.standin.dispatchModalSubmit({
      user: w.people.ana,
      customId: `swap.request?sitter=${w.people.ben.id}`,
      fields: { when: 'sat 19:00-23:00', kids: '2', note: '' },
    });
    const reply = await w.standin.waitForReply(submitted.id);
    expect(reply.content).toContain("I've asked Ben first, privately.");
    const ask = await w.dm('ben', 'Ana would love you to sit #1');
    const post = await w.channelPost('needs a sitter');
    expect(BigInt(ask.id)).toBeLessThan(BigInt(post.id)); // asked before the channel hears of it
    // An ask nobody asked for is unprompted: the way to a quieter week comes with it.
    expect(buttonsOf(ask).map((b) => b.label)).toEqual(['Volunteer', 'Quiet for a week']);
    const yes = await w.standin.waitForReply(w.standin.dispatchButton({ user: w.people.ben, customId: buttonsOf(ask)[0]?.customId ?? '', message: ask.id }).id);
    expect(yes.content).toContain("I've told Ana");
    const swap = w.store.swaps.findByNumber(w.store.coops.find('discord', w.guild.id)?.id ?? 0, 1);
    expect(w.store.threads.preferredSitter(swap?.id ?? 0)).toBe(w.store.members.find(swap?.coopId ?? 0, w.people.ben.id)?.id);
  });

  it('"Ask to sit" on yourself or on a bot is answered privately; nothing opens', async () => {
    w = await startDiscordWorld();
    const self = await w.standin.waitForReply(w.standin.dispatchUserCommand({ user: w.people.ana, name: 'Ask to sit', target: w.people.ana }).id);
    expect(self).toMatchObject({ flags: EPHEMERAL, content: expect.stringContaining("That's you!") });
    const bot = await w.standin.waitForReply(w.standin.dispatchUserCommand({ user: w.people.ana, name: 'Ask to sit', target: w.standin.bot }).id);
    expect(bot.content).toContain("Bots don't babysit");
  });

  it('suggests sit times as `when:` is typed, and a suggestion posts exactly that sit', async () => {
    w = await startDiscordWorld();
    await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London')]);
    const suggest = async (typed: string) => {
      const typing = w.standin.dispatchAutocomplete({ user: w.people.ben, name: 'swap', subcommand: 'request', focused: 'when', options: [opt.string('when', typed)] });
      const response = await w.standin.waitForResponse(typing.id);
      expect(response.type).toBe(8);
      return (response.data as { choices: { name: string; value: string }[] }).choices;
    };
    const sat = await suggest('sat');
    expect(sat[0]).toEqual({ name: 'Sat 28 Nov, 19:00–23:00 (4 h)', value: '2026-11-28 19:00-23:00' });
    expect(sat.map((c) => c.name)).toContain('Sat 28 Nov, 10:00–13:00 (3 h)');
    expect((await suggest('fri 7pm')).map((c) => c.value)).toEqual(['2026-11-27 19:00-22:00', '2026-11-27 19:00-23:00', '2026-11-27 19:00-21:00']);
    expect((await suggest('')).length).toBeGreaterThan(0);
    expect(await suggest('next blursday')).toEqual([]);
    const picked = sat[0]?.value ?? '';
    const posted = await w.ask('ben', 'swap', 'request', [opt.string('when', picked)]);
    expect(posted.content).toMatch(/^Posted #1 for Sat 28 Nov, 19:00–23:00/);
  });
});
