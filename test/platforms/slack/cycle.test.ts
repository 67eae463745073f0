// The whole request → volunteer → choose → done cycle by three members, through the real Bolt app, in both modes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../standins/slack/index.ts';
import { buttonsOf, COOP_CHANNEL, PEOPLE, startSlackWorld, textOf, type SlackWorld } from './world.ts';

const H = 60; // credit-minutes per hour

describe.each(['socket', 'http'] as const)('Slack %s mode: a swap from request to done', (mode) => {
  let world: SlackWorld;
  beforeEach(async () => {
    world = await startSlackWorld(mode);
  });
  afterEach(async () => {
    await world.close();
  });

  const answerAfter = (seq: number) => world.standin.waitForCall('response_url', { afterSeq: seq });
  const postTo = (channel: string, contains: string, seq = 0) =>
    world.standin.waitForCall(
      (c: RecordedCall) => c.method === 'chat.postMessage' && c.response.channel === channel && textOf(c).includes(contains),
      { afterSeq: seq },
    );
  const dm = (who: keyof typeof PEOPLE, contains: string, seq = 0) => postTo(world.standin.dmChannelId(PEOPLE[who].id), contains, seq);

  it('acks, posts to the co-op channel, answers privately, DMs, and moves the credits once', async () => {
    const { standin } = world;
    let mark = standin.lastSeq;
    const setup = await world.command('ana', '/coop', `setup timezone:Europe/London channel:<#${COOP_CHANNEL}|coop>`);
    expect(setup.status).toBe(200);
    expect(setup.payload ?? {}).toEqual({}); // a bare ack: the answer comes on the response_url
    const setupAnswer = await answerAfter(mark);
    expect(setupAnswer.body).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(setupAnswer)).toContain(`<#${COOP_CHANNEL}>`);

    mark = standin.lastSeq;
    await world.command('ana', '/swap', 'request when:"sat 19:00-23:00" kids:2 note:"two sleepy toddlers & a cat"');
    expect(textOf(await answerAfter(mark))).toMatch(/Posted #1 for Sat/);
    const posted = await postTo(COOP_CHANNEL, 'Volunteer', mark);
    expect(textOf(posted)).toContain('two sleepy toddlers &amp; a cat');
    expect(textOf(posted)).toContain('6 h');

    mark = standin.lastSeq;
    await world.press('ben', posted, 'Volunteer');
    expect(textOf(await answerAfter(mark))).toContain("I've told Ana");
    const choices = await dm('ana', 'Choose Ben', mark);
    // Unprompted news: it carries the one-tap way to a quieter week.
    expect(buttonsOf(choices).map((b) => b.label)).toEqual(['Choose Ben', 'Quiet for a week']);
    expect(standin.callsOf('conversations.open').map((c) => c.body.users)).toContain(PEOPLE.ana.id);

    // A second volunteer within the hour: Ana's note of it waits (a burst) rather than following at once.
    mark = standin.lastSeq;
    await world.press('cleo', posted, 'Volunteer');
    expect(textOf(await answerAfter(mark))).toContain("I've told Ana");
    await world.relay.drain();
    const toAna = (c: RecordedCall) => c.seq > mark && c.method === 'chat.postMessage' && c.response.channel === standin.dmChannelId(PEOPLE.ana.id);
    expect(standin.calls.filter(toAna)).toEqual([]);

    mark = standin.lastSeq;
    await world.press('ana', choices, 'Choose Ben');
    expect(textOf(await answerAfter(mark))).toContain('Ben is sitting #1');
    await dm('ben', 'chose you', mark);
    await dm('cleo', 'found a sitter', mark);
    const taken = await postTo(COOP_CHANNEL, 'is taken', mark);

    world.clock.set(Date.parse('2026-11-28T23:30:00Z'));
    mark = standin.lastSeq;
    await world.press('ben', taken, 'Done');
    expect(textOf(await answerAfter(mark))).toContain('asked the family to confirm');
    await world.advanceTo('2026-11-29T08:00:00Z'); // the question waits for the end of Ana's quiet hours
    const confirm = await dm('ana', 'went ahead', mark);
    expect(world.balance('ben')).toBe(5 * H);

    mark = standin.lastSeq;
    const happened = await world.press('ana', confirm, 'It happened');
    expect(textOf(await answerAfter(mark))).toContain('#1 is settled: 6 h of credit went from your family to Ben.');
    await dm('ben', '6 h of credit came to your family', mark);
    expect([world.balance('ana'), world.balance('ben'), world.balance('cleo')]).toEqual([-1 * H, 11 * H, 5 * H]);

    // Slack delivers the same press again (no ack seen): one effect, the same answer.
    mark = standin.lastSeq;
    const again = await world.redeliver(happened);
    expect(again.status).toBe(200);
    expect(textOf(await answerAfter(mark))).toContain('#1 is settled: 6 h of credit went from your family to Ben.');
    expect([world.balance('ana'), world.balance('ben')]).toEqual([-1 * H, 11 * H]);

    // Every message the app sent stayed inside Block Kit's limits and went out with the bot token.
    for (const call of standin.calls) {
      if (call.method !== 'response_url' && call.method !== 'apps.connections.open') expect(call.token).toBe(standin.identity.botToken);
      expect(call.status).toBe(200);
    }
  });
});
