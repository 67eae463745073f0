// `npm run bench`: ledger write throughput against plain SQLite, dispatcher latency on a year of co-op data, the
// scheduler, and time to first response through the real Discord and Slack adapters against loopback stand-ins.
// `npm run bench -- --quick` runs a small version to check the bench itself.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Store } from '../src/db/store.ts';
import { runDiscordBench } from './discord.ts';
import { runDispatchBench } from './dispatcher.ts';
import { runLedgerBench } from './ledger.ts';
import { runSchedulerBench, schedulerRows } from './scheduler.ts';
import { seedCoops } from './seed.ts';
import { runSlackBench } from './slack.ts';
import { elapsedMs } from './stats.ts';
import { formatBytes, formatMs, formatNumber, formatTable } from './table.ts';
import { databaseBytes, TempDir } from './temp-db.ts';

const quick = process.argv.includes('--quick');
const NOW = Date.parse('2026-11-22T12:00:00Z');
const CONFIG = {
  ledger: { transfers: quick ? 2_000 : 20_000, warmup: quick ? 200 : 1_000, runs: 3, households: 100, budgetMs: quick ? 4_000 : 14_000 },
  seed: { coops: quick ? 10 : 100, householdsPerCoop: 50, swapsPerHouseholdPerMonth: 2, now: NOW, seed: 20261122 },
  dispatch: { iterations: quick ? 200 : 2_000, warmup: quick ? 20 : 200, now: NOW, seed: 7 },
  scheduler: { coops: quick ? 10 : 100, membersPerCoop: 100, discordMessages: quick ? 500 : 2_000, slackChannels: 20, slackPerChannel: quick ? 5 : 10 },
  discord: { iterations: quick ? 30 : 300, burst: quick ? 20 : 100 },
  slack: { iterations: quick ? 20 : 200, warmup: quick ? 5 : 20 },
};

