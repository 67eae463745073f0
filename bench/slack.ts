// Slack adapter latency through the loopback stand-in and the real Bolt app, in both modes: how long until Slack
// gets its ack (the 3 s budget), and until the person's answer reaches the response_url.
import type { SlackMode } from '../src/platforms/slack/index.ts';
import { startSlackWorld } from '../test/platforms/slack/world.ts';
import { elapsedMs, percentile } from './stats.ts';
import { formatMs } from './table.ts';

export interface SlackBenchOptions {
  iterations?: number;
  warmup?: number;
}

const DAY = 86_400_000;
/** A different sit each time (the same offer twice is refused as a repeat): a day ahead of the world's clock and on. */
const offerWhen = (i: number) => `${new Date(Date.parse('2026-11-23T00:00:00Z') + (i % 100) * DAY).toISOString().slice(0, 10)} ${8 + 3 * Math.floor(i / 100)}:00 2h`;

const CASES = [
  { name: '/credits balance', text: () => 'balance', command: '/credits', expect: /household has|of credit/ },
  { name: '/swap offer', text: (i: number) => `offer when:"${offerWhen(i)}" kids:2`, command: '/swap', expect: /Posted your offer/ },
] as const;

async function measure(mode: SlackMode, options: Required<SlackBenchOptions>): Promise<{ name: string; value: string }[]> {
  const world = await startSlackWorld(mode);
  const rows: { name: string; value: string }[] = [];
  try {
    for (const c of CASES) {
      const acks: number[] = [];
      const answers: number[] = [];
      for (let i = 0; i < options.warmup + options.iterations; i += 1) {
        const started = process.hrtime.bigint();
        const delivered = await world.command('ana', c.command, c.text(i));
        const ackMs = elapsedMs(started);
        const url = delivered.sent.response_url;
        const answer = await world.standin.waitForCall((call) => call.method === 'response_url' && call.url === url);
        const answerMs = elapsedMs(started);
        if (!c.expect.test(JSON.stringify(answer.body))) throw new Error(`slack bench: unexpected answer to ${c.name}: ${JSON.stringify(answer.body)}`);
        if (i < options.warmup) continue;
        acks.push(ackMs);
        answers.push(answerMs);
      }
      const label = `slack ${mode} ${c.name}`;
      rows.push({ name: `${label}: ack p50 / p99`, value: `${formatMs(percentile(acks, 50))} / ${formatMs(percentile(acks, 99))}` });
      rows.push({ name: `${label}: answer p50 / p99`, value: `${formatMs(percentile(answers, 50))} / ${formatMs(percentile(answers, 99))}` });
    }
    await world.relay.drain();
  } finally {
    await world.close();
  }
  return rows;
}

/** Rows for the bench table: ack and time-to-answer, p50/p99, per mode and command (n = iterations each). */
export async function runSlackBench(options: SlackBenchOptions = {}): Promise<{ name: string; value: string }[]> {
  const settings = { iterations: options.iterations ?? 200, warmup: options.warmup ?? 20 };
  const rows = [...(await measure('socket', settings)), ...(await measure('http', settings))];
  return [...rows, { name: 'slack bench samples per row', value: String(settings.iterations) }];
}
