import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action-codec.ts';
import type { Attachment, Reply } from '../../src/core/types.ts';
import { createHarness } from '../support/harness.ts';
import { createWorld, type World } from '../jobs/world.ts';

// Issue 10 wired into the commands: an unclear `when:` is a question with a button per reading (never a guess), the
// co-op's date order, a guessed reading that says so, and calendars that follow a sit called off.

const buttons = (r: Reply) => (r.cards ?? []).flatMap((c) => (c.buttons ?? []).map((b) => ({ label: b.label, id: encodeAction(b.action) })));

/** Presses a button the way every adapter does: the action is the command. */
function press(h: ReturnType<typeof createHarness>, who: string, id: string): Reply {
  const [head = '', query = ''] = id.split('?');
  const [, sub = ''] = head.split('.');
  const options = Object.fromEntries(new URLSearchParams(query));
  return h.run(who, `/swap ${sub} ${Object.entries(options).map(([k, v]) => `${k}:"${v}"`).join(' ')}`);
}

describe('an unclear when: is a question', () => {
  it('asks which was meant, posts exactly the one pressed, and keeps the kids and the note', () => {
    const h = createHarness({ start: '2026-11-22T12:00:00Z' }); // a Sunday
    h.run('Ana', '/coop setup timezone:Europe/London');
    const asked = h.run('Ana', '/swap request when:"sat 7 to 11" kids:2 note:"two sleepy toddlers, bath at 7"');
    expect(asked.text).toMatch(/^Which did you mean by "sat 7 to 11"\? Tap the one you meant/);
    expect(asked.refusal).toEqual({ option: 'when', code: 'ask' });
    const choices = buttons(asked);
    expect(choices.map((c) => c.label)).toEqual(['Sat 19:00–23:00 (4 h)', 'Sat 07:00–11:00 (4 h)']);
    for (const c of choices) expect(c.id.length).toBeLessThanOrEqual(100);
    expect(h.store.db.prepare('SELECT count(*) FROM swaps').pluck().get()).toBe(0); // nothing posted yet

    const posted = press(h, 'Ana', choices[0]!.id);
    expect(posted.text).toBe("Posted #1 for Sat 28 Nov, 19:00–23:00 — 4 h with 2 kids costs 6 h of credit. I'll tell you when someone volunteers.");
    const swap = h.store.swaps.findByNumber(h.store.coops.find('console', 'console')!.id, 1)!;
    expect(swap).toMatchObject({ kids: 2, note: 'two sleepy toddlers, bath at 7' });
    // The draft served once: pressing the other button again finds nothing to post from.
    expect(press(h, 'Ana', choices[1]!.id).text).toMatch(/That choice has expired/);
    // Another member cannot post from Ana's draft.
    const again = h.run('Ana', '/swap offer when:"sun 6-10" note:"happy to do bedtime"');
    const offer = buttons(again)[0]!;
    expect(press(h, 'Ben', offer.id).text).toMatch(/That choice has expired/);
  });

  it('a quote asks too, and a guess is said out loud', () => {
    const h = createHarness({ start: '2026-11-22T12:00:00Z' });
    h.run('Ana', '/coop setup timezone:Europe/London');
    expect(buttons(h.run('Ana', '/swap quote when:"sat 6-10"')).map((c) => c.id)).toEqual([
      'swap.quote?when=2026-11-28%2018%3A00-22%3A00',
      'swap.quote?when=2026-11-28%2006%3A00-10%3A00',
    ]);
    const guessed = h.run('Ana', '/swap request when:"sat 9-5"');
    expect(guessed.text).toMatch(/^Posted #1 for Sat 28 Nov, 09:00–17:00 — .* of credit\. .* \(I took .* If not, cancel it and post the time exactly\.\)$/);
  });
});

describe("the co-op's date order", () => {
  it('follows the timezone until an admin chooses, and every echo writes dates that way', () => {
    const h = createHarness({ start: '2026-11-22T12:00:00Z' });
    expect(h.run('Ana', '/coop setup timezone:America/New_York').text).toContain('Dates read month/day (12/5 is December 5), as is usual there.');
    expect(h.run('Ana', '/swap quote when:"12/5 7pm-11pm"').text).toMatch(/^Sat Dec 5, 19:00–23:00: 4 h with 1 kid costs 4 h of credit; you have 5 h\. Nothing is posted yet\.$/);
    expect(h.run('Ana', '/coop setup timezone:America/New_York dates:dmy').text).toContain('Dates read day/month (12/5 is 12 May).');
    expect(h.run('Ana', '/swap quote when:"5/12 7pm-11pm"').text).toMatch(/^Sat 5 Dec, 19:00–23:00/);
    // A later setup without dates: keeps the order an admin chose.
    expect(h.run('Ana', '/coop setup timezone:America/Chicago').text).toContain('Dates read day/month (12/5 is 12 May).');
  });
});

describe('calendars that follow changes', () => {
  function parse(file: Attachment) {
    const cal = new ICAL.Component(ICAL.parse(file.content));
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    return { method: cal.getFirstPropertyValue('method'), uid: event.uid, sequence: event.sequence, status: cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status') };
  }

  async function reminded(w: World) {
    await w.say('Ana', '/coop setup timezone:Europe/London');
    for (const name of ['Ana', 'Ben']) await w.say(name, '/profile quiet:off');
    await w.say('Ana', '/swap request when:"sat 19:00-23:00"');
    await w.say('Ben', '/swap volunteer id:1');
    await w.say('Ana', '/swap choose id:1 member:@ben');
    await w.advanceUntil('2027-03-05T19:30:00Z'); // the 24 h reminders, with their calendar files
  }

  it('a sit called off sends both sides METHOD:CANCEL with the same UID and a higher SEQUENCE', async () => {
    const w = createWorld();
    await reminded(w);
    const first = parse(w.dmsTo('Ben').find((n) => n.message.attachments?.length)!.message.attachments![0]!);
    expect(first).toMatchObject({ method: 'PUBLISH', sequence: 0, status: 'CONFIRMED' });
    expect(first.uid).toBe(`swap-${w.swapId(1)}.${w.store.installation.id()}@breather`);
    const reply = await w.say('Ana', '/swap cancel id:1');
    const benFile = w.dmsTo('Ben').at(-1)!.message.attachments![0]!;
    for (const file of [reply.attachments![0]!, benFile]) {
      expect(parse(file)).toEqual({ method: 'CANCEL', uid: first.uid, sequence: 1, status: 'CANCELLED' });
    }
  });

  it('a sitter who steps back gets the removal; the family keeps the sit, and its next file comes with the higher SEQUENCE', async () => {
    const w = createWorld();
    await reminded(w);
    await w.say('Cat', '/help');
    const stepped = await w.say('Ben', '/swap cancel id:1');
    expect(parse(stepped.attachments![0]!)).toMatchObject({ method: 'CANCEL', sequence: 1 });
    await w.say('Cat', '/swap volunteer id:1');
    await w.say('Ana', '/swap choose id:1 member:@cat');
    await w.advanceUntil('2027-03-06T17:30:00Z'); // the 2 h reminder
    const later = w.dmsTo('Ana').filter((n) => n.message.attachments?.length).at(-1)!;
    expect(parse(later.message.attachments![0]!)).toMatchObject({ method: 'PUBLISH', sequence: 1 });
  });

  it('two installations never share an event UID', () => {
    const a = createHarness();
    const b = createHarness();
    expect(a.store.installation.id()).toMatch(/^[0-9a-f]{32}$/);
    expect(a.store.installation.id()).not.toBe(b.store.installation.id());
  });
});
