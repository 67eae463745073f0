// Commands whose answer reads history, on one year against ten years of the same co-ops: /swap list show:mine,
// /credits history and /coop report. Dispatched in turns on the two worlds, by random members (the report by the
// co-op's admin); the figure is each side's median and p99.
import pino from 'pino';
import { commands } from '../commands/index.ts';
import { Dispatcher } from '../src/app/dispatcher.ts';
import { ManualClock } from '../src/core/clock.ts';
import type { Invocation } from '../src/core/types.ts';
import { APOLOGY } from '../src/messages/errors.ts';
import { NOW, type World } from './databases.ts';
import { percentile, Random } from './stats.ts';

export interface HistoryCase {
  name: string;
  oneYear: number[];
  tenYears: number[];
}

const CASES = [
  { name: '/swap list show:mine', command: 'swap', sub: 'list', options: { show: 'mine' }, admin: false, expect: /^(Your swaps|You have no open swaps)/ },
  { name: '/credits history', command: 'credits', sub: 'history', options: {}, admin: false, expect: /^Recent entries/ },
  { name: '/coop report', command: 'coop', sub: 'report', options: {}, admin: true, expect: /^Co-op report/ },
] as const;

export function runHistoryBench(small: World, large: World, options: { iterations: number; coops: number }): HistoryCase[] {
  const random = new Random(13);
  const dispatchers = [small, large].map(
    (w) => new Dispatcher({ store: w.store, clock: new ManualClock(NOW), log: pino({ level: 'silent' }), commands, defaultTimezone: 'Europe/London' }),
  );
  const results: HistoryCase[] = CASES.map((c) => ({ name: c.name, oneYear: [], tenYears: [] }));
  let key = 0;
  const once = (world: World, dispatcher: Dispatcher, c: (typeof CASES)[number], into: number[], timed: boolean) => {
    const coop = world.seeded.coops[random.int(0, options.coops - 1)];
    if (!coop) throw new Error('no co-op to ask in');
    const member = c.admin ? coop.members[0] : random.pick(coop.members);
    if (!member) throw new Error('no member to ask as');
    key += 1;
    const invocation: Invocation = {
      platform: 'discord',
      coopRef: coop.ref,
      member: { ref: member.ref, name: member.name },
      isPlatformAdmin: false,
      idempotencyKey: `history:${key}`,
      command: c.command,
      sub: c.sub,
      options: { ...c.options },
    };
    const start = process.hrtime.bigint();
    const reply = dispatcher.dispatch(invocation);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (reply.text === APOLOGY || !c.expect.test(reply.text)) throw new Error(`${c.name} on ${world.name} answered: ${reply.text.slice(0, 120)}`);
    if (timed) into.push(ms);
  };
  for (let i = 0; i < options.iterations + 20; i++) {
    CASES.forEach((c, n) => {
      const result = results[n]!;
      const order = i % 2 === 0 ? [0, 1] : [1, 0];
      for (const side of order) once([small, large][side]!, dispatchers[side]!, c, side === 0 ? result.oneYear : result.tenYears, i >= 20);
    });
  }
  return results;
}

export const median = (samples: number[]) => percentile(samples, 50);