const print = (text = '') => process.stdout.write(`${text}\n`);
const memory = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
};

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const temp = new TempDir();
  try {
    const cpu = cpus();
    const machine = { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, node: process.version, platform: `${process.platform}-${process.arch}` };
    print(`Breather bench${quick ? ' (quick)' : ''} — ${machine.cpu} × ${machine.cores}, node ${machine.node}, ${machine.platform}`);
    print(`Databases in ${temp.path} (src/db/connection.ts pragmas: WAL, synchronous=FULL, foreign_keys=ON; only the marked ledger rows turn fsync off)`);
    print();

    // 1. Ledger transfers: with the real pragmas, then without the fsync to show what the code itself costs.
    const { transfers, warmup, runs, budgetMs } = CONFIG.ledger;
    print(`1. Ledger: up to ${formatNumber(transfers)} transfers per writer per run (1 transfer + 2 postings, one immediate transaction each),`);
    print(`   ${formatNumber(warmup)} warm-up, interleaved in blocks of 500, median of ${runs} runs, at most ${budgetMs / 1000} s per run`);
    const durable = runLedgerBench(temp, { ...CONFIG.ledger, synchronous: 'FULL' });
    const cpuOnly = runLedgerBench(temp, { ...CONFIG.ledger, synchronous: 'OFF' });
    const rows = [durable, cpuOnly].flatMap((r) => {
      const label = r.synchronous === 'FULL' ? 'synchronous=FULL (real)' : 'synchronous=OFF (no fsync)';
      const perRun = (rates: number[]) => rates.map((x, i) => `${formatNumber(x)} (${formatNumber(r.transfers[i] ?? 0)})`).join(' / ');
      return [
        [label, 'LedgerRepository.record + limits', r.oursMedian, perRun(r.oursPerSecond)],
        ['', 'plain better-sqlite3 inserts', r.plainMedian, perRun(r.plainPerSecond)],
        ['', 'ratio ours / plain', `${r.ratio.toFixed(3)}×`, ''],
      ];
    });
    print(formatTable(['pragmas', 'writer', 'transfers/s (median)', 'each run: transfers/s (timed transfers)'], rows));
    print();

    // 2. Seeding a year of co-op life.
    const { coops, householdsPerCoop } = CONFIG.seed;
    print(`2. Seed: ${coops} co-ops × ${householdsPerCoop} households × a year of swaps (~${CONFIG.seed.swapsPerHouseholdPerMonth} per household per month)`);
    const { db, file } = temp.openFresh('coops');
    const store = new Store(db);
    const seedStart = process.hrtime.bigint();
    const seeded = seedCoops(db, CONFIG.seed);
    const seedMs = elapsedMs(seedStart);
    const check = ledgerCheck(store);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const seedBytes = databaseBytes(file);
    const afterSeed = memory();
    const c = seeded.counts;
    print(
      formatTable(
        ['seeded', 'value'],
        [
          ['co-ops / households / members', `${formatNumber(c.coops)} / ${formatNumber(c.households)} / ${formatNumber(c.members)}`],
          ['swaps / swap parties', `${formatNumber(c.swaps)} / ${formatNumber(c.swapParties)}`],
          ['transfers / postings', `${formatNumber(c.transfers)} / ${formatNumber(c.postings)}`],
          ['household balances (min … max)', `${formatNumber(seeded.lowestBalance)} … ${formatNumber(seeded.highestBalance)} credit-min`],
          ['ledger balanced (cache = sum)', check],
          ['seeding time', formatMs(seedMs)],
          ['database size', formatBytes(seedBytes)],
          ['rss / heapUsed after seeding', `${formatBytes(afterSeed.rss)} / ${formatBytes(afterSeed.heapUsed)}`],
        ],
      ),
    );
    print();

    // 3. Dispatcher latency.
    const { iterations } = CONFIG.dispatch;
    print(`3. Dispatcher: ${formatNumber(iterations)} dispatches of each (after ${CONFIG.dispatch.warmup} warm-up), random members of random co-ops, clock at ${new Date(NOW).toISOString()}`);
    const latency = runDispatchBench(store, seeded.coops, CONFIG.dispatch);
    print(
      formatTable(
        ['command', 'count', 'p50', 'p99', 'max', 'mean', 'ops/s'],
        latency.map((l) => [l.command, l.count, formatMs(l.p50Ms), formatMs(l.p99Ms), formatMs(l.maxMs), formatMs(l.meanMs), l.opsPerSecond]),
      ),
    );
    const afterCheck = ledgerCheck(store);
    db.close();
    print();

    // 3b. Scheduler: one tick with every check-in due at once, and the outbox drain against rate-limited stand-ins.
    const sc = CONFIG.scheduler;
    print(`3b. Scheduler: ${sc.coops} co-ops × ${sc.membersPerCoop} members, every weekly check-in due at the same minute; outbox drain on virtual time`);
    const scheduler = await runSchedulerBench(temp, sc);
    print(formatTable(['scheduler', 'result'], schedulerRows(scheduler)));
    print();

    // 3c/3d. The platform adapters, each through its loopback stand-in in this process (an upper bound).
    print(`3c. Discord: the real discord.js client and adapter on a file database; ${formatNumber(CONFIG.discord.iterations)} interactions of each kind, one at a time, then a burst of ${CONFIG.discord.burst}`);
    const discord = await runDiscordBench(CONFIG.discord);
    print(formatTable(['discord', 'result'], discord.map((r) => [r.name, r.value])));
    print();
    print(`3d. Slack: the real Bolt app in Socket Mode and HTTP mode; ${formatNumber(CONFIG.slack.iterations)} commands of each kind (after ${CONFIG.slack.warmup} warm-up), ack and answer on the response_url`);
    const slack = await runSlackBench(CONFIG.slack);
    print(formatTable(['slack', 'result'], slack.map((r) => [r.name, r.value])));
    print();

    // 4. Memory.
    const afterRuns = memory();
    print('4. Memory');
    print(
      formatTable(
        ['when', 'rss', 'heapUsed'],
        [
          ['after seeding', formatBytes(afterSeed.rss), formatBytes(afterSeed.heapUsed)],
          ['after the runs', formatBytes(afterRuns.rss), formatBytes(afterRuns.heapUsed)],
        ],
      ),
    );
    const totalMs = elapsedMs(started);
    print();
    print(`Ledger still balanced after the dispatches: ${afterCheck}. Whole bench: ${formatMs(totalMs)}.`);

    const results = {
      at: new Date().toISOString(),
      quick,
      machine,
      config: CONFIG,
      ledger: { durable, cpuOnly },
      seed: { counts: c, lowestBalance: seeded.lowestBalance, highestBalance: seeded.highestBalance, ms: seedMs, databaseBytes: seedBytes, balanced: check },
      dispatch: latency,
      scheduler,
      discord,
      slack,
      memory: { afterSeed, afterRuns },
      totalMs,
    };
    const dir = fileURLToPath(new URL('./results/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}latest.json`, `${JSON.stringify(results, null, 2)}\n`);
    print(`Wrote bench/results/latest.json`);
  } finally {
    temp.remove();
  }
}

/** Cached balances equal posting sums and every co-op's ledger sums to zero; throws otherwise. */
function ledgerCheck(store: Store): string {
  const row = store.db
    .prepare<[], { drift: number; unbalanced: number }>(
      `SELECT (SELECT count(*) FROM accounts a WHERE a.balance <> (SELECT coalesce(sum(p.amount), 0) FROM postings p WHERE p.account_id = a.id)) AS drift,
              (SELECT count(*) FROM (SELECT coop_id FROM accounts GROUP BY coop_id HAVING sum(balance) <> 0)) AS unbalanced`,
    )
    .get();
  if (!row || row.drift !== 0 || row.unbalanced !== 0) throw new Error(`ledger out of balance: ${JSON.stringify(row)}`);
  return 'yes';
}

await main();
