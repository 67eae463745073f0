import { describe, expect, it } from 'vitest';
import { renderLines } from '../../src/platforms/console/render.ts';
import { whenText, zoneName } from '../../src/messages/times.ts';
import { createHarness } from '../support/harness.ts';

// Times read in each reader's own zone: the channel card carries the sit's instants (Discord and Slack show each
// reader their local time) and the co-op's clock as text; a private line is in the reader's zone, named when it is
// not the co-op's.

const SAT_10_PARIS = Date.parse('2026-11-28T09:00:00Z');
const H = 3_600_000;

describe('times in the reader’s zone', () => {
  it('names a zone the way people say it', () => {
    expect(['Europe/Paris', 'America/New_York', 'America/Argentina/Buenos_Aires', 'UTC'].map(zoneName)).toEqual(['Paris', 'New York', 'Buenos Aires', 'UTC']);
    const view = { timezone: 'Europe/Paris', coopTimezone: 'Europe/London' };
    expect(whenText(SAT_10_PARIS, SAT_10_PARIS + 2 * H, view)).toBe('Sat 28 Nov, 10:00–12:00 Paris time');
    expect(whenText(SAT_10_PARIS, SAT_10_PARIS + 2 * H, { ...view, timezone: 'Europe/London' })).toBe('Sat 28 Nov, 09:00–11:00');
  });

  it('a Paris host in a London co-op: the channel card has the instants and the co-op clock; her own lines say Paris', async () => {
    const h = createHarness();
    h.run('Ana', '/coop setup timezone:Europe/London');
    h.run('Pia', '/profile timezone:Europe/Paris');
    const posted = h.run('Pia', '/swap session when:"sat 10:00-12:00" capacity:2');
    expect(posted.text).toContain('Sat 28 Nov, 10:00–12:00 Paris time');
    await h.deliver();
    const post = h.sent.find((n) => n.destination.kind === 'channel');
    const when = post?.message.cards?.[0]?.fields?.[0];
    expect(when).toEqual({ label: 'When', value: 'Sat 28 Nov, 09:00–11:00', time: { startsAt: SAT_10_PARIS, endsAt: SAT_10_PARIS + 2 * H } });
    // The console shows the text; its reader in London sees the co-op's clock, unnamed.
    expect(renderLines(post?.message ?? { text: '' })).toContain('  When: Sat 28 Nov, 09:00–11:00 · Seats: 2 kids · Per kid: 2 h of credit');
    // A London member's list is the co-op clock; Pia's is her own, named.
    expect(h.run('Ana', '/swap list').cards?.[0]?.fields?.[0]?.value).toBe('Sat 28 Nov, 09:00–11:00');
    expect(h.run('Pia', '/swap list').cards?.[0]?.fields?.[0]?.value).toBe('Sat 28 Nov, 10:00–12:00 Paris time');
  });
});
