import { describe, expect, it } from 'vitest';
import { createWorld } from '../jobs/world.ts';

// Held news goes stale: a volunteer's note held in a burst is not delivered once the parent has chosen, and the
// family is not asked "how did it go?" twice when the sitter has already asked.

describe('held news that the swap has overtaken', () => {
  it('a second volunteer’s note, held in a burst, is dropped once the parent has chosen', async () => {
    const w = createWorld(); // Wednesday 3 March 2027, 12:00 London
    await w.say('Ana', '/coop setup timezone:Europe/London');
    await w.say('Ana', '/swap request when:"sat 19:00-23:00"');
    await w.say('Ben', '/swap volunteer id:1');
    await w.say('Cat', '/swap volunteer id:1');
    expect(w.toldTo('Ana').map((m) => m.text.slice(0, 15))).toContain('Cat volunteered'); // held, a minute after Ben's
    expect(w.dmsTo('Ana').filter((n) => n.message.text.includes('Cat volunteered'))).toEqual([]);
    await w.say('Ana', '/swap choose id:1 member:@ben');
    await w.advanceUntil('2027-03-10T12:00:00Z');
    expect(w.dmsTo('Ana').filter((n) => n.message.text.includes('Cat volunteered'))).toEqual([]);
    expect(w.store.held.heldFor(w.memberId('Ana'))).toEqual([]);
  });

  it('a volunteer’s note still waiting while the request is open is delivered, a day before the sit at the latest', async () => {
    const w = createWorld();
    await w.say('Ana', '/coop setup timezone:Europe/London');
    await w.say('Ana', '/swap request when:"sat 19:00-23:00"');
    await w.say('Ben', '/swap volunteer id:1');
    await w.say('Cat', '/swap volunteer id:1');
    await w.advanceUntil('2027-03-06T19:00:00Z');
    const cat = w.dmsTo('Ana').filter((n) => n.message.text.includes('Cat volunteered'));
    expect(cat).toHaveLength(1);
    expect(cat[0]!.localTime).toBe('2027-03-05 19:00'); // Ana's week had no room: the day before the sit
    expect(cat[0]!.message.cards?.flatMap((c) => c.buttons ?? []).map((b) => b.label)).toContain('Choose Cat');
  });

  it('the family is asked once how the sit went: the sitter’s “it went ahead” replaces the end-of-sit question', async () => {
    const w = createWorld();
    await w.say('Ana', '/coop setup timezone:Europe/London');
    await w.say('Ana', '/swap request when:"sat 19:00-23:00"');
    await w.say('Ben', '/swap volunteer id:1');
    await w.say('Ana', '/swap choose id:1 member:@ben');
    await w.advanceUntil('2027-03-06T23:30:00Z'); // the question at the end waits for Ana's quiet hours
    await w.say('Ben', '/swap done id:1');
    await w.advanceUntil('2027-03-07T12:00:00Z');
    const asked = w.dmsTo('Ana').filter((n) => /went ahead|How did #1/.test(n.message.text));
    expect(asked.map((n) => n.message.text.slice(0, 19))).toEqual(['Ben says #1 went ah']);
  });
});
