// `npx tsx bench/capacity.ts [--quick]`: the capacity figures of docs/operations.md, on the 100 co-ops × 50
// households × one year world: what it holds and its size on disk (per co-op-year), commands a second on it through
// the dispatcher, and outbox messages a second through the real adapters to the loopback stand-ins. Not part of
// `npm run bench` (issue 13's goals): seeding the world alone takes a while. `--quick`: 10 co-ops, fewer samples.
import { cpus, loadavg } from 'node:os';
import { buildWorld } from './databases.ts';
import { runDiscordDrain, runSlackDrain } from './drain.ts';
import { runLatencyBench } from './latency.ts';
import { elapsedMs, percentile } from './stats.ts';
import { formatMs, formatNumber, formatTable } from './table.ts';
import { databaseBytes, TempDir } from './temp-db.ts';

const quick = process.argv.includes('--quick');
const CONFIG = {
  world: { coops: quick ? 10 : 100, households: 50, years: 1, members: 0 },
  latency: { iterations: quick ? 200 : 1_000, warmup: quick ? 20 : 100 },
  drain: { discordMembers: quick ? 60 : 500, slackChannels: quick ? 5 : 20, slackPerChannel: quick ? 3 : 10 },
};
const MB = 1_000_000;
const print = (text = '') => process.stdout.write(`${text}\n`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

const temp = new TempDir();
try {
  const cpu = cpus();
  print(`Breather capacity${quick ? ' (quick)' : ''} — ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}, node ${process.version}, load ${load()}`);
  print();

  // 1. The world and its size.
  const t0 = process.hrtime.bigint();
  const world = buildWorld(temp, 'capacity', CONFIG.world);
  const bytes = databaseBytes(world.file);
  const c = world.seeded.counts;
  print(`1. ${formatNumber(c.coops)} co-ops × ${CONFIG.world.households} households × ${CONFIG.world.years} year (built in ${formatMs(elapsedMs(t0))}, checkpointed)`);
  print(formatTable(['', 'count'], [
    ['households', c.households],
    ['members', world.members],
    ['swaps', c.swaps],
    ['swap parties', c.swapParties],
    ['ledger entries (transfers)', c.transfers],
    ['postings', c.postings],
  ]));
  const perCoopYear = bytes / MB / (c.coops * CONFIG.world.years);
  print(`   database: ${(bytes / MB).toFixed(1)} MB, ${perCoopYear.toFixed(2)} MB per co-op-year (${CONFIG.world.households} households)`);
  print();

  // 2. Commands through the dispatcher, one after another (each write its own fsync'd transaction).
  const latency = await runLatencyBench(world, CONFIG.latency);
  const mean = (s: number[]) => s.reduce((a, b) => a + b, 0) / s.length;
  const row = (name: string, s: number[]) => [name, formatMs(percentile(s, 50)), formatMs(percentile(s, 99)), formatNumber(1000 / percentile(s, 50)), formatNumber(1000 / mean(s))];
  print(`2. Commands on that database, ${formatNumber(CONFIG.latency.iterations)} each in turns (load ${load()})`);
  print(formatTable(['command', 'p50', 'p99', 'per second at p50', 'per second (mean)'], [
    row('/swap request (a write)', latency.request),
    row('/credits balance (a read)', latency.balance),
  ]));
  world.db.close();
  print();

  // 3. The outbox through the real adapters, on the real clock.
  const drains = [...(await runDiscordDrain(temp, CONFIG.drain.discordMembers)), await runSlackDrain(temp, CONFIG.drain.slackChannels, CONFIG.drain.slackPerChannel)];
  print(`3. Outbox messages through discord.js and Bolt to the loopback stand-ins, every request counted (load ${load()})`);
  print(formatTable(['drain', 'messages', 'requests', 'seconds', 'messages/s', 'requests/s', 'allowed/s', 'over the limit'], drains.map((d) => [
    d.label, d.messages, d.requests, d.seconds.toFixed(1), (d.messages / d.seconds).toFixed(1), d.perSecond.toFixed(1), d.allowedPerSecond, d.violations,
  ])));
} finally {
  temp.remove();
}
process.exit(0);
