import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.ts';
import { isWelcome } from '../../contract/driver.ts';
import { opt } from '../../standins/discord/index.ts';
import { buttonsOf, startDiscordWorld, type DiscordWorld } from './world.ts';

const H = 60;
/** Outbox rows other than the welcomes (each member's first command sends one). */
const NOT_WELCOME = "(dedupe_key IS NULL OR dedupe_key NOT LIKE 'welcome:%')";

/** Ana asks, Ben volunteers and is chosen; the sit is over at 23:30. */
async function acceptedSwap(w: DiscordWorld) {
  await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London')]);
  await w.ask('ana', 'swap', 'request', [opt.string('when', 'sat 19:00-23:00')]);
  await w.ask('ben', 'swap', 'volunteer', [opt.integer('id', 1)]);
  await w.ask('ana', 'swap', 'choose', [opt.integer('id', 1), opt.user('member', w.people.ben)]);
  const taken = await w.channelPost('is taken');
  w.clock.set(Date.parse('2026-11-28T23:30:00Z'));
  return taken;
}

describe('Discord delivery: double clicks, repeats, rate limits, refused DMs, restarts', () => {
  let w: DiscordWorld;
  afterEach(async () => {
    await w.close();
  });

  it('a double click (two interactions on one button, at once) moves the credits once', async () => {
    w = await startDiscordWorld();
    const taken = await acceptedSwap(w);
    const first = w.press('ana', taken, 'Done');
    const second = w.press('ana', taken, 'Done');
    expect(first.id).not.toBe(second.id);
    const answers = [(await w.standin.waitForReply(first.id)).content, (await w.standin.waitForReply(second.id)).content];
    expect(answers).toEqual([expect.stringContaining('#1 is settled: 4 h of credit went from your family to Ben.'), expect.stringContaining('#1 is already completed')]);
    expect([w.balance('ana'), w.balance('ben')]).toEqual([1 * H, 9 * H]);
    await w.advanceTo('2026-11-29T08:00:00Z'); // Ben hears of the credit once his quiet hours are over
    expect(w.dms('ben').filter((m) => m.content.includes('came to your family'))).toHaveLength(1);
    expect(w.store.db.prepare("SELECT COUNT(*) AS n FROM transfers WHERE kind = 'swap'").get()).toEqual({ n: 1 });
  });

  it('a double click on Volunteer volunteers once and tells the parent once', async () => {
    w = await startDiscordWorld();
    await w.ask('ana', 'swap', 'request', [opt.string('when', 'sat 19:00-23:00')]);
    const card = await w.channelPost('needs a sitter');
    const clicks = [w.press('ben', card, 'Volunteer'), w.press('ben', card, 'Volunteer')];
    const answers = await Promise.all(clicks.map(async (c) => (await w.standin.waitForReply(c.id)).content));
    expect(answers).toEqual([expect.stringContaining("I've told Ana"), expect.stringContaining("You've already volunteered for #1")]);
    await w.relay.drain();
    expect(w.dms('ana').filter((m) => m.content.includes('Ben volunteered'))).toHaveLength(1);
  });

  it('the same interaction delivered twice runs once (its id is the idempotency key); the repeat is not answered twice', async () => {
    w = await startDiscordWorld();
    await w.ask('ben', 'help');
    await w.ask('ana', 'credits', 'adjust', [opt.user('member', w.people.ana), opt.string('amount', '+1'), opt.string('reason', 'earned')]);
    // A gift is not naturally idempotent: only the key keeps a replayed delivery from giving twice.
    const gift = w.command('ana', 'credits', 'give', [opt.user('member', w.people.ben), opt.string('amount', '1')]);
    expect((await w.standin.waitForReply(gift.id)).content).toContain('Ben');
    const from = w.standin.mark();
    w.standin.redispatch(gift);
    const repeat = await w.standin.waitForCall((c) => c.interactionId === gift.id && c.status === 400, { from });
    expect(repeat.route).toBe('POST /interactions/:id/:token/callback');
    expect([w.balance('ana'), w.balance('ben')]).toEqual([5 * H, 6 * H]); // +1 earned, 1 given, once
    // No apology follows: the repeat is dropped quietly.
    await w.relay.drain();
    expect(w.standin.calls.filter((c) => c.interactionId === gift.id && c.route === 'POST /webhooks/:app/:token')).toEqual([]);
  });

  it('a DM answered 429 with Retry-After is waited out and delivered once', async () => {
    w = await startDiscordWorld();
    await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London')]);
    await w.ask('ana', 'swap', 'request', [opt.string('when', 'sat 19:00-23:00')]);
    await w.ask('ben', 'help'); // Ben's welcome goes first, outside what this test counts
    await w.relay.drain();
    const from = w.standin.mark();
    w.standin.rateLimit('POST /channels/:id/messages', { retryAfterMs: 40 });
    await w.ask('ben', 'swap', 'volunteer', [opt.integer('id', 1)]);
    const dm = await w.dm('ana', 'Ben volunteered');
    expect(buttonsOf(dm).map((b) => b.label)).toEqual(['Choose Ben', 'Quiet for a week']);
    const posts = w.standin.calls.slice(from).filter((c) => c.route === 'POST /channels/:channelId/messages');
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    await w.relay.drain();
    expect(w.dms('ana').filter((m) => !isWelcome(m.content))).toHaveLength(1);
    expect(w.store.db.prepare(`SELECT status, COUNT(*) AS n FROM outbox WHERE ${NOT_WELCOME} GROUP BY status`).all()).toEqual([{ status: 'sent', n: 2 }]);
  });

  it('a member who refuses DMs (50007) is mentioned in the co-op channel instead; the ledger keeps the sit', async () => {
    w = await startDiscordWorld();
    const taken = await acceptedSwap(w);
    await w.relay.drain();
    w.standin.refuseDms(w.people.ben.id);
    expect((await w.tap('ana', taken, 'Done')).content).toContain('#1 is settled: 4 h of credit went from your family to Ben.');
    await w.advanceTo('2026-11-29T08:00:00Z'); // Ben's note of the credit waits for the end of his quiet hours
    const mention = await w.channelPost(`<@${w.people.ben.id}>`);
    expect(mention.content).toContain("couldn't send you a private message");
    expect(mention.content).not.toContain('4 h'); // nothing private in the channel
    const post = w.standin.calls.find((c) => c.path === `/channels/${w.general.id}/messages` && JSON.stringify(c.body).includes(`<@${w.people.ben.id}>`));
    expect(post?.body).toMatchObject({ allowed_mentions: { parse: [], users: [w.people.ben.id] } });
    expect([w.balance('ana'), w.balance('ben')]).toEqual([1 * H, 9 * H]);
    const failed = w.store.db.prepare("SELECT last_error FROM outbox WHERE status = 'failed'").all();
    expect(failed).toEqual([{ last_error: 'DMs refused (50007)' }]);
  });

  it('after a restart on the same database, a button on a message from before still works', async () => {
    w = await startDiscordWorld({ file: true });
    await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London')]);
    await w.ask('ana', 'swap', 'request', [opt.string('when', 'sat 19:00-23:00')]);
    const card = await w.channelPost('needs a sitter');
    await w.restart();
    const volunteered = await w.tap('ben', card, 'Volunteer');
    expect(volunteered.content).toContain("I've told Ana you can sit #1");
    const dm = await w.dm('ana', 'Ben volunteered');
    // …and so does a DM button sent before a second restart.
    await w.restart();
    expect(await w.tap('ana', dm, 'Choose Ben')).toMatchObject({ content: expect.stringContaining('Ben is sitting #1') });
    expect(w.store.swaps.findByNumber(w.store.coops.find('discord', w.guild.id)?.id ?? 0, 1)?.status).toBe('accepted');
  });

  it('a failing answer is caught by the one error boundary: logged without any token, and apologised for', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    w = await startDiscordWorld({ log: createLogger('debug', sink) });
    w.standin.fail('POST /interactions/:id/:token/callback', { status: 500, code: 0, message: 'Internal Server Error', times: 2 });
    const asked = w.command('ben', 'help');
    const apology = await w.standin.waitForReply(asked.id);
    // /help ran; only its answer was lost, so the apology does not claim that nothing changed.
    expect(apology.content).toContain("Sorry, I couldn't show you my answer");
    const log = lines.join('');
    expect(log).toContain('discord interaction failed');
    expect(log).not.toContain(w.standin.token);
    expect(log).not.toContain(asked.token);
  });

  it("a post the co-op's channel refuses (50013) goes to a channel the bot may use, and the card is not lost", async () => {
    w = await startDiscordWorld();
    const notices = w.standin.addChannel(w.guild.id, 'notices');
    const setup = await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London'), opt.channel('channel', notices.id)]);
    expect(setup.content).toContain(`<#${notices.id}>`);
    w.standin.fail(({ method, path }) => method === 'POST' && path === `/channels/${notices.id}/messages`, { status: 403, code: 50013, message: 'Missing Permissions' });
    await w.ask('ana', 'swap', 'request', [opt.string('when', 'sat 19:00-23:00')]);
    const card = await w.channelPost('needs a sitter');
    expect(buttonsOf(card).map((b) => b.label)).toContain('Volunteer');
    await w.relay.drain();
    expect(w.store.db.prepare(`SELECT status FROM outbox WHERE ${NOT_WELCOME}`).all()).toEqual([{ status: 'sent' }]);
  });
});
