import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/core/action-codec.ts';
import type { Notification } from '../../src/core/types.ts';
import { createWorld, HOUR, isReminder, MINUTE, type World } from './world.ts';

function buttonIds(n: Notification): string[] {
  return (n.message.cards ?? []).flatMap((c) => (c.buttons ?? []).map((b) => encodeAction(b.action)));
}

function parseIcs(n: Notification) {
  const file = n.message.attachments?.[0];
  if (!file) throw new Error('no attachment');
  expect(file.filename).toMatch(/^sit-\d+\.ics$/);
  expect(file.contentType).toContain('text/calendar');
  const cal = new ICAL.Component(ICAL.parse(file.content));
  const vevent = cal.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  return { start: event.startDate.toJSDate().getTime(), end: event.endDate.toJSDate().getTime(), uid: event.uid, summary: event.summary };
}

/** Alice (London) asks for Saturday 19:00–23:00, Bob sits. Quiet hours off unless a test says otherwise. */
async function acceptedSwap(w: World, quiet = 'off') {
  await w.say('Alice', '/coop setup timezone:Europe/London');
  await w.say('Alice', `/profile timezone:Europe/London quiet:${quiet}`);
  await w.say('Bob', `/profile timezone:Europe/London quiet:${quiet}`);
  await w.say('Alice', '/swap request when:"sat 19:00-23:00" kids:2');
  await w.say('Bob', '/swap volunteer id:1');
  await w.say('Alice', '/swap choose id:1 member:@bob');
  w.sent.length = 0;
}

describe('reminders before an accepted swap', () => {
  it('reminds both sides 24 h and 2 h before, each with a calendar file at the right UTC instants', async () => {
    const w = createWorld();
    await acceptedSwap(w);
    await w.advanceUntil('2027-03-05T18:59:00Z');
    expect(w.sent.filter(isReminder)).toHaveLength(0);
    await w.advanceUntil('2027-03-05T19:00:00Z');
    const day = w.sent.filter(isReminder);
    expect(day.map((n) => n.destination.kind === 'dm' && n.destination.memberName).sort()).toEqual(['Alice', 'Bob']);
    for (const n of day) {
      expect(n.message.text).toMatch(/^Tomorrow:/);
      expect(n.localTime).toBe('2027-03-05 19:00');
      const ics = parseIcs(n);
      expect(ics.start).toBe(Date.parse('2027-03-06T19:00:00Z'));
      expect(ics.end).toBe(Date.parse('2027-03-06T23:00:00Z'));
      expect(ics.uid).toBe(`swap-${w.swapId(1)}.${w.store.installation.id()}@breather`);
      expect(buttonIds(n)).toContain('swap.remind?id=1&set=off');
    }
    expect(w.dmsTo('Bob').find(isReminder)?.message.text).toContain("you're sitting for Alice");
    expect(w.dmsTo('Alice').find(isReminder)?.message.text).toContain('Bob is looking after your kids');

    await w.advanceUntil('2027-03-06T17:00:00Z');
    const soon = w.sent.filter(isReminder).filter((n) => n.message.text.startsWith('In 2 hours'));
    expect(soon).toHaveLength(2);
    expect(soon.every((n) => n.localTime === '2027-03-06 17:00')).toBe(true);
    await w.advanceUntil('2027-03-06T22:59:00Z');
    expect(w.sent.filter(isReminder)).toHaveLength(4);
  });

  it('puts the UTC instants of a New York sit after the DST change in the .ics', async () => {
    const w = createWorld();
    await w.say('Nia', '/profile timezone:America/New_York quiet:off');
    await w.say('Omar', '/profile timezone:America/New_York quiet:off');
    await w.say('Nia', '/swap offer when:"2027-03-14 19:00-23:00"');
    await w.say('Omar', '/swap book id:1');
    await w.advanceUntil('2027-03-15T00:00:00Z');
    const reminders = w.sent.filter(isReminder);
    expect(reminders).toHaveLength(4);
    const ics = parseIcs(reminders[0]!);
    expect(ics.start).toBe(Date.parse('2027-03-14T23:00:00Z')); // 19:00 EDT
    expect(ics.end).toBe(Date.parse('2027-03-15T03:00:00Z'));
    // 24 h before the start is 18:00 EST the day before: the clocks moved in between
    expect(reminders[0]?.localTime).toBe('2027-03-13 18:00');
  });

  it('holds the 24 h reminder back in quiet hours, but not the one for a sit that starts soon', async () => {
    const w = createWorld();
    await w.say('Alice', '/profile timezone:Europe/London');
    await w.say('Bob', '/profile timezone:Europe/London');
    await w.say('Alice', '/swap request when:"sat 23:00-23:45"');
    await w.say('Bob', '/swap volunteer id:1');
    await w.say('Alice', '/swap choose id:1 member:@bob');
    await w.advanceUntil('2027-03-07T12:00:00Z');
    const times = w.dmsTo('Alice').filter(isReminder).map((n) => n.localTime);
    expect(times).toEqual(['2027-03-06 08:00', '2027-03-06 21:00']);
    // the completion prompt after 23:45 waits for the morning
    const prompt = w.dmsTo('Alice').find((n) => n.message.text.startsWith('How did #1'));
    expect(prompt?.localTime).toBe('2027-03-07 08:00');
  });

  it('stops one member’s reminders with one tap, and the other side still gets theirs', async () => {
    const w = createWorld();
    await acceptedSwap(w);
    expect(w.run('Bob', '/swap remind id:1 set:off').text).toContain('No more reminders for #1');
    await w.advanceUntil('2027-03-06T18:00:00Z');
    expect(w.dmsTo('Bob').filter(isReminder)).toHaveLength(0);
    expect(w.dmsTo('Alice').filter(isReminder)).toHaveLength(2);
  });

  it('cancels reminders when the swap is cancelled, and re-plans expiry when the sitter steps back', async () => {
    const w = createWorld();
    await acceptedSwap(w);
    await w.say('Bob', '/swap cancel id:1');
    const jobs = w.store.jobs.pendingForSwap(w.swapId(1));
    expect(jobs.map((j) => j.kind)).toEqual(['expire']);
    await w.say('Carol', '/swap volunteer id:1');
    await w.say('Alice', '/swap choose id:1 member:@carol');
    await w.advanceUntil('2027-03-06T18:00:00Z');
    expect(w.dmsTo('Bob').filter(isReminder)).toHaveLength(0);
    expect(w.dmsTo('Carol').filter(isReminder)).toHaveLength(2);
    await w.say('Alice', '/swap cancel id:1 reason:"sick kids"');
    expect(w.store.jobs.pendingForSwap(w.swapId(1))).toHaveLength(0);
    await w.advanceUntil('2027-03-08T12:00:00Z');
    expect(w.sent.filter((n) => n.message.text.startsWith('How did'))).toHaveLength(0);
  });
});

