// Slack's own surfaces through the real Bolt app, in both modes: the Home tab (published on open, redrawn after a
// change, its buttons answered by DM), the two shortcuts, the date and time pickers, and free text on slash commands.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Json, RecordedCall } from '../../standins/slack/index.ts';
import { buttonsOf, PEOPLE, startSlackWorld, textOf, type Person, type SlackWorld } from './world.ts';

const viewText = (call: RecordedCall | undefined) => JSON.stringify(call?.body.view ?? '').replace(/\\n/g, '\n');
const homeButtons = (call: RecordedCall) => buttonsOf({ ...call, body: { blocks: (call.body.view as { blocks: unknown[] }).blocks } });

describe.each(['socket', 'http'] as const)('Slack %s mode: Home tab, shortcuts, pickers, free text', (mode) => {
  let world: SlackWorld;
  beforeEach(async () => {
    world = await startSlackWorld(mode);
  });
  afterEach(async () => {
    await world.close();
  });

  /** The first Home tab published for `who` after `afterSeq` that shows `contains` (redraws may overtake each other). */
  const published = (who: Person, afterSeq: number, contains = '') =>
    world.standin.waitForCall(
      (c) => c.method === 'views.publish' && c.body.user_id === PEOPLE[who].id && c.response.ok === true && viewText(c).includes(contains),
      { afterSeq },
    );
  const openHome = async (who: Person, contains = '') => {
    const mark = world.standin.lastSeq;
    await world.event(world.standin.payloads.appHomeOpened({ user: PEOPLE[who].id }));
    return published(who, mark, contains);
  };
  const dm = (who: Person, contains: string, afterSeq = 0) =>
    world.standin.waitForCall((c) => c.method === 'chat.postMessage' && c.response.channel === world.standin.dmChannelId(PEOPLE[who].id) && textOf(c).includes(contains), { afterSeq });
  const opened = (afterSeq: number) => world.standin.waitForCall('views.open', { afterSeq });

  it('publishes the Home tab on open, redraws it after a change, and answers its buttons by DM', async () => {
    const stranger = await openHome('ana', "You're not in a co-op here yet");
    expect((stranger.body.view as Json).type).toBe('home');
    expect(world.balance('ana')).toBeUndefined(); // opening the tab joins nobody

    await world.ask('ana', '/coop', 'setup timezone:Europe/London');
    const first = await openHome('ana', 'You have *5 h of credit*; the co-op lets you go down to -10 h');
    expect(viewText(first)).toContain('Nothing open right now');

    let mark = world.standin.lastSeq;
    await world.ask('ana', '/swap', 'request sat 7-11pm 2 kids "bath and bed"');
    // Redrawn after her own command, without her opening the tab again.
    const afterPost = await published('ana', mark, 'Your open requests and offers');
    expect(viewText(afterPost)).toContain('#1 · Ana needs a sitter');

    await world.ask('ben', '/help', '');
    await world.ask('cleo', '/help', '');
    const benHome = await openHome('ben', '#1 · Ana needs a sitter');
    expect(viewText(benHome)).toContain('Open in the co-op');
    expect(homeButtons(benHome).map((b) => b.label)).toEqual(['Volunteer', 'Pause a week', 'Turn off']);

    mark = world.standin.lastSeq;
    const volunteer = homeButtons(benHome).find((b) => b.label === 'Volunteer');
    const press = world.standin.payloads.buttonPress({ action_id: volunteer?.actionId ?? '', user_id: PEOPLE.ben.id, message: { ts: '1.1' } });
    await world.interact({ ...press, container: { type: 'view', view_id: (benHome.response.view as Json).id }, view: benHome.response.view, response_url: undefined });
    await dm('ben', "I've told Ana", mark);
    await dm('ana', 'Ben volunteered', mark);
    // Both tabs are redrawn: Ben's after his press, Ana's after her DM.
    await published('ben', mark, 'Coming up');
    await published('ana', mark);

    mark = world.standin.lastSeq;
    const pause = homeButtons(await openHome('cleo', 'Pause a week')).find((b) => b.label === 'Pause a week');
    const cleoHome = world.standin.home(PEOPLE.cleo.id);
    await world.interact({ ...world.standin.payloads.buttonPress({ action_id: pause?.actionId ?? '', user_id: PEOPLE.cleo.id, message: { ts: '1.2' } }), view: cleoHome, response_url: undefined });
    await dm('cleo', 'Check-ins are paused until Sun 29 Nov', mark);
    await published('cleo', mark, 'Paused until Sun 29 Nov');
  });

  it('"Ask for a sitter" opens the request form with date and time pickers; picked times post exactly that sit', async () => {
    await world.ask('ana', '/coop', 'setup timezone:Europe/London');
    await world.interact(world.standin.payloads.globalShortcut({ callback_id: 'ask_for_sitter', user_id: PEOPLE.ben.id }));
    const form = await opened(0);
    const view = form.body.view as { title: { text: string }; blocks: { block_id: string; element: { type: string }; optional?: boolean }[] };
    expect(view.title.text).toBe('Ask for a sitter');
    expect(view.blocks.map((b) => [b.block_id, b.element.type])).toEqual([
      ['when_day', 'datepicker'],
      ['when_from', 'timepicker'],
      ['when_until', 'timepicker'],
      ['when', 'plain_text_input'],
      ['kids', 'number_input'],
      ['note', 'plain_text_input'],
    ]);
    const day = (d: string) => ({ type: 'datepicker', selected_date: d });
    const time = (t: string) => ({ type: 'timepicker', selected_time: t });

    const half = await world.submit('ben', form, { when_day: day('2026-11-28'), when_from: time('19:00') });
    expect(half.payload).toMatchObject({ response_action: 'errors', errors: { when_until: expect.stringMatching(/Pick a day, a start and an end/) } });
    const both = await world.submit('ben', form, { when_day: day('2026-11-28'), when_from: time('19:00'), when_until: time('23:00'), when: 'sun 10-12' });
    expect(both.payload).toMatchObject({ response_action: 'errors', errors: { when: expect.stringMatching(/leave this empty/) } });
    const none = await world.submit('ben', form, { kids: '2' });
    expect(none.payload).toMatchObject({ response_action: 'errors', errors: { when: expect.stringMatching(/Pick a day and times above, or type it here/) } });
    const past = await world.submit('ben', form, { when_day: day('2026-11-20'), when_from: time('19:00'), when_until: time('23:00') });
    expect(past.payload).toMatchObject({ response_action: 'errors', errors: { when_day: expect.stringMatching(/already passed/) } });

    const overnight = await world.submit('ben', form, { when_day: day('2026-11-27'), when_from: time('21:00'), when_until: time('01:00'), kids: '1' });
    expect(JSON.stringify(overnight.payload)).toContain('Posted #1 for Fri 27 Nov, 21:00 – Sat 28 Nov, 01:00');
  });

  it('"Offer to sit for this" opens the offer form quoting the message; the offer goes to the co-op channel', async () => {
    await world.ask('ana', '/coop', 'setup timezone:Europe/London channel:<#C0COOP|coop>');
    const shortcut = world.standin.payloads.messageShortcut({
      callback_id: 'offer_to_sit',
      user_id: PEOPLE.ben.id,
      channel_id: 'C0PRIVATE',
      message: { user: PEOPLE.cleo.id, text: 'Anyone free Friday evening? &lt;3' },
    });
    await world.interact(shortcut);
    const form = await opened(0);
    expect((form.body.view as { title: { text: string } }).title.text).toBe('Offer to sit');
    // Under the author's name: a mention in a note would be the member's own text, which never pings.
    expect(viewText(form)).toContain(`"initial_value":"For Cleo: “Anyone free Friday evening? <3”"`);
    const mark = world.standin.lastSeq;
    const note = `For Cleo <@${PEOPLE.cleo.id}>: “Anyone free Friday evening?”`;
    const done = await world.submit('ben', form, { when: 'fri 18:00-22:00', kids: '2', note });
    expect(JSON.stringify(done.payload)).toContain('Posted your offer #1');
    const post = await world.standin.waitForCall((c) => c.method === 'chat.postMessage' && textOf(c).includes('can sit'), { afterSeq: mark });
    expect(post.body.channel).toBe('C0COOP');
    expect(textOf(post)).toContain('For Cleo');
    expect(textOf(post)).toContain(`&lt;@${PEOPLE.cleo.id}&gt;`); // typed into the note: shown, never live
    expect(textOf(post)).not.toMatch(/(?<!&lt;)<@U0CLEO>/);
  });

  it('keeps a neighbour named with @ through the form an unreadable time opens, and asks them first', async () => {
    await world.ask('ana', '/coop', 'setup timezone:Europe/London');
    await world.ask('ben', '/help', '');
    const mark = world.standin.lastSeq;
    await world.command('ana', '/swap', `request sometime soon <@${PEOPLE.ben.id}|ben>`);
    const form = await opened(mark);
    expect(JSON.parse(String((form.body.view as Json).private_metadata))).toMatchObject({ members: { sitter: PEOPLE.ben.id } });
    const done = await world.submit('ana', form, { when: 'sat 19:00-23:00' });
    expect(JSON.stringify(done.payload)).toContain("I've asked Ben first, privately.");
    const ask = await dm('ben', 'Ana would love you to sit #1', mark);
    // An ask nobody asked for is unprompted: the way to a quieter week comes with it.
    expect(buttonsOf(ask).map((b) => b.label)).toEqual(['Volunteer', 'Quiet for a week']);
  });

  it('tells the member privately when a shortcut cannot open its form', async () => {
    const held = world.standin.faults.hold('views.open');
    const asked = world.interact(world.standin.payloads.globalShortcut({ callback_id: 'ask_for_sitter', user_id: PEOPLE.ben.id }));
    await held.arrived;
    world.standin.expireTriggers();
    held.release();
    await asked;
    await dm('ben', "couldn't open the form");
    const message = world.standin.payloads.messageShortcut({ callback_id: 'offer_to_sit', user_id: PEOPLE.ben.id, message: { text: 'hi' } });
    world.standin.expireTriggers();
    const answered = world.standin.waitForCall((c) => c.method === 'response_url' && c.url === message.response_url);
    await world.interact(message);
    expect(textOf(await answered)).toContain("couldn't open the form");
  });

  it('reads free text on slash commands: says how it read an uncertain line, and asks with buttons when it could mean two', async () => {
    await world.ask('ana', '/coop', 'setup timezone:Europe/London');
    const read = await world.ask('ana', '/swap', 'request sat 7-11pm 2');
    expect(textOf(read)).toContain('I read that as `/swap request when:\\"sat 7-11pm\\" kids:2`');
    expect(textOf(read)).toContain('Posted #1 for Sat 28 Nov, 19:00–23:00');
    await world.ask('ben', '/swap', 'offer fri 6-10pm up to 3');
    const asked = await world.ask('cleo', '/swap', 'book 2 1');
    expect(textOf(asked)).toContain('I can read those numbers two ways');
    expect(buttonsOf(asked).map((b) => b.label)).toEqual(['#2, 1 kid', '#1, 2 kids']);
    const mark = world.standin.lastSeq;
    await world.press('cleo', asked, '#2, 1 kid');
    const booked = await world.standin.waitForCall('response_url', { afterSeq: mark });
    expect(textOf(booked)).toContain('Booked #2 with Ben for 1 kid');
    const typo = await world.ask('cleo', '/swap', 'volunter 1');
    expect(textOf(typo)).toContain('Did you mean `/swap volunteer`?');
  });
});
