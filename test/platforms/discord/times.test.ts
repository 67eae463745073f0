import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { opt } from '../../standins/discord/index.ts';
import { startDiscordWorld, type DiscordWorld } from './world.ts';

// Times each reader sees in their own zone: a public card's time is Discord timestamp markup, not a clock in
// somebody else's zone.

describe('Discord: times in each reader’s zone', () => {
  let w: DiscordWorld;
  beforeEach(async () => {
    w = await startDiscordWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  it('a Paris member’s request shows its time as <t:…> markup in the channel, and in her own zone in her answer', async () => {
    await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London')]);
    await w.ask('ben', 'profile', undefined, [opt.string('timezone', 'Europe/Paris')]);
    const answer = await w.ask('ben', 'swap', 'request', [opt.string('when', 'sat 20:00-23:00')]);
    expect(answer.content).toContain('Sat 28 Nov, 20:00–23:00 Paris time');
    const card = await w.channelPost('needs a sitter');
    const start = Date.parse('2026-11-28T19:00:00Z') / 1000;
    expect((card.embeds[0]?.fields as unknown[] | undefined)?.[0]).toEqual({ name: 'When', value: `<t:${start}:F>–<t:${start + 3 * 3600}:t>`, inline: true });
  });
});
