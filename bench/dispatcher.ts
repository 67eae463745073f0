// Dispatcher latency on a seeded database: the whole path a platform adapter takes (validation, one immediate
// transaction, the idempotency row, outbox rows), timed per call.
import pino from 'pino';
import { commands } from '../commands/index.ts';
import { ManualClock } from '../src/core/clock.ts';
import { parseCommandLine, type ParsedLine } from '../src/app/command-line.ts';
import { Dispatcher } from '../src/app/dispatcher.ts';
import { APOLOGY } from '../src/messages/errors.ts';
import type { Invocation } from '../src/core/types.ts';
import type { Store } from '../src/db/store.ts';
import { readMention } from '../src/platforms/console/console-chat.ts';
import type { SeededCoop } from './seed.ts';
import { percentile, Random } from './stats.ts';

export interface DispatchBenchOptions {
  iterations: number;
  warmup: number;
  now: number;
  seed: number;
}

export interface LatencyResult {
  command: string;
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  opsPerSecond: number;
}

interface Case {
  name: string;
  lines: string[];
  /** What a successful reply starts with: anything else means we timed a refusal or an error. */
  expect: RegExp;
}

const CASES: Case[] = [
  {
    name: '/swap request',
    lines: [
      // Quarter past and to: the seeded sits start on the hour or half past, and a repeat of one is refused.
      '/swap request when:"sat 19:15-23:15"',
      '/swap request when:"tomorrow 6:15pm for 3h" kids:2',
      '/swap request when:"fri 18:45-22:15" kids:1 note:"two sleepy toddlers"',
      '/swap request when:"wed 17:15-19:45"',
    ],
    expect: /^Posted #\d+ for /,
  },
  { name: '/credits balance', lines: ['/credits balance'], expect: /^(Your household has|You have) / },
];

export function runDispatchBench(store: Store, coops: readonly SeededCoop[], options: DispatchBenchOptions): LatencyResult[] {
  const clock = new ManualClock(options.now);
  const dispatcher = new Dispatcher({ store, clock, log: pino({ level: 'silent' }), commands, defaultTimezone: 'Europe/London' });
  const random = new Random(options.seed);
  const parsed = CASES.map((c) => c.lines.map((line) => parseCommandLine(line, commands, readMention)));
  const samples = CASES.map(() => [] as number[]);
  let key = 0;
  const turns = new Map<number, number>();

  const dispatchOne = (caseIndex: number, timed: boolean) => {
    const spec = CASES[caseIndex];
    const lines = parsed[caseIndex];
    if (!spec || !lines) throw new Error(`no bench case ${caseIndex}`);
    const coop = random.pick(coops);
    // Each household's first parent in turn, with the next line on each round: a household posting the same sit
    // twice is (rightly) refused as a repeat.
    const firsts = coop.members.filter((m) => m.ref.endsWith('-0'));
    const turn = turns.get(coop.id) ?? 0;
    turns.set(coop.id, turn + 1);
    const member = firsts[turn % firsts.length] ?? random.pick(coop.members);
    const line: ParsedLine = lines[Math.floor(turn / Math.max(firsts.length, 1)) % lines.length] ?? random.pick(lines);
    key += 1;
    const invocation: Invocation = {
      platform: 'discord',
      coopRef: coop.ref,
      member: { ref: member.ref, name: member.name },
      isPlatformAdmin: false,
      idempotencyKey: `bench:${key}`,
      command: line.command,
      sub: line.sub,
      options: line.options,
    };
    const start = process.hrtime.bigint();
    const reply = dispatcher.dispatch(invocation);
    const ns = process.hrtime.bigint() - start;
    if (reply.text === APOLOGY || reply.text.startsWith('Sorry, something went wrong')) {
      throw new Error(`${spec.name} by ${member.ref} in ${coop.ref} returned the apology: the bench would measure an error path`);
    }
    if (!spec.expect.test(reply.text)) {
      throw new Error(`${spec.name} by ${member.ref} in ${coop.ref} was refused, not run: "${reply.text}"`);
    }
    if (timed) samples[caseIndex]?.push(Number(ns) / 1e6);
  };

  const before = counts(store);
  // Interleaved, so both commands see the same growing database and the same cache state.
  for (let i = 0; i < options.warmup; i += 1) CASES.forEach((_, c) => dispatchOne(c, false));
  for (let i = 0; i < options.iterations; i += 1) CASES.forEach((_, c) => dispatchOne(c, true));
  checkSideEffects(store, before, options.warmup + options.iterations);

  return CASES.map((c, i) => {
    const ms = samples[i] ?? [];
    const total = ms.reduce((a, b) => a + b, 0);
    return {
      command: c.name,
      count: ms.length,
      p50Ms: percentile(ms, 50),
      p99Ms: percentile(ms, 99),
      maxMs: Math.max(...ms),
      meanMs: total / ms.length,
      opsPerSecond: ms.length / (total / 1000),
    };
  });
}

function counts(store: Store): { invocations: number; outbox: number; swaps: number } {
  const row = store.db
    .prepare<[], { invocations: number; outbox: number; swaps: number }>(
      'SELECT (SELECT count(*) FROM invocations) AS invocations, (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM swaps) AS swaps',
    )
    .get();
  if (!row) throw new Error('count query returned nothing');
  return row;
}

/** Every dispatch left its idempotency row, and every request its swap and channel post. */
function checkSideEffects(store: Store, before: ReturnType<typeof counts>, perCommand: number): void {
  const after = counts(store);
  const grew = { invocations: after.invocations - before.invocations, outbox: after.outbox - before.outbox, swaps: after.swaps - before.swaps };
  if (grew.invocations !== perCommand * CASES.length || grew.swaps !== perCommand || grew.outbox !== perCommand) {
    throw new Error(`dispatches did not leave the expected rows: ${JSON.stringify(grew)} for ${perCommand} of each command`);
  }
}