describe('after the end', () => {
  it('asks the parent how it went, with buttons that confirm, change the length or dispute', async () => {
    const w = createWorld();
    await acceptedSwap(w);
    await w.advanceUntil('2027-03-06T22:59:00Z');
    expect(w.dmsTo('Alice').filter((n) => n.message.text.startsWith('How did'))).toHaveLength(0);
    await w.advanceUntil('2027-03-06T23:00:00Z');
    const prompt = w.dmsTo('Alice').find((n) => n.message.text.startsWith('How did #1 with Bob go?'));
    expect(prompt?.localTime).toBe('2027-03-06 23:00');
    expect(buttonIds(prompt!)).toEqual(['swap.done?id=1', 'swap.length?id=1', 'swap.dispute?id=1']);
    // The sitter is asked too, so a sit nobody confirms still settles: their word starts the 48 hours.
    const sitterPrompt = w.dmsTo('Bob').find((n) => n.message.text.startsWith('Did #1 with Alice go ahead?'));
    expect(buttonIds(sitterPrompt!)).toEqual(['swap.done?id=1', 'swap.length?id=1', 'swap.dispute?id=1']);

    const length = w.run('Alice', '/swap length id:1');
    const choices = (length.cards ?? []).flatMap((c) => c.buttons ?? []).map((b) => encodeAction(b.action));
    expect(choices).toContain('swap.done?id=1&hours=4.5');
    const before = w.balanceOf('Bob');
    expect(w.run('Alice', '/swap done id:1 hours:4.5').text).toContain("I've asked Bob to confirm that #1 ran 4.5 h");
    expect(w.balanceOf('Bob')).toBe(before);
    expect(w.run('Bob', '/swap length id:1 answer:agree').text).toContain('#1 is settled at the length you agreed');
    expect(w.balanceOf('Bob') - before).toBe(Math.round(4.5 * 90));
  });

  it('completes by itself 48 h after the sitter confirmed, if the parent stays silent', async () => {
    const w = createWorld();
    await acceptedSwap(w);
    await w.advanceUntil('2027-03-07T09:00:00Z');
    const alice = w.balanceOf('Alice');
    expect(w.run('Bob', '/swap done id:1').text).toContain("I've asked the family to confirm");
    await w.advanceBy(48 * HOUR - MINUTE);
    expect(w.balanceOf('Alice')).toBe(alice);
    await w.advanceBy(MINUTE);
    expect(w.balanceOf('Alice')).toBe(alice - 360);
    expect(w.dmsTo('Alice').at(-1)?.message.text).toContain('#1 settled by itself, 48 hours after Bob said it went ahead: 6 h of credit went from your family to Bob.');
    expect(w.dmsTo('Bob').at(-1)?.message.text).toContain('#1 is settled, 48 hours after you said it went ahead: 6 h of credit came to your family.');
    expect(w.store.swaps.get(w.swapId(1)).status).toBe('completed');
  });

  it('moves nothing when the parent says it did not happen; the admins hear about it', async () => {
    const w = createWorld();
    await acceptedSwap(w);
    await w.advanceUntil('2027-03-07T09:00:00Z');
    w.run('Bob', '/swap done id:1');
    await w.advanceBy(HOUR);
    const alice = w.balanceOf('Alice');
    await w.say('Carol', '/help');
    w.run('Alice', '/coop admin add member:@carol');
    expect(w.run('Alice', '/swap dispute id:1 reason:"nobody came"').text).toContain('Nothing has moved');
    await w.deliver();
    await w.advanceBy(3 * 24 * HOUR);
    expect(w.balanceOf('Alice')).toBe(alice);
    expect(w.store.swaps.get(w.swapId(1)).status).toBe('disputed');
    expect(w.dmsTo('Carol').some((n) => n.message.text.includes('#1 needs an admin: Alice says it didn\'t happen as planned (“nobody came”)'))).toBe(true);
    expect(w.dmsTo('Bob').some((n) => n.message.text.includes("Alice asked the co-op's admins to look at #1 (“nobody came”)"))).toBe(true);
  });
});

