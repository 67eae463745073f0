import fc from 'fast-check';

// Lines for the console fuzz: malformed and hostile input mixed with valid commands by several members, in the named
// form and in free text, so credits really move while the junk flies. Seeded through fast-check, so a failing run
// can be replayed exactly.

/** Members the random commands act as and name. Alice goes first, so she is the console co-op's admin. */
export const MEMBERS = ['Alice', 'Bob', 'Cara', 'Dan', 'Eve'] as const;

const member = fc.constantFrom(...MEMBERS);
const swapId = fc.integer({ min: 1, max: 40 });
const amount = fc.constantFrom('0.25', '0.5', '1', '1.5', '2', '3', '2h', '1,5');

const CONTROL = fc.constantFrom(
  ...'\u0000\u0001\u0007\u0008\u0009\u000b\u000c\u001b\u007f\u0085\u00a0\u200b\u200e\u202e\u2028\u2029\ufeff\ufffd'.split(''),
);
const controlText = fc.array(fc.oneof(CONTROL, fc.constantFrom('a', ' ', '1', ':', '"')), { minLength: 1, maxLength: 40 }).map((a) => a.join(''));
const unicodeText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 });
const binaryText = fc.string({ unit: 'binary', minLength: 1, maxLength: 80 });
const SQL = [
  "'; DROP TABLE postings; --",
  "Robert'); DROP TABLE members;--",
  '" OR 1=1 --',
  "1; UPDATE accounts SET balance = 999999; --",
  "x' UNION SELECT * FROM accounts --",
  'NULL',
  '%00',
];
const sqlText = fc.constantFrom(...SQL);
const weird = fc.oneof(sqlText, controlText, unicodeText, binaryText);

/** 10–50 KB of one repeated random chunk. */
const huge = fc
  .tuple(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), fc.constantFrom('a', 'x ', "'; DROP TABLE postings; -- ")), fc.integer({ min: 10_000, max: 50_000 }))
  .map(([chunk, size]) => chunk.repeat(Math.ceil(size / chunk.length)).slice(0, size));

// Free text: the same commands typed the way people talk (questions and did-you-mean included).
const freeLine = fc.oneof(
  swapId.map((id) => `/swap volunteer ${id}`),
  swapId.map((id) => `/swap volunteer #${id}`),
  swapId.map((id) => `/swap done ${id}`),
  fc.tuple(swapId, fc.constantFrom('3.5h', '2 h', '4 hours', '1,5h')).map(([id, h]) => `/swap done ${id} ${h}`),
  fc.tuple(swapId, fc.integer({ min: 1, max: 3 })).map(([id, k]) => `/swap book ${id} ${k} kids`),
  fc.tuple(swapId, swapId).map(([a, b]) => `/swap book ${a} ${b}`),
  fc.tuple(swapId, swapId).map(([a, b]) => `/swap done ${a} ${b}`),
  fc.tuple(swapId, member).map(([id, m]) => `/swap choose ${id} @${m}`),
  fc.tuple(swapId, fc.constantFrom('kids are ill', '"sorry!"', '— plans changed')).map(([id, why]) => `/swap cancel ${id} ${why}`),
  fc.tuple(member, amount).map(([m, a]) => `/credits give @${m} ${a}`),
  fc.tuple(member, amount, weird).map(([m, a, n]) => `/credits give @${m} ${a} "${n.replace(/"/g, '')}"`),
  fc.constantFrom(
    '/swap quote sat 7-11pm 2 kids',
    '/swap quote tomorrow 6pm for 3h 2',
    '/swap quote 2 fri 7pm-1am',
    '/swap list mine',
    '/credits balance',
    '/checkin time wed 12:30',
    '/profile Europe/London',
    '/help swap',
    '/swpa list',
    '/credit balance',
    '/swap volunter 4',
    '/swap volunteer soon',
    '/swap volunteer @Bob 3',
  ),
);

