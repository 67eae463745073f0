// Re-deliveries have one effect; HTTP mode refuses forged or stale requests; a 429 is waited out by the relay.
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../standins/slack/index.ts';
import { COOP_CHANNEL, GENERAL, PEOPLE, startSlackWorld, textOf, type SlackWorld } from './world.ts';

const H = 60;
let world: SlackWorld;
afterEach(async () => {
  await world.close();
});

const answers = (w: SlackWorld) => w.standin.callsOf('response_url');
const posted = (w: SlackWorld, contains: string) =>
  w.standin.waitForCall((c: RecordedCall) => c.method === 'chat.postMessage' && c.status === 200 && textOf(c).includes(contains));

describe.each(['socket', 'http'] as const)('Slack %s mode: re-deliveries', (mode) => {
  it('acks before any work: the ack arrives while the member lookup is still held', async () => {
    world = await startSlackWorld(mode);
    const held = world.standin.faults.hold('users.info');
    const acked = await world.command('ben', '/credits', 'balance');
    expect(acked.status).toBe(200);
    await held.arrived;
    expect(world.standin.callsOf('response_url')).toHaveLength(0);
    held.release();
    expect(textOf(await world.standin.waitForCall('response_url'))).toContain('5 h');
  });

  it('runs a slash command delivered twice once, and answers both times', async () => {
    world = await startSlackWorld(mode);
    await world.ask('ben', '/help', '');
    await world.ask('ana', '/credits', `adjust member:<@${PEOPLE.ana.id}|ana> amount:+1.5 reason:earned`);
    const first = await world.command('ana', '/credits', `give member:<@${PEOPLE.ben.id}|ben> amount:1.5 note:"thanks!"`);
    const gave = await world.standin.waitForCall((c) => c.method === 'response_url' && c.url === first.sent.response_url);
    expect(textOf(gave)).toContain('1.5 h');
    const again = await world.redeliver(first);
    expect(again.status).toBe(200);
    const [, , replayed] = await world.standin.waitForCalls('response_url', 3);
    expect(textOf(replayed)).toBe(textOf(gave));
    await world.relay.drain();
    expect(world.standin.callsOf('chat.postMessage').filter((c) => textOf(c).includes('gave your family'))).toHaveLength(1);
    expect([world.balance('ana'), world.balance('ben')]).toEqual([5 * H, 6.5 * H]);
    if (mode === 'socket') expect(world.standin.socket.envelopes.map((e) => e.retry_attempt)).toEqual([0, 0, 0, 1]);
  });

  it('runs a button press delivered twice once', async () => {
    world = await startSlackWorld(mode, { start: '2026-11-22T12:00:00Z' });
    await world.ask('ana', '/swap', 'request when:"sat 19:00-23:00" kids:1');
    await world.ask('ben', '/swap', 'volunteer id:1');
    await world.ask('ana', '/swap', `choose id:1 member:<@${PEOPLE.ben.id}>`);
    const taken = await posted(world, 'is taken');
    world.clock.set(Date.parse('2026-11-29T09:00:00Z'));
    const press = await world.press('ana', taken, 'Done');
    await world.redeliver(press);
    const done = (await world.standin.waitForCalls('response_url', 5)).slice(3);
    expect(done.map(textOf)).toEqual([textOf(done[0]), textOf(done[0])]);
    expect(textOf(done[0])).toContain('#1 is settled: 4 h of credit went from your family to Ben.');
    expect([world.balance('ana'), world.balance('ben')]).toEqual([1 * H, 9 * H]);
    expect(world.standin.callsOf('chat.postMessage').filter((c) => textOf(c).includes('came to your family'))).toHaveLength(1);
  });

  it('waits out a 429 on chat.postMessage and then delivers', async () => {
    world = await startSlackWorld(mode);
    await world.ask('ana', '/help', ''); // her welcome goes first, outside what this test counts
    await world.relay.drain();
    const before = world.standin.callsOf('chat.postMessage').length;
    const mark = world.standin.lastSeq;
    world.standin.faults.rateLimit('chat.postMessage', { retryAfterSeconds: 7 });
    await world.command('ana', '/swap', 'offer when:"fri 18:00-22:00" kids:2');
    const limited = await world.standin.waitForCall('chat.postMessage', { afterSeq: mark });
    expect(limited.status).toBe(429);
    await world.relay.drain();
    expect(world.standin.callsOf('chat.postMessage')).toHaveLength(before + 1); // not before Retry-After has passed

    world.clock.set(world.clock.now() + 6_999);
    await world.relay.drain();
    expect(world.standin.callsOf('chat.postMessage')).toHaveLength(before + 1);
    world.clock.set(world.clock.now() + 1);
    await world.relay.drain();
    const delivered = await posted(world, 'can sit');
    expect(delivered.body.channel).toBe(GENERAL);
    expect(delivered.seq).toBeGreaterThan(limited.seq);
  });
});

describe('Slack admins', () => {
  it('treats workspace admins and owners as admins, asks users.info once, and refuses the others privately', async () => {
    world = await startSlackWorld('socket');
    expect(textOf(await world.ask('ben', '/coop', 'setup timezone:Europe/Paris'))).toContain('Only co-op admins');
    await world.ask('ben', '/help', '');
    expect(textOf(await world.ask('olu', '/coop', `setup timezone:Europe/Paris channel:<#${COOP_CHANNEL}|coop>`))).toContain('All set');
    expect(textOf(await world.ask('olu', '/coop', `admin add member:<@${PEOPLE.ben.id}|ben>`))).toContain('Ben is now a co-op admin');
    expect(textOf(await world.ask('ben', '/coop', 'rules name:cap value:30'))).toContain('`cap` is now 30 h');
    await posted(world, 'changed a co-op rule: the most a family may bank is now 30 h');
    expect(world.standin.callsOf('users.info').map((c) => c.body.user).sort()).toEqual([PEOPLE.ben.id, PEOPLE.olu.id]);
    expect(answers(world).every((c) => c.body.response_type === 'ephemeral')).toBe(true);
  });
});

describe('Slack HTTP mode: request checks', () => {
  it('refuses a bad signature and a timestamp more than 5 minutes off, either way, with 401 and no effect', async () => {
    world = await startSlackWorld('http');
    const cases = [{ badSignature: true }, { timestampOffsetSeconds: -301 }, { timestampOffsetSeconds: 301 }, { timestampOffsetSeconds: 3600 }];
    for (const signing of cases) {
      const result = await world.command('ana', '/credits', `give member:<@${PEOPLE.ben.id}> amount:1`, { signing });
      expect(result.status, JSON.stringify(signing)).toBe(401);
    }
    expect(world.standin.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(world.store.coops.find('slack', 'T0STANDIN')).toBeUndefined();

    const fine = await world.command('ana', '/credits', 'balance', { signing: { timestampOffsetSeconds: 290 } });
    expect(fine.status).toBe(200);
    expect(textOf(await world.standin.waitForCall('response_url'))).toContain('5 h');
  });
});

describe('Slack commands the app does not know', () => {
  it('acks and says what exists', async () => {
    world = await startSlackWorld('socket');
    expect(textOf(await world.ask('ben', '/breathe', 'now'))).toContain("I don't know `/breathe`");
    expect(textOf(await world.ask('ben', '/swap', 'teleport id:1'))).toContain('/swap request');
  });
});
