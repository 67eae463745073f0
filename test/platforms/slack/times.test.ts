import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../standins/slack/index.ts';
import { COOP_CHANNEL, startSlackWorld, textOf, type SlackWorld } from './world.ts';

// Times each reader sees in their own zone: a public card's time is Slack date markup, with the co-op's clock as
// the fallback text.

describe('Slack: times in each reader’s zone', () => {
  let world: SlackWorld;
  beforeEach(async () => {
    world = await startSlackWorld('socket');
  });
  afterEach(async () => {
    await world.close();
  });

  it('a request card shows its time as <!date> markup, falling back to the co-op’s clock', async () => {
    await world.ask('ana', '/coop', `setup timezone:Europe/London channel:<#${COOP_CHANNEL}|coop>`);
    await world.ask('ben', '/profile', 'timezone:Europe/Paris');
    const answer = await world.ask('ben', '/swap', 'request when:"sat 20:00-23:00"');
    expect(textOf(answer)).toContain('Sat 28 Nov, 20:00–23:00 Paris time');
    const card = await world.standin.waitForCall((c: RecordedCall) => c.method === 'chat.postMessage' && c.body.channel === COOP_CHANNEL && textOf(c).includes('needs a sitter'));
    const start = Date.parse('2026-11-28T19:00:00Z') / 1000;
    expect(textOf(card)).toContain(`*When*\n<!date^${start}^{date_short_pretty} {time}|Sat 28 Nov, 19:00>–<!date^${start + 3 * 3600}^{time}|22:00>`);
  });
});
