import { LimitedCollection } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../../src/platforms/discord/client.ts';
import { isWelcome } from '../../contract/driver.ts';
import { opt } from '../../standins/discord/index.ts';
import { buttonsOf, startDiscordWorld, textOf, type DiscordWorld } from './world.ts';

const H = 60;
const EPHEMERAL = 64;

describe('Discord: a whole swap by three members, through the real discord.js client', () => {
  let w: DiscordWorld;
  beforeEach(async () => {
    w = await startDiscordWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  it('request → volunteer (button) → choose (DM button) → done (buttons): callbacks, posts, DMs, balances', async () => {
    const setup = await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London')]);
    expect(setup.content).toContain('All set');
    expect(setup.flags & EPHEMERAL).toBe(EPHEMERAL);

    const request = w.command('ana', 'swap', 'request', [opt.string('when', 'sat 19:00-23:00'), opt.integer('kids', 2), opt.string('note', 'bath & bed')]);
    // Answered directly: one callback of type 4 (a message), ephemeral, with the quote.
    const callback = await w.standin.waitForResponse(request.id);
    expect(callback.type).toBe(4);
    expect(callback.data).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/^Posted #1 for Sat 28 Nov/) });

    const card = await w.channelPost('needs a sitter');
    expect(textOf(card)).toContain('bath & bed');
    expect(textOf(card)).toContain('Pays: 6 h of credit');
    expect(buttonsOf(card)).toEqual([
      { label: 'Volunteer', customId: 'swap.volunteer?id=1' },
      { label: 'Cancel', customId: 'swap.cancel?id=1' },
    ]);

    const benVolunteers = await w.tap('ben', card, 'Volunteer');
    expect(benVolunteers.content).toContain("I've told Ana");
    expect(benVolunteers.flags & EPHEMERAL).toBe(EPHEMERAL);
    const choices = await w.dm('ana', 'Ben volunteered');
    const choose = buttonsOf(choices);
    // Unprompted news: it carries the one-tap way to a quieter week.
    expect(choose.map((b) => b.label)).toEqual(['Choose Ben', 'Quiet for a week']);
    // A DM has no guild: its buttons name the co-op.
    expect(choose[0]?.customId).toBe(`${w.guild.id}/swap.choose?id=1&member=${w.people.ben.id}`);
    expect(choose[1]?.customId).toMatch(new RegExp(`^${w.guild.id}/profile`));

    // A second volunteer within the hour: Ana's note of it waits (a burst) rather than following at once.
    expect((await w.tap('cleo', card, 'Volunteer')).content).toContain("I've told Ana");
    await w.relay.drain();
    expect(w.dms('ana').map(textOf).filter((t) => t.includes('volunteered'))).toEqual([textOf(choices)]);

    const chosen = w.press('ana', choices, 'Choose Ben');
    expect((await w.standin.waitForResponse(chosen.id)).type).toBe(5); // deferred: the member is fetched first
    expect((await w.standin.waitForReply(chosen.id)).content).toContain('Ben is sitting #1');
    await w.dm('ben', 'chose you');
    await w.dm('cleo', 'found a sitter');
    const taken = await w.channelPost('is taken');
    expect(buttonsOf(taken).map((b) => b.label)).toEqual(['Cancel', 'Done']);

    w.clock.set(Date.parse('2026-11-28T23:30:00Z'));
    expect((await w.tap('ben', taken, 'Done')).content).toContain('asked the family to confirm');
    await w.advanceTo('2026-11-29T08:00:00Z'); // the question waits for the end of Ana's quiet hours
    const confirm = await w.dm('ana', 'went ahead');
    expect(textOf(confirm)).not.toContain('Cleo volunteered'); // nothing stale rides along with it
    const happened = w.press('ana', confirm, 'It happened');
    expect((await w.standin.waitForReply(happened.id)).content).toContain('#1 is settled: 6 h of credit went from your family to Ben.');
    await w.dm('ben', '6 h of credit came to your family');
    expect([w.balance('ana'), w.balance('ben'), w.balance('cleo')]).toEqual([-1 * H, 11 * H, 5 * H]);

    await w.relay.drain();
    expect(w.channelPosts().map(textOf).filter((t) => t.includes('#1'))).toHaveLength(2);
    expect(w.dms('cleo').map((m) => m.content).filter((t) => !isWelcome(t))).toEqual([expect.stringContaining('found a sitter')]);
    // Cleo's volunteering never reached Ana as a message of its own: held in the burst, it could only ride along.
    expect(w.dms('ana').map(textOf).filter((t) => t.startsWith('Cleo volunteered'))).toEqual([]);
    // Nobody was pinged by accident: every post allows no @everyone, no roles.
    const posts = w.standin.calls.filter((c) => c.route === 'POST /channels/:channelId/messages');
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) expect(post.body).toMatchObject({ allowed_mentions: { parse: [] } });
  });

  it('autocomplete offers the open swaps a member can act on', async () => {
    await w.ask('ana', 'swap', 'request', [opt.string('when', 'sat 19:00-23:00')]);
    await w.ask('ben', 'swap', 'offer', [opt.string('when', 'fri 18:00-22:00')]);
    const typing = w.standin.dispatchAutocomplete({
      user: w.people.cleo,
      name: 'swap',
      subcommand: 'volunteer',
      options: [{ type: 'integer', name: 'id', value: '' }],
      focused: 'id',
    });
    const response = await w.standin.waitForResponse(typing.id);
    expect(response).toEqual({ type: 8, data: { choices: [{ name: expect.stringMatching(/^#1 · Ana needs a sitter · Sat 28 Nov/), value: 1 }] } });
    const booking = w.standin.dispatchAutocomplete({
      user: w.people.cleo,
      name: 'swap',
      subcommand: 'book',
      options: [{ type: 'integer', name: 'id', value: '2' }],
      focused: 'id',
    });
    expect(await w.standin.waitForResponse(booking.id)).toEqual({ type: 8, data: { choices: [{ name: expect.stringContaining('#2 · Ben can sit'), value: 2 }] } });
  });

  it('asks the gateway for the Guilds intent only (no privileged intents), and keeps message caches off', async () => {
    const identify = await w.standin.waitForGatewayFrame((f) => f.direction === 'in' && f.op === 2);
    expect(identify.d).toMatchObject({ intents: 1 });
    const client = createClient({ apiUrl: w.standin.apiUrl });
    const cache = client.options.makeCache?.({ name: 'MessageManager' } as never, {} as never, {} as never);
    expect(cache).toBeInstanceOf(LimitedCollection);
    expect((cache as LimitedCollection<string, unknown>).maxSize).toBe(0);
    await client.destroy();
  });
});
