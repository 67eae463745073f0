import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { parseCommandLine, readCommandLine, type LineReading } from '../../src/app/command-line.ts';
import { questionReply } from '../../src/app/command-line-reply.ts';
import { UserError } from '../../src/domain/errors.ts';
import { readMention } from '../../src/platforms/console/console-chat.ts';
import { readSlackMention } from '../../src/platforms/slack/mrkdwn.ts';
import { oldParseCommandLine } from './support/old-command-line.ts';

// Free text, read like a person would: every line below with the command it must run (options as the dispatcher gets
// them), the question it must ask, or the refusal it must give. `as` marks a reading the reply must say back.

type Options = Record<string, unknown>;
type Expected = { run: string; options: Options; as?: true } | { ask: Options[] } | { refuse: RegExp };

const sam = { ref: 'sam', name: 'sam' };
const ben = { ref: 'ben', name: 'Ben' };
const run = (sub: string, options: Options, as?: true): Expected => (as ? { run: sub, options, as } : { run: sub, options });

const TABLE: [string, Expected][] = [
  // The issue's own examples.
  ['/swap request sat 7-11pm 2 kids "two sleepy toddlers"', run('swap request', { when: 'sat 7-11pm', kids: '2', note: 'two sleepy toddlers' })],
  ['/swap offer fri 6-10pm up to 3', run('swap offer', { when: 'fri 6-10pm', kids: '3' })],
  ['/swap volunteer 4', run('swap volunteer', { id: '4' })],
  ['/swap book 7 2 kids', run('swap book', { id: '7', kids: '2' })],
  ['/swap done 4', run('swap done', { id: '4' })],
  ['/swap done 4 3.5h', run('swap done', { id: '4', hours: '3.5' })],
  ['/credits give @sam 2 "thanks for Tuesday"', run('credits give', { member: sam, amount: '2', note: 'thanks for Tuesday' })],
  ['/checkin time wed 12:30', run('checkin time', { when: 'wed 12:30' })],
  ['/profile Europe/Paris', run('profile', { timezone: 'Europe/Paris' })],
  // Requests, offers, sessions and quotes: the count by its word, in any order.
  ['/swap request sat 7-11pm', run('swap request', { when: 'sat 7-11pm' })],
  ['/swap request 2 kids sat 7-11pm', run('swap request', { when: 'sat 7-11pm', kids: '2' })],
  ['/swap request sat 7-11pm 3 children', run('swap request', { when: 'sat 7-11pm', kids: '3' })],
  ['/swap request sat 7-11pm 1 kid', run('swap request', { when: 'sat 7-11pm', kids: '1' })],
  ['/swap request sat 7-11pm one child', run('swap request', { when: 'sat 7-11pm', kids: '1' })],
  ['/swap request sat 7-11pm two kids', run('swap request', { when: 'sat 7-11pm', kids: '2' })],
  ['/swap request sat 7-11pm 2kids', run('swap request', { when: 'sat 7-11pm', kids: '2' })],
  ['/swap request sat 7-11pm for 2 kids', run('swap request', { when: 'sat 7-11pm', kids: '2' })],
  ['/swap request tomorrow 6pm for 3h 2 kids', run('swap request', { when: 'tomorrow 6pm for 3h', kids: '2' })],
  ['/swap request 2026-12-05 19:00 4h 3 kids', run('swap request', { when: '2026-12-05 19:00 4h', kids: '3' })],
  ['/swap request fri 7pm-1am 2 kids', run('swap request', { when: 'fri 7pm-1am', kids: '2' })],
  ['/swap request "sat 7-11pm" 2 kids', run('swap request', { when: 'sat 7-11pm', kids: '2' })],
  ['/swap request "sat 7-11pm" "bath and bed"', run('swap request', { when: 'sat 7-11pm', note: 'bath and bed' })],
  ['/swap request sat 7-11pm “bath and bed”', run('swap request', { when: 'sat 7-11pm', note: 'bath and bed' })],
  ['/swap request sat 7-11pm note two sleepy toddlers', run('swap request', { when: 'sat 7-11pm', note: 'two sleepy toddlers' })],
  ['/swap request sat 7-11pm — two sleepy toddlers', run('swap request', { when: 'sat 7-11pm', note: 'two sleepy toddlers' })],
  ['/swap request sat 7-11pm -- bring pyjamas', run('swap request', { when: 'sat 7-11pm', note: 'bring pyjamas' })],
  ['/swap request sat 7-11pm @Ben', run('swap request', { when: 'sat 7-11pm', sitter: ben })],
  ['/swap request @Ben sat 7-11pm 2 kids', run('swap request', { when: 'sat 7-11pm', kids: '2', sitter: ben })],
  ['/swap request sat 7-11pm 13 kids', run('swap request', { when: 'sat 7-11pm', kids: '13' })],
  ['/swap offer fri 6-10pm', run('swap offer', { when: 'fri 6-10pm' })],
  ['/swap offer fri 6-10pm up to 3 kids', run('swap offer', { when: 'fri 6-10pm', kids: '3' })],
  ['/swap offer fri 6-10pm max 2', run('swap offer', { when: 'fri 6-10pm', kids: '2' })],
  ['/swap offer up to 4 sun 10:00-13:00 "garden and snacks"', run('swap offer', { when: 'sun 10:00-13:00', kids: '4', note: 'garden and snacks' })],
  ['/swap session sat 10-12 6 kids', run('swap session', { when: 'sat 10-12', capacity: '6' })],
  ['/swap session sat 10-12 8 places "soft play"', run('swap session', { when: 'sat 10-12', capacity: '8', note: 'soft play' })],
  ['/swap quote sat 7-11pm 3 children', run('swap quote', { when: 'sat 7-11pm', kids: '3' })],
  ['/swap quote tomorrow 6pm for 3h', run('swap quote', { when: 'tomorrow 6pm for 3h' })],
  // A lone small number after request/offer is the kids, and the reply says so.
  ['/swap request sat 7-11pm 2', run('swap request', { when: 'sat 7-11pm', kids: '2' }, true)],
  ['/swap request 2 sat 7-11pm', run('swap request', { when: 'sat 7-11pm', kids: '2' }, true)],
  ['/swap offer fri 6-10pm 3', run('swap offer', { when: 'fri 6-10pm', kids: '3' }, true)],
  ['/swap request tomorrow 6pm for 3h 2', run('swap request', { when: 'tomorrow 6pm for 3h', kids: '2' }, true)],
  ['/swap quote the 5th 7-11pm 3', run('swap quote', { when: 'the 5th 7-11pm', kids: '3' }, true)],
  // … but a number that belongs to the time stays in it.
  ['/swap request 7-11pm dec 5', run('swap request', { when: '7-11pm dec 5' })],
  ['/swap request dec 5 7-11pm', run('swap request', { when: 'dec 5 7-11pm' })],
  ['/swap request sat 7 - 11pm', run('swap request', { when: 'sat 7 - 11pm' })],
  ['/swap request sat 19:00 4h', run('swap request', { when: 'sat 19:00 4h' })],
  ['/swap request sat 7-11pm 20', run('swap request', { when: 'sat 7-11pm 20' })],
  // Swap numbers, with or without #, and what comes with them.
  ['/swap volunteer #4', run('swap volunteer', { id: '4' })],
  ['/swap book #7 2', run('swap book', { id: '7', kids: '2' })],
  ['/swap book 7', run('swap book', { id: '7' })],
  ['/swap book 17 2', run('swap book', { id: '17', kids: '2' })],
  ['/swap book 2 kids 7', run('swap book', { id: '7', kids: '2' })],
  ['/swap book 7 two kids', run('swap book', { id: '7', kids: '2' })],
  ['/swap choose 4 @Ben', run('swap choose', { id: '4', member: ben })],
  ['/swap choose @Ben 4', run('swap choose', { id: '4', member: ben })],
  ['/swap cancel 4', run('swap cancel', { id: '4' })],
  ['/swap cancel 4 kids are ill', run('swap cancel', { id: '4', reason: 'kids are ill' })],
  ['/swap cancel 4 "kids are ill"', run('swap cancel', { id: '4', reason: 'kids are ill' })],
  ['/swap done #4 3', run('swap done', { id: '4', hours: '3' })],
  ['/swap done 4 3.5', run('swap done', { id: '4', hours: '3.5' })],
  ['/swap done 4 3.5 h', run('swap done', { id: '4', hours: '3.5' })],
  ['/swap done 4 4 hours', run('swap done', { id: '4', hours: '4' })],
  ['/swap dispute 4 they never came', run('swap dispute', { id: '4', reason: 'they never came' })],
  ['/swap length 4', run('swap length', { id: '4' })],
  ['/swap remind 4 off', run('swap remind', { id: '4', set: 'off' })],
  ['/swap remind on #4', run('swap remind', { id: '4', set: 'on' })],
  ['/swap list mine', run('swap list', { show: 'mine' })],
  ['/swap list open', run('swap list', { show: 'open' })],
  // Credits.
  ['/credits give @sam 2', run('credits give', { member: sam, amount: '2' })],
  ['/credits give 2 @sam', run('credits give', { member: sam, amount: '2' })],
  ['/credits give @sam 1.5h', run('credits give', { member: sam, amount: '1.5' })],
  ['/credits give @sam 1.5 hours for the school run', run('credits give', { member: sam, amount: '1.5', note: 'for the school run' })],
  ['/credits give @sam 2 thanks for Tuesday', run('credits give', { member: sam, amount: '2', note: 'thanks for Tuesday' })],
  ['/credits adjust @sam -2 "double-booked sit"', run('credits adjust', { member: sam, amount: '-2', reason: 'double-booked sit' })],
  ['/credits adjust @sam +1.5 sat twice', run('credits adjust', { member: sam, amount: '+1.5', reason: 'sat twice' })],
  ['/credits balance @sam', run('credits balance', { member: sam })],
  ['/credits history @sam', run('credits history', { member: sam })],
  // Check-ins, breaks, profile, co-op, help.
  ['/checkin time sun 19:00', run('checkin time', { when: 'sun 19:00' })],
  ['/checkin pause next monday', run('checkin pause', { until: 'next monday' })],
  ['/checkin pause 2027-04-01', run('checkin pause', { until: '2027-04-01' })],
  ['/checkin nudges off', run('checkin nudges', { set: 'off' })],
  ['/checkin answer yes', run('checkin answer', { reply: 'yes' })],
  ['/break log a walk by the river', run('break log', { note: 'a walk by the river' })],
  ['/break log "yoga class"', run('break log', { note: 'yoga class' })],
  ['/profile 21:00-08:00', run('profile', { quiet: '21:00-08:00' })],
  ['/profile off', run('profile', { quiet: 'off' })],
  ['/profile Europe/Paris 9pm - 7am', run('profile', { timezone: 'Europe/Paris', quiet: '9pm - 7am' })],
  ['/coop setup Europe/London #coop sun 19:00', run('coop setup', { timezone: 'Europe/London', channel: '#coop', checkin: 'sun 19:00' })],
  ['/coop rules cap 30', run('coop rules', { name: 'cap', value: '30' })],
  ['/coop admin add @Ben', run('coop admin add', { member: ben })],
  ['/help swap', run('help', { command: 'swap' })],
  // Named and free, mixed.
  ['/swap book 7 kids:2', run('swap book', { id: '7', kids: '2' })],
  ['/swap request 2 kids when:sat 7-11pm', run('swap request', { when: 'sat 7-11pm', kids: '2' })],
  ['/swap done id:4 3', run('swap done', { id: '4', hours: '3' })],
  ['/credits give member:@sam 2 "thanks"', run('credits give', { member: sam, amount: '2', note: 'thanks' })],
  // Two numbers that could each be either: a question, not a guess.
  ['/swap book 7 2', { ask: [{ id: '7', kids: '2' }, { id: '2', kids: '7' }] }],
  ['/swap done 4 3', { ask: [{ id: '4', hours: '3' }, { id: '3', hours: '4' }] }],
  ['/swap book 3 5', { ask: [{ id: '3', kids: '5' }, { id: '5', kids: '3' }] }],
  // Lines that cannot be read: the one usage line of that subcommand, with an example.
  ['/swap volunteer soon', { refuse: /^I couldn't read "soon" in that\. Try `\/swap volunteer 12` \(or `\/swap volunteer id:<n>`\)\.$/ }],
  ['/swap volunteer 4 please', { refuse: /couldn't read "please".*`\/swap volunteer 12`/ }],
  ['/swap volunteer @ana 4', { refuse: /^`\/swap volunteer` doesn't take a member\. Try `\/swap volunteer 12`\.$/ }],
  ['/swap book 1 2 3 4 5', { refuse: /^I couldn't tell where "1 2 3 4 5" goes: name each one — like `\/swap book id:1 kids:2`\.$/ }],
  ['/swap volunteer 1 2', { refuse: /^I couldn't tell where "1 2" goes: add `id:` — like `\/swap volunteer id:1`\.$/ }],
  ['/swap list everything', { refuse: /couldn't read "everything".*`\/swap list \[show:open\|mine\]`/ }],
  ['/credits give @bad!name 2', { refuse: /couldn't tell who "@bad!name" is/ }],
  ['/swap request sat 7-11pm @ana @bob', { refuse: /doesn't take a member/ }],
  // A mistyped command or subcommand: did you mean.
  ['/swpa list', { refuse: /^I don't know `\/swpa`\. Did you mean `\/swap`\?/ }],
  ['/credit balance', { refuse: /Did you mean `\/credits`\?/ }],
  ['/swap volunter 4', { refuse: /Did you mean `\/swap volunteer`\? Like `\/swap volunteer 12`\./ }],
  ['/swap reqest sat 7-11pm', { refuse: /Did you mean `\/swap request`\? Like `\/swap request sat 19:00-23:00 2 kids "two sleepy toddlers"`\./ }],
  ['/chekin off', { refuse: /Did you mean `\/checkin`\?/ }],
  // A number where a subcommand goes, a subcommand glued to its number or written as an option, a slipped colon.
  ['/swap 4', { refuse: /^Say what to do with #4, and add `id:` — like `\/swap volunteer id:4` or `\/swap book id:4`\.$/ }],
  ['/swap #4', { refuse: /like `\/swap volunteer id:4`/ }],
  ['/swap volunteer4', { refuse: /^Did you mean `\/swap volunteer id:4`\?$/ }],
  ['/swap volunter4', { refuse: /^Did you mean `\/swap volunteer id:4`\?$/ }],
  ['/swap volunteer: 4', { refuse: /^Did you mean `\/swap volunteer 4`\? \(No colon after `volunteer`\.\)$/ }],
  ['/swap volunteer id 4', { refuse: /^Add `id:` right before its value — like `\/swap volunteer id:4`\.$/ }],
  ['/swap volunteer id=4', { refuse: /^Add `id:` right before its value — like `\/swap volunteer id:4`\.$/ }],
  ['/swap volunteer id: 4', run('swap volunteer', { id: '4' })],
  ['/swap book id: 4 kids: 2', run('swap book', { id: '4', kids: '2' })],
  ['/swap book 4 kids=2', { refuse: /^Add `kids:` right before its value — like `\/swap book 4 kids:2`\.$/ }],
  ['/swap book id=4 kids 2', { refuse: /^Add `id:` and `kids:` right before their values — like `\/swap book id:4 kids:2`\.$/ }],
];

function outcome(line: string): LineReading | { refused: string } {
  try {
    return readCommandLine(line, commands, readMention);
  } catch (error) {
    if (error instanceof UserError) return { refused: error.message };
    throw error;
  }
}

describe('free text, read like a person would', () => {
  it(`has at least 80 lines in its table (${TABLE.length})`, () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(80);
  });

  it.each(TABLE)('%s', (line, expected) => {
    const got = outcome(line);
    if ('refuse' in expected) {
      expect('refused' in got ? got.refused : got).toMatch(expected.refuse);
      return;
    }
    if ('ask' in expected) {
      expect(got).toMatchObject({ kind: 'question' });
      if (!('kind' in got) || got.kind !== 'question') return;
      expect(got.choices.map((c) => c.options)).toEqual(expected.ask);
      expect(got.text).toMatch(/Which did you mean\?/);
      return;
    }
    const [command = '', ...sub] = expected.run.split(' ');
    expect(got).toMatchObject({ kind: 'command', command, sub: sub.join(' ') });
    if (!('kind' in got) || got.kind !== 'command') return;
    expect(got.options).toEqual(expected.options);
    if (expected.as) expect(got.readAs).toMatch(/^I read that as `\/.+`\.$/);
    else expect(got.readAs).toBeUndefined();
  });

  it('asks with one button per reading, each the whole command', () => {
    const asked = readCommandLine('/swap book 7 2', commands, readMention);
    if (asked.kind !== 'question') throw new Error('expected a question');
    const reply = questionReply(asked);
    expect(reply.visibility).toBe('private');
    expect(reply.cards?.[0]?.buttons?.map((b) => [b.label, b.action])).toEqual([
      ['#7, 2 kids', { command: 'swap', sub: 'book', options: { id: '7', kids: '2' } }],
      ['#2, 7 kids', { command: 'swap', sub: 'book', options: { id: '2', kids: '7' } }],
    ]);
    // Callers that cannot ask get the question as a refusal.
    expect(() => parseCommandLine('/swap book 7 2', commands, readMention)).toThrow(/Which did you mean/);
  });

  it('reads Slack mentions and HTML-escaped text the same way', () => {
    const line = '/credits give <@U0SAM|sam> 2 "for the &amp; co"';
    expect(readCommandLine(line, commands, readSlackMention)).toMatchObject({ options: { member: { ref: 'U0SAM', name: 'sam' }, amount: '2', note: 'for the &amp; co' } });
    expect(readCommandLine('/swap choose 4 <@U0BEN>', commands, readSlackMention)).toMatchObject({ options: { id: '4', member: { ref: 'U0BEN' } } });
  });
});

describe('free text never breaks', () => {
  const subs = commands.flatMap((c) => Object.keys(c.subcommands).map((sub) => `/${c.name}${sub ? ` ${sub}` : ''}`));
  const word = fc.oneof(
    fc.constantFrom('2', '7', '#4', '13', '2h', '1.5', 'kids', 'up', 'to', 'note', '—', '@Ben', '@', '"a b"', 'sat', '7-11pm', 'off', 'mine', 'x:1', 'Europe/Paris'),
    fc.string({ maxLength: 12 }),
  );
  it('reads any words after any subcommand into a command, a question or a refusal, never a crash', () => {
    fc.assert(
      fc.property(fc.constantFrom(...subs), fc.array(word, { maxLength: 8 }), (head, words) => {
        const line = `${head} ${words.join(' ')}`;
        try {
          const got = readCommandLine(line, commands, readMention);
          if (got.kind === 'question') expect(got.choices.length).toBeGreaterThan(1);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
        }
      }),
      { seed: 15, numRuns: 3000 },
    );
  });
});

// Every named line reads exactly as the parser before free text read it: scripts drive this form.
const NAMED = [
  '/swap request when:"sat 19:00-23:00" kids:2',
  '/swap request when:sat 19:00-23:00 kids:2 note:two sleepy toddlers',
  '/swap request kids:2 when:"tomorrow 6pm for 3h" note:"bath & bed"',
  '/swap offer when:"fri 6-10pm" kids:3',
  '/swap session when:"sat 10:00-12:00" capacity:6',
  '/swap list',
  '/swap list show:mine',
  '/swap volunteer id:4',
  '/swap choose id:4 member:@Ben',
  '/swap book id:7 kids:2',
  '/swap cancel id:4 reason:kids are ill',
  '/swap done id:4 hours:3.5',
  '/swap quote when:"2026-12-05 19:00 4h" kids:3',
  '/swap remind id:4 set:off',
  '/credits balance',
  '/credits balance member:@sam',
  '/credits give member:@sam amount:2 note:"thanks for Tuesday"',
  '/credits adjust member:@sam amount:-2 reason:"double-booked sit"',
  '/checkin time when:"sun 19:00"',
  '/checkin pause until:2027-04-01',
  '/checkin answer reply:yes week:2027-03-08',
  '/profile timezone:Europe/Paris quiet:"21:00-08:00"',
  '/coop setup timezone:Europe/London channel:#coop checkin:"sun 19:00"',
  '/coop rules name:cap value:30',
  '/coop admin add member:@Ben',
  '/help',
  '/help command:swap',
  '/SWAP LIST show:open',
  '/swap request when:"sat 19:00-23:00" bogus:x',
  '/swap nonsense id:1',
  '/swap',
  '/credits give member:@sam amount:1 note:"a b" extra words',
];

describe('the named form keeps working exactly as before', () => {
  it.each(NAMED)('%s', (line) => {
    expect(parseCommandLine(line, commands, readMention)).toEqual(oldParseCommandLine(line, commands, readMention));
  });

  it('refuses the same broken named lines', () => {
    for (const line of ['/credits give member:@bad!name amount:1', '/swap list show:open show:mine', `/swap request when:${'x'.repeat(5000)}`]) {
      expect(() => oldParseCommandLine(line, commands, readMention)).toThrow(UserError);
      expect(() => parseCommandLine(line, commands, readMention)).toThrow(UserError);
    }
  });
});