const validLine = fc.oneof(
  freeLine,
  member.map((m) => `:as ${m}`),
  fc.tuple(member, amount).map(([m, a]) => `/credits give member:@${m} amount:${a}`),
  fc.tuple(member, amount, weird).map(([m, a, n]) => `/credits give member:@${m} amount:${a} note:"${n.replace(/"/g, '')}"`),
  fc.constantFrom('/credits balance', '/credits history', '/swap list', '/swap list show:mine', '/help', '/help swap', '/coop rules', ':now'),
  swapId.map((id) => `/swap volunteer id:${id}`),
  swapId.map((id) => `/swap cancel id:${id}`),
  swapId.map((id) => `/swap done id:${id}`),
  fc.tuple(swapId, member).map(([id, m]) => `/swap choose id:${id} member:@${m}`),
  fc.tuple(swapId, fc.constantFrom('volunteer', 'cancel', 'done', 'book')).map(([id, sub]) => `:press swap.${sub}?id=${id}`),
  fc.tuple(swapId, member).map(([id, m]) => `:press swap.choose?id=${id}&member=${m.toLowerCase()}`),
  fc.constantFrom(':advance 3h', ':advance 1d', ':advance 2d12h', ':advance 30m'),
  fc.constantFrom('/swap quote when:"tomorrow 18:00-21:00" kids:2', '/swap quote when:"fri 7pm-1am"', '/swap quote when:"2026-12-05 19:00 4h" kids:3'),
);

// Posting commands always carry at least one option the dispatcher refuses, so only the cycles below post swaps
// and their numbers stay predictable.
const refusedOption = fc.constantFrom('kids:0', 'kids:-1', 'kids:abc', 'kids:13', 'kids:99999999999999999999', 'capacity:0', 'bogus:x', 'id:1 id:2', 'when:');
const badOptions = fc.oneof(
  fc.tuple(fc.constantFrom('request', 'offer', 'session'), fc.oneof(weird, fc.constant('sat 19:00-23:00')), refusedOption).map(
    ([sub, when, bad]) => `/swap ${sub} when:"${when.replace(/"/g, '')}" ${bad}`,
  ),
  fc.tuple(fc.constantFrom('volunteer', 'cancel', 'done', 'book', 'choose'), fc.oneof(weird, fc.constantFrom('0', '-1', '1.5', '1e9', 'NaN', '١', '')))
    .map(([sub, id]) => `/swap ${sub} id:${id}`),
  fc.tuple(fc.oneof(member, weird), fc.oneof(weird, fc.constantFrom('-5', '0', '1e9', 'NaN', 'Infinity', '99999', '−1', '１', '0.1')))
    .map(([m, a]) => `/credits give member:@${m} amount:${a}`),
  fc.tuple(member, fc.oneof(weird, fc.constantFrom('abc', '-0', '1000000')), weird).map(([m, a, r]) => `/credits adjust member:@${m} amount:${a} reason:${r}`),
  // Real rule names only with unreadable values: a changed floor could stop the cycles' requests from posting.
  fc.tuple(fc.oneof(weird, fc.constant('bogus')), fc.oneof(weird, fc.constantFrom('1', '30'))).map(([n, v]) => `/coop rules name:${n} value:${v}`),
  fc.tuple(fc.constantFrom('floor', 'cap', 'starting_credits'), fc.constantFrom('abc', '', 'x1', '1 2', '--')).map(([n, v]) => `/coop rules name:${n} value:${v}`),
  weird.map((w) => `/profile timezone:${w}`),
  weird.map((w) => `/swap done id:1 hours:${w}`),
  fc.constantFrom(':advance 0m', ':advance -1d', ':advance 401d', ':advance abc', ':advance', ':advance 1d2h3m4s', ':as', ':as 1abc', ':as a b', ':press', ':press swap.', ':press swap.volunteer?id', ':press swap.volunteer?id=%E0%A4%A'),
);

// Free-text posts always carry something refused, as above, so only the cycles post swaps.
const badFree = fc.oneof(
  fc.tuple(fc.constantFrom('request', 'offer', 'quote'), weird).map(([sub, w]) => `/swap ${sub} 13 kids ${w}`),
  weird.map((w) => `/swap offer up to 0 ${w}`),
  weird.map((w) => `/swap session 0 kids ${w}`),
  weird.map((w) => `/swap request 0 children sat 7-11pm ${w}`),
  weird.map((w) => `/swap volunteer ${w}`),
  fc.tuple(swapId, weird).map(([id, w]) => `/swap done ${id} ${w}`),
  fc.tuple(member, weird).map(([m, w]) => `/credits give @${m} ${w}`),
  weird.map((w) => `/swap ${w}`),
  weird.map((w) => `/credits ${w}`),
  weird.map((w) => `/checkin time ${w}`),
);