describe('expiry', () => {
  it('closes requests and offers whose start passed unmatched, and says so', async () => {
    const w = createWorld();
    await w.say('Alice', '/profile timezone:Europe/London quiet:off');
    await w.say('Bob', '/profile timezone:Europe/London quiet:off');
    await w.say('Alice', '/swap request when:"fri 18:00-20:00"');
    await w.say('Bob', '/swap offer when:"sat 10:00-12:00"');
    await w.say('Carol', '/swap volunteer id:1');
    await w.advanceUntil('2027-03-05T17:59:00Z');
    expect(w.store.swaps.get(w.swapId(1)).status).toBe('open');
    await w.advanceUntil('2027-03-05T18:00:00Z');
    expect(w.store.swaps.get(w.swapId(1)).status).toBe('expired');
    expect(w.dmsTo('Alice').at(-1)?.message.text).toContain("started without a sitter, so I've closed it");
    expect(w.dmsTo('Alice').at(-1)?.localTime).toBe('2027-03-05 18:00');
    expect(w.dmsTo('Carol').at(-1)?.message.text).toContain('#1 closed without being matched');
    await w.advanceUntil('2027-03-06T10:00:00Z');
    expect(w.store.swaps.get(w.swapId(2)).status).toBe('expired');
    expect(w.dmsTo('Bob').at(-1)?.message.text).toContain("wasn't booked this time");
    expect(w.run('Carol', '/swap volunteer id:1').text).toContain('already expired');
  });

  it('keeps a booked session; its host gets the completion prompt', async () => {
    const w = createWorld();
    await w.say('Hana', '/profile timezone:Europe/London quiet:off');
    await w.say('Hana', '/swap session when:"sat 10:00-12:00" capacity:4');
    await w.say('Ivo', '/swap book id:1 kids:2');
    await w.advanceUntil('2027-03-06T12:00:00Z');
    expect(w.store.swaps.get(w.swapId(1)).status).toBe('open');
    const prompt = w.dmsTo('Hana').find((n) => n.message.text.startsWith('How did your drop-off session #1 go?'));
    expect(prompt?.localTime).toBe('2027-03-06 12:00');
    expect(w.dmsTo('Ivo').filter(isReminder).length).toBe(2);
    w.run('Hana', '/swap done id:1');
    expect(w.store.swaps.get(w.swapId(1)).status).toBe('completed');
  });
});
