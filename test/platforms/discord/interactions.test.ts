import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOT_IN_GUILD, UNKNOWN_BUTTON } from '../../../src/platforms/discord/router.ts';
import { opt } from '../../standins/discord/index.ts';
import { buttonsOf, startDiscordWorld, textOf, type DiscordWorld } from './world.ts';

const H = 60;
const EPHEMERAL = 64;

describe('Discord interactions: forms, odd buttons, other servers, admins', () => {
  let w: DiscordWorld;
  beforeEach(async () => {
    w = await startDiscordWorld();
    await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London')]);
  });
  afterEach(async () => {
    await w.close();
  });

  it('/swap request without when: opens a modal first, and its submission posts the request', async () => {
    const asked = w.command('ben', 'swap', 'request', [opt.integer('kids', 3)]);
    const modal = await w.standin.waitForResponse(asked.id);
    expect(modal.type).toBe(9);
    expect(modal.data).toMatchObject({ custom_id: 'swap.request', title: 'Ask for a sitter' });
    const inputs = (modal.data as { components: { components: Record<string, unknown>[] }[] }).components.map((r) => r.components[0]);
    expect(inputs.map((i) => i?.custom_id)).toEqual(['when', 'kids', 'note']);
    expect(inputs[0]).toMatchObject({ required: true, max_length: 100 });
    expect(inputs[1]).toMatchObject({ required: false, value: '3' }); // what was typed is kept
    expect(w.store.swaps.findByNumber(1, 1)).toBeUndefined(); // nothing ran before the form came back

    const submitted = w.standin.dispatchModalSubmit({ user: w.people.ben, customId: 'swap.request', fields: { when: 'sat 19:00-22:00', kids: '3', note: 'three little ones' } });
    const reply = await w.standin.waitForReply(submitted.id);
    expect(reply.content).toMatch(/^Posted #1 for Sat 28 Nov, 19:00–22:00/);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const card = await w.channelPost('needs a sitter');
    expect(textOf(card)).toContain('three little ones');
    expect(textOf(card)).toContain('Kids: 3');
  });

  it('/swap offer and /swap session without when: open their own forms, read from the same definitions as Slack', async () => {
    const offer = await w.standin.waitForResponse(w.command('ben', 'swap', 'offer').id);
    expect(offer.type).toBe(9);
    expect(offer.data).toMatchObject({ custom_id: 'swap.offer', title: 'Offer to sit' });
    const session = await w.standin.waitForResponse(w.command('cleo', 'swap', 'session', [opt.integer('capacity', 4)]).id);
    expect(session.data).toMatchObject({ custom_id: 'swap.session', title: 'Host a drop-off session' });
    const inputs = (session.data as { components: { components: Record<string, unknown>[] }[] }).components.map((r) => r.components[0]);
    expect(inputs.map((i) => i?.custom_id)).toEqual(['when', 'capacity', 'note']);
    expect(inputs[1]).toMatchObject({ required: true, value: '4' });
    const submitted = w.standin.dispatchModalSubmit({ user: w.people.cleo, customId: 'swap.session', fields: { when: 'sat 10:00-12:00', capacity: '4', note: '' } });
    expect((await w.standin.waitForReply(submitted.id)).content).toMatch(/^Posted your session #1 for Sat 28 Nov, 10:00–12:00/);
  });

  it('a modal with bad values answers privately with what to fix, and posts nothing', async () => {
    w.command('ben', 'swap', 'request');
    const badKids = w.standin.dispatchModalSubmit({ user: w.people.ben, customId: 'swap.request', fields: { when: 'sat 19:00-22:00', kids: 'lots', note: '' } });
    const kidsReply = await w.standin.waitForReply(badKids.id);
    expect(kidsReply.content).toContain('`kids:` takes a whole number from 1 to 12');
    expect(kidsReply.flags & EPHEMERAL).toBe(EPHEMERAL);
    const badWhen = w.standin.dispatchModalSubmit({ user: w.people.ben, customId: 'swap.request', fields: { when: 'yesterday 9am for 2h', kids: '', note: '' } });
    expect((await w.standin.waitForReply(badWhen.id)).content).toContain('has already passed');
    await w.relay.drain();
    expect(w.channelPosts()).toEqual([]);
  });

  it('an unknown button and a stale one are answered privately and change nothing', async () => {
    const unknown = w.standin.dispatchButton({ user: w.people.ben, customId: 'not a button of ours!' });
    expect(await w.standin.waitForReply(unknown.id)).toMatchObject({ content: UNKNOWN_BUTTON, flags: EPHEMERAL });

    await w.ask('ana', 'swap', 'request', [opt.string('when', 'sat 19:00-23:00')]);
    const card = await w.channelPost('needs a sitter');
    expect((await w.ask('ana', 'swap', 'cancel', [opt.integer('id', 1)])).content).toContain('#1 is cancelled');
    const stale = await w.tap('ben', card, 'Volunteer');
    expect(stale.content).toContain('#1 is already cancelled');
    expect(stale.flags & EPHEMERAL).toBe(EPHEMERAL);
    const gone = w.standin.dispatchButton({ user: w.people.ben, customId: 'swap.volunteer?id=4242' });
    expect((await w.standin.waitForReply(gone.id)).content).toContain('There is no swap #4242');
    // A refusal leaves nothing behind, not even Ben's first visit.
    expect(w.balance('ben')).toBeUndefined();
    expect(w.balance('ana')).toBe(5 * H);
  });

  it("a member of another server sees only their own co-op", async () => {
    await w.ask('ana', 'swap', 'request', [opt.string('when', 'sat 19:00-23:00')]);
    const oak = w.standin.addGuild({ name: 'Oak Lane Co-op', channels: ['lobby'] });
    const olu = w.standin.addUser({ username: 'olu', globalName: 'Olu' });
    const there = await w.ask(olu, 'swap', 'volunteer', [opt.integer('id', 1)], { guildId: oak.id });
    expect(there.content).toContain('There is no swap #1 in this co-op');
    expect((await w.ask(olu, 'swap', 'list', [], { guildId: oak.id })).content).toContain('Nothing is open');
    const ours = w.store.coops.find('discord', w.guild.id);
    const theirs = w.store.coops.find('discord', oak.id);
    expect(theirs && ours && theirs.id !== ours.id).toBe(true);
    expect(w.store.members.find(ours?.id ?? 0, olu.id)).toBeUndefined();
  });

  it('a non-admin pressing or typing an admin action is refused; Manage Server and co-op admins may', async () => {
    await w.ask('ben', 'help');
    await w.ask('cleo', 'help');
    const refused = await w.ask('ben', 'credits', 'adjust', [opt.user('member', w.people.cleo), opt.string('amount', '+5'), opt.string('reason', 'please')]);
    expect(refused.content).toContain('Only co-op admins');
    expect(refused.flags & EPHEMERAL).toBe(EPHEMERAL);
    const pressed = w.standin.dispatchButton({ user: w.people.ben, customId: `coop.admin_add?member=${w.people.ben.id}` });
    expect((await w.standin.waitForReply(pressed.id)).content).toContain('Only co-op admins');

    // Ana has Manage Server: she may, and a group subcommand ("admin add") maps through.
    const added = await w.ask('ana', 'coop', 'add', [opt.user('member', w.people.ben)], { group: 'admin' });
    expect(added.content).toContain('Ben is now a co-op admin');
    const adjusted = await w.ask('ben', 'credits', 'adjust', [opt.user('member', w.people.cleo), opt.string('amount', '+1'), opt.string('reason', 'sat twice')]);
    expect(adjusted.content).not.toContain('Only co-op admins');
    expect(w.balance('cleo')).toBe(6 * H);
  });

  it('a slash command from a DM gets a friendly pointer to the server', async () => {
    const reply = await w.ask('ben', 'help', undefined, [], { dm: true });
    expect(reply).toMatchObject({ content: NOT_IN_GUILD, flags: EPHEMERAL });
    expect(w.store.coops.find('discord', w.standin.dmChannel(w.people.ben.id).id)).toBeUndefined();
  });

  it('a long list is split over several messages within Discord limits', async () => {
    for (let i = 0; i < 12; i += 1) await w.ask('ana', 'swap', 'offer', [opt.string('when', `sat ${String(8 + i).padStart(2, '0')}:00-${String(9 + i).padStart(2, '0')}:00`)]);
    const list = w.command('ben', 'swap', 'list');
    const first = await w.standin.waitForReply(list.id);
    const followUps = await w.standin.waitForCall((c) => c.interactionId === list.id && c.route === 'POST /webhooks/:app/:token' && (c.body as { embeds?: unknown[] }).embeds?.length === 2);
    expect(first.content).toContain('Open in this co-op');
    expect(first.embeds.length + buttonsOf(first).length).toBeGreaterThan(0);
    const pages = [first, ...w.standin.messages.filter((m) => m.interactionId === list.id && m.id !== first.id)];
    expect(pages.reduce((n, p) => n + p.embeds.length, 0)).toBe(12);
    for (const page of pages) {
      expect(page.components.length).toBeLessThanOrEqual(5);
      expect(page.flags & EPHEMERAL).toBe(EPHEMERAL);
    }
    expect(followUps.status).toBe(200);
  });
});
