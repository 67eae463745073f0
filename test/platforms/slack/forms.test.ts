// /swap request as a form: opened by a bare or unreadable command, field errors on submit, then posted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../standins/slack/index.ts';
import { GENERAL, startSlackWorld, textOf, type SlackWorld } from './world.ts';

describe.each(['socket', 'http'] as const)('Slack %s mode: the swap form', (mode) => {
  let world: SlackWorld;
  beforeEach(async () => {
    world = await startSlackWorld(mode);
  });
  afterEach(async () => {
    await world.close();
  });

  const opened = (seq: number) => world.standin.waitForCall('views.open', { afterSeq: seq });

  it('opens on a bare /swap request, refuses a bad field on the field, then posts a good one', async () => {
    const { standin } = world;
    const ack = await world.command('ben', '/swap', 'request');
    expect(ack.payload ?? {}).toEqual({});
    const form = await opened(0);
    expect(form.response).toMatchObject({ ok: true });
    const view = form.body.view as { blocks: { block_id?: string; optional?: boolean }[]; title: { text: string } };
    expect(view.title.text).toBe('Ask for a sitter');
    // The day and times are picked, or typed in `when` (so the typed field itself may stay empty).
    expect(view.blocks.map((b) => b.block_id)).toEqual(['when_day', 'when_from', 'when_until', 'when', 'kids', 'note']);
    expect(view.blocks.find((b) => b.block_id === 'when')?.optional).toBe(true);

    const badKids = await world.submit('ben', form, { when: 'sat 19:00-23:00', kids: '40' });
    expect(badKids.payload).toMatchObject({ response_action: 'errors', errors: { kids: expect.stringMatching(/1 to 12/) } });

    const badWhen = await world.submit('ben', form, { when: 'next blursday', kids: '2' });
    expect(badWhen.payload).toMatchObject({ response_action: 'errors', errors: { when: expect.stringMatching(/couldn't read that time/) } });
    expect(world.balance('ben')).toBeUndefined(); // a refusal leaves nothing behind, not even his joining
    expect(standin.callsOf('chat.postMessage')).toHaveLength(0);

    const good = await world.submit('ben', form, { when: 'sat 19:00-23:00', kids: '2', note: 'bath & bed' });
    expect(good.payload).toMatchObject({ response_action: 'update', view: { type: 'modal' } });
    expect(JSON.stringify(good.payload)).toMatch(/Posted #1 for Sat/);
    const post = await standin.waitForCall((c) => c.method === 'chat.postMessage' && c.body.channel === GENERAL); // never set up: the channel the co-op was used in
    expect(textOf(post)).toContain('bath &amp; bed');

    // The same submission delivered again posts nothing more.
    const again = await world.redeliver(good);
    expect(again.payload).toMatchObject({ response_action: 'update' });
    await world.relay.drain();
    expect(standin.callsOf('chat.postMessage').filter((c) => c.body.channel === GENERAL)).toHaveLength(1);
  });

  it('opens prefilled, with the reason on top, when `when:` cannot be read', async () => {
    await world.command('ben', '/swap', 'request when:"someday soon" kids:3');
    const form: RecordedCall = await opened(0);
    const text = JSON.stringify(form.body.view);
    expect(text).toContain("couldn't read that time");
    expect(text).toContain('"initial_value":"someday soon"');
    expect(text).toContain('"initial_value":"3"');
    expect(world.standin.callsOf('response_url')).toHaveLength(0);
  });

  it('answers in text when the trigger expired before the form could open', async () => {
    const held = world.standin.faults.hold('views.open');
    const acked = world.command('ben', '/swap', 'request');
    await held.arrived;
    world.standin.expireTriggers();
    held.release();
    await acked;
    const answer = await world.standin.waitForCall('response_url');
    expect(textOf(answer)).toContain('Add `when:` — like `/swap request when:');
    expect(world.standin.callsOf('views.open').map((c) => c.response.error)).toContain('expired_trigger_id');
  });
});
