import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { Reply } from '../../src/core/types.ts';
import { createHarness } from '../support/harness.ts';
import { wordingProblems } from './wording-rules.ts';
import { DB_IDS, MODULES, SAMPLES } from './wording-samples.ts';

// Every message template, rendered with representative views, keeps the wording rules (wording-rules.ts): no
// internal words or ids towards members, no broken values, within the platforms' limits, refusals on one line.
// And the refusals the services build, for the usual slips, keep the same rules.

describe('the wording of every message template', () => {
  it('has samples for every export of src/messages/ (a new one must be added to wording-samples.ts)', () => {
    const exported = Object.values(MODULES).flatMap((module) => Object.keys(module));
    expect(exported.filter((name) => !(name in SAMPLES))).toEqual([]);
    expect(Object.keys(SAMPLES).filter((name) => !exported.includes(name))).toEqual([]);
  });

  it.each(Object.entries(SAMPLES))('%s keeps the rules', (_name, build) => {
    const samples = build();
    if (typeof samples === 'string') return; // not a text: a number or a time view
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) expect(wordingProblems(sample.message, sample.audience, DB_IDS)).toEqual([]);
  });

  it('can fail: a planted text breaks the rules it should', () => {
    const bad = {
      text: 'Your household has undefined h (floor -10 h, cap 40 h).  Sit for someone first .\nAsk <@U123>, swap id 80231.',
      cards: [{ title: 'x'.repeat(300), buttons: [{ label: 'NaN', action: { command: 'swap', sub: 'list', options: {} } }] }],
    };
    const problems = wordingProblems(bad, 'refusal', [80231]);
    for (const expected of [/internal word/, /broken value/, /banned line/, /mention markup/, /slip/, /database id/, /over 256/, /more than one line/]) {
      expect(problems.some((p) => expected.test(p)), `${expected} in ${problems.join('; ')}`).toBe(true);
    }
    // Admins may read the co-op's own words; a command to type is not a word said.
    expect(wordingProblems({ text: 'The cap is 40 h.' }, 'admin')).toEqual([]);
    expect(wordingProblems({ text: 'Change it with `/coop rules name:cap value:30` or `/household leave`.' }, 'member')).toEqual([]);
  });
});

/** Slips members make, and the private answers they get: each a refusal that keeps the rules. */
const SLIPS: [who: string, line: string][] = [
  ['Ben', '/swap volunteer id:9'],
  ['Ben', '/swap book id:1'],
  ['Ana', '/swap volunteer id:1'],
  ['Ana', '/swap book id:2 kids:9'],
  ['Cat', '/swap book id:2 kids:2'],
  ['Ben', '/swap choose id:1 member:@cat'],
  ['Ana', '/swap done id:1'],
  ['Ana', '/swap request when:"sat 19:00-23:59" kids:6'],
  ['Ana', '/swap request when:"yesterday 7pm for 2h"'],
  ['Ana', '/credits give member:@ben amount:20'],
  ['Ana', '/credits balance member:@ben'],
  ['Ben', '/coop rules name:cap value:30'],
  ['Ana', '/household leave'],
  ['Ana', '/household accept id:7'],
  ['Ana', '/household invite member:@ana'],
  ['Ana', '/checkin pause until:"last week"'],
  ['Ana', '/profile quiet:"9pm"'],
  ['Ana', '/swpa list'],
  ['Ana', '/swap 4'],
  ['Ana', '/swap'],
  ['Ana', '/swap volunteer'],
  ['Ana', '/swap volunteer id=1'],
  ['Ana', '/help swpa'],
];

describe('the refusals services build, for the usual slips', () => {
  it.each(SLIPS)('%s: %s', (who, line) => {
    const h = createHarness();
    for (const name of ['Ana', 'Ben', 'Cat']) h.run(name, '/help');
    h.run('Ana', '/swap request when:"sat 19:00-23:00" kids:2');
    h.run('Ana', '/swap session when:"sun 10:00-12:00" capacity:2');
    h.run('Ben', '/swap book id:2 kids:2');
    const reply: Reply = h.run(who, line);
    expect(reply.visibility).toBe('private');
    expect(wordingProblems(reply, 'refusal')).toEqual([]);
  });

  it('covers commands that exist (the table is not stale)', () => {
    const names = new Set(commands.map((c) => c.name));
    expect(SLIPS.map(([, line]) => line.slice(1).split(' ')[0] ?? '').filter((n) => !names.has(n))).toEqual(['swpa']);
  });
});
