// Command latency against the bare SQL it cannot beat, on the same database with production settings (checkpoints in
// a worker thread): /credits balance against one bare SELECT, /swap request against a bare BEGIN IMMEDIATE; INSERT;
// COMMIT (which waits for the disk, as every write must). And /credits balance as it was before it became read-only
// (a write transaction with an idempotency row), for the difference. All in turns, so a busy disk weighs on each.
import pino from 'pino';
import { commands } from '../commands/index.ts';
import type { CommandSpec } from '../src/app/command.ts';
import { parseCommandLine } from '../src/app/command-line.ts';
import { Dispatcher } from '../src/app/dispatcher.ts';
import { ManualClock } from '../src/core/clock.ts';
import type { Invocation } from '../src/core/types.ts';
import { startCheckpointer } from '../src/db/checkpointer.ts';
import { APOLOGY } from '../src/messages/errors.ts';
import { readMention } from '../src/platforms/console/console-chat.ts';
import { NOW, type World } from './databases.ts';
import { Random } from './stats.ts';

export interface LatencyResult {
  bareSelect: number[];
  balance: number[];
  balanceAsWrite: number[];
  bareWrite: number[];
  request: number[];
}

/** The commands as they were: /credits balance a write like any other. */
function withBalanceAsWrite(): CommandSpec[] {
  return commands.map((c) =>
    c.name !== 'credits' ? c : { ...c, subcommands: { ...c.subcommands, balance: { ...c.subcommands.balance!, readOnly: false } } },
  );
}

export async function runLatencyBench(world: World, options: { iterations: number; warmup: number }): Promise<LatencyResult> {
  const { db, store } = world;
  const checkpointer = await startCheckpointer(store, world.file);
  const clock = new ManualClock(NOW);
  const log = pino({ level: 'silent' });
  const dispatcher = new Dispatcher({ store, clock, log, commands, defaultTimezone: 'Europe/London' });
  const asBefore = new Dispatcher({ store, clock, log, commands: withBalanceAsWrite(), defaultTimezone: 'Europe/London' });
  db.exec('CREATE TABLE IF NOT EXISTS bench_rows (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, note TEXT NOT NULL) STRICT');
  const bareSelect = db.prepare<[number], { balance: number }>('SELECT balance FROM accounts WHERE id = ?');
  const accounts = db.prepare<[], { id: number }>("SELECT id FROM accounts WHERE kind = 'household'").all().map((r) => r.id);
  const bareInsert = db.prepare<[number, string]>('INSERT INTO bench_rows (at, note) VALUES (?, ?)');
  const bareWrite = db.transaction((at: number) => bareInsert.run(at, 'a row about as big as a swap request'));
  const random = new Random(99);
  const result: LatencyResult = { bareSelect: [], balance: [], balanceAsWrite: [], bareWrite: [], request: [] };
  // A different sit each time: a family posting the same sit twice is (rightly) answered "already posted", which
  // writes nothing. Minutes off the hour and half hour, where the seeded sits start.
  const lines: string[] = [];
  for (const minute of Array.from({ length: 60 }, (_, m) => m).filter((m) => m % 30 !== 0)) {
    for (let hour = 8; hour < 18; hour++) {
      for (const day of ['mon', 'tue', 'thu', 'fri', 'sat', 'sun']) {
        const at = (h: number) => `${h}:${String(minute).padStart(2, '0')}`;
        lines.push(`/swap request when:"${day} ${at(hour)}-${at(hour + 2)}"${lines.length % 3 === 1 ? ' kids:2' : ''}`);
      }
    }
  }
  const parsed = lines.map((l) => parseCommandLine(l, commands, readMention));
  let next = 0;
  let key = 0;
  const invocation = (line: ReturnType<typeof parseCommandLine>): Invocation => {
    const coop = random.pick(world.seeded.coops);
    const member = random.pick(coop.members);
    key += 1;
    return { platform: 'discord', coopRef: coop.ref, member: { ref: member.ref, name: member.name }, isPlatformAdmin: false, idempotencyKey: `latency:${key}`, ...line };
  };
  const balanceLine = parseCommandLine('/credits balance', commands, readMention);
  const time = (work: () => void): number => {
    const start = process.hrtime.bigint();
    work();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const expectReply = (text: string, pattern: RegExp) => {
    if (text === APOLOGY || !pattern.test(text)) throw new Error(`unexpected answer in the latency bench: ${text.slice(0, 120)}`);
  };
  try {
    for (let i = 0; i < options.warmup + options.iterations; i++) {
      const timed = i >= options.warmup;
      const samples = [
        time(() => bareSelect.get(random.pick(accounts))),
        time(() => expectReply(dispatcher.dispatch(invocation(balanceLine)).text, /^(Your household has|You have) /)),
        time(() => expectReply(asBefore.dispatch(invocation(balanceLine)).text, /^(Your household has|You have) /)),
        time(() => bareWrite.immediate(clock.now())),
        time(() => expectReply(dispatcher.dispatch(invocation(parsed[next++ % parsed.length]!)).text, /^Posted #\d+/)),
      ];
      if (!timed) continue;
      result.bareSelect.push(samples[0]!);
      result.balance.push(samples[1]!);
      result.balanceAsWrite.push(samples[2]!);
      result.bareWrite.push(samples[3]!);
      result.request.push(samples[4]!);
    }
  } finally {
    await checkpointer.stop();
  }
  return result;
}
