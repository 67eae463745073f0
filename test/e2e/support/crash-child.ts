// A co-op that never stops trading, for the crash test to kill: the real Store, Dispatcher and outbox relay on a DB
// file, doing swaps (request → volunteer → choose → done) and gifts in a loop. After each command commits it prints
//   op <n> <transfers in the DB>
// so the parent knows what is durable. With a third argument it stops after that many operations and prints `end`.
// Usage: node --import tsx crash-child.ts <db file> <seed> [max ops]
import { randomUUID } from 'node:crypto';
import { commands } from '../../../commands/index.ts';
import { ManualClock } from '../../../src/core/clock.ts';
import { parseCommandLine } from '../../../src/app/command-line.ts';
import { Dispatcher } from '../../../src/app/dispatcher.ts';
import { openDatabase } from '../../../src/db/connection.ts';
import { migrate } from '../../../src/db/migrate.ts';
import { Store } from '../../../src/db/store.ts';
import { OutboxRelay } from '../../../src/jobs/outbox-relay.ts';
import { createLogger } from '../../../src/logger.ts';
import { readMention } from '../../../src/platforms/console/console-chat.ts';

const [dbPath, seedText = '1', maxText] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: crash-child.ts <db file> <seed> [max ops]');
const maxOps = maxText ? Number(maxText) : Number.POSITIVE_INFINITY;

/** mulberry32: a small seeded generator, so a run can be replayed. */
let state = Number(seedText) >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const MEMBERS = ['Alice', 'Bob', 'Cara', 'Dan', 'Eve', 'Finn'];
const DAY = 86_400_000;

const db = openDatabase(dbPath);
migrate(db, { path: dbPath });
const store = new Store(db);
const log = createLogger('error');
const clock = new ManualClock(Date.parse('2026-11-22T12:00:00Z'));
const relay = new OutboxRelay(store, clock, log);
relay.register({ platform: 'console', send: async () => ({ ok: true }) });
const dispatcher = new Dispatcher({ store, clock, log, commands, defaultTimezone: 'Europe/London' });
const countTransfers = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM transfers');
const runId = randomUUID().slice(0, 8);
let ops = 0;

async function run(who: string, line: string): Promise<string> {
  const reply = dispatcher.dispatch({
    platform: 'console',
    coopRef: 'console',
    coopName: 'Console co-op',
    channelRef: 'general',
    member: { ref: who.toLowerCase(), name: who },
    isPlatformAdmin: false,
    idempotencyKey: `crash:${runId}:${ops}`,
    ...parseCommandLine(line, commands, readMention),
  });
  ops += 1;
  process.stdout.write(`op ${ops} ${countTransfers.get()?.n ?? 0}\n`);
  if (ops >= maxOps) {
    await relay.drain();
    db.close();
    process.stdout.write('end\n');
    process.exit(0);
  }
  await relay.drain();
  return reply.text;
}

/** Members by balance, richest first (unknown members count as new ones), so credits keep flowing both ways. */
function byBalance(): string[] {
  const coop = store.coops.find('console', 'console');
  const balanceOf = (name: string): number => {
    const member = coop && store.members.find(coop.id, name.toLowerCase());
    return member ? store.ledger.balance(store.ledger.accountOfHousehold(member.householdId)) : 300;
  };
  return [...MEMBERS].sort((a, b) => balanceOf(b) - balanceOf(a));
}

async function swapCycle(): Promise<void> {
  const ranked = byBalance();
  const parent = ranked[Math.floor(random() * 2)]!;
  const sitter = ranked[ranked.length - 1 - Math.floor(random() * 2)]!;
  const kids = 1 + Math.floor(random() * 3);
  const posted = await run(parent, `/swap request when:"tomorrow 18:00-${19 + Math.floor(random() * 4)}:00" kids:${kids}`);
  const number = /Posted #(\d+)/.exec(posted)?.[1];
  if (!number) return;
  await run(sitter, `/swap volunteer id:${number}`);
  if (random() < 0.1) {
    await run(parent, `/swap cancel id:${number} reason:"plans changed"`);
    return;
  }
  await run(parent, `/swap choose id:${number} member:@${sitter}`);
  clock.advance(2 * DAY);
  if (random() < 0.3) await run(sitter, `/swap done id:${number}`);
  await run(parent, `/swap done id:${number}${random() < 0.2 ? ' hours:2.5' : ''}`);
}

async function gift(): Promise<void> {
  const from = pick(MEMBERS);
  const to = pick(MEMBERS.filter((m) => m !== from));
  await run(from, `/credits give member:@${to} amount:${pick(['0.25', '1', '2.5', '6', '12'])} note:"thanks!"`);
}

process.stdout.write('ready\n');
await run('Alice', '/credits balance'); // Alice first: the admin
for (;;) {
  const roll = random();
  if (roll < 0.5) await swapCycle();
  else if (roll < 0.9) await gift();
  else await run('Alice', `/credits adjust member:@${pick(MEMBERS)} amount:${pick(['+1', '-1', '+0.5'])} reason:"evening out"`);
}