const unknown = fc.oneof(
  fc.stringMatching(/^[a-z]{1,12}$/).map((w) => `/${w}`),
  fc.tuple(fc.stringMatching(/^[a-z]{1,12}$/), weird).map(([w, rest]) => `/${w} ${rest}`),
  fc.constantFrom('/', '//', '/ ', '/123', '/SWAP LIST', '/swap', '/swap nonsense', '/credits', ':', '::', ':unknown', 'hello', 'help', '@Alice'),
  weird.map((w) => `/${w}`),
  weird.map((w) => `:${w}`),
  weird.map((w) => `:as ${w}`),
  weird.map((w) => `:press ${w}`),
  weird,
);

const hugeLine = fc.oneof(
  huge,
  huge.map((h) => `/swap request when:"sat 19:00-23:00" note:"${h}"`),
  huge.map((h) => `/credits give member:@Bob amount:1 note:${h}`),
  huge.map((h) => `:press ${h}`),
  huge.map((h) => `:as ${h}`),
  huge.map((h) => `/${h}`),
);

/** A request that is sure to post (a fresh household can afford it), then volunteer, choose, time passes, done. */
interface Cycle {
  sitter: string;
  kids: number;
}
const cycle = fc.record({ sitter: member, kids: fc.integer({ min: 1, max: 3 }) });

type Item = string | Cycle;
const item: fc.Arbitrary<Item> = fc.oneof(
  { weight: 30, arbitrary: validLine },
  { weight: 18, arbitrary: badOptions },
  { weight: 7, arbitrary: badFree },
  { weight: 20, arbitrary: unknown },
  { weight: 2, arbitrary: hugeLine },
  { weight: 4, arbitrary: cycle },
);

function cycleLines(c: Cycle, number: number): string[] {
  const parent = `Parent${number}`;
  return [
    `:as ${parent}`,
    number % 2 ? `/swap request tomorrow 6-9pm ${c.kids} kids` : `/swap request when:"tomorrow 18:00-21:00" kids:${c.kids}`,
    `:as ${c.sitter}`,
    // Every other cycle is typed the way people talk.
    number % 2 ? `/swap volunteer ${number}` : `/swap volunteer id:${number}`,
    `:as ${parent}`,
    number % 2 ? `/swap choose ${number} @${c.sitter}` : `/swap choose id:${number} member:@${c.sitter}`,
    ':advance 2d',
    number % 2 ? `/swap done ${number}` : `/swap done id:${number}`,
  ];
}

/** What the console treats as a line's verb (`:quit extra` quits), or undefined for a non-console line. */
export function consoleVerb(line: string): string | undefined {
  const trimmed = line.trim();
  return trimmed.startsWith(':') ? (trimmed.slice(1).split(/\s+/)[0] ?? '').toLowerCase() : undefined;
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** `count` lines, reproducible from `seed`. No line contains a line break or ends the chat (`:quit`). */
export function fuzzLines(seed: number, count = 1000): string[] {
  const items = fc.sample(item, { seed, numRuns: count });
  const lines: string[] = [':as Alice'];
  let swaps = 0;
  for (const it of items) {
    if (typeof it === 'string') lines.push(it);
    else lines.push(...cycleLines(it, ++swaps));
    if (lines.length >= count) break;
  }
  return lines
    .slice(0, count)
    .map((l) => l.replace(/[\r\n]/g, ' '))
    .map((l) => (consoleVerb(l) === 'quit' ? `x${l}` : l));
}

/** A slash command with words that are not `name:value`: free text. */
export function isFreeText(line: string): boolean {
  const words = line.trim().split(/\s+/);
  return line.startsWith('/') && words.length > 2 && words.slice(2).some((w) => !/^[a-z_]+:/i.test(w));
}
