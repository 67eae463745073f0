// `npm run bench`: issue 13's goals, each measured against its baseline in the same run (paired where it can be),
// then printed together as one table: measured / baseline / ratio. Also the ledger's write throughput and the
// platforms' time to first response. `npm run bench -- --quick` runs a small version to check the bench itself.
// It runs with the young generation `npm run start:prod` gives the bot (--max-semi-space-size=4): the interactions
// timed in this process are answered by it, and its scavenges (2 ms, against 7 ms with Node's default) are part of
// every tail.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { storePlans } from '../test/support/query-plans.ts';
import { p99, runAnsweringBench } from './answering.ts';
import { discordCrashes, slackCrashes } from './crashes.ts';
import { buildWorld } from './databases.ts';
import { runDiscordBench } from './discord.ts';
import { runDiscordDrain, runSlackDrain } from './drain.ts';
import { runEmptyTickBench } from './empty-tick.ts';
import { goalsTable, leastGoal, ratioGoal, type Goal } from './goals.ts';
import { median, runHistoryBench } from './history.ts';
import { runLatencyBench } from './latency.ts';
import { runLedgerBench } from './ledger.ts';
import { consoleProcess, platformsProcess, REPO, sigtermWithQueue } from './process.ts';
import { runRetentionBench } from './retention.ts';
import { runSlackBench } from './slack.ts';
import { elapsedMs, percentile } from './stats.ts';
import { formatMs, formatNumber, formatTable } from './table.ts';
import { TempDir } from './temp-db.ts';
import { discordThreadCrashes } from './thread-crashes.ts';
import { runTickBench } from './tick.ts';

const quick = process.argv.includes('--quick');
const CONFIG = {
  ledger: { transfers: quick ? 2_000 : 20_000, warmup: quick ? 200 : 1_000, runs: 3, households: 100, budgetMs: quick ? 4_000 : 14_000 },
  small: { coops: quick ? 4 : 20, households: 50, years: 1, members: quick ? 250 : 1_000 },
  large: { coops: quick ? 4 : 20, households: 50, years: 10, members: quick ? 5_000 : 50_000 },
  latency: { iterations: quick ? 200 : 2_000, warmup: quick ? 20 : 200 },
  history: { iterations: quick ? 50 : 400 },
  emptyTick: { pairs: quick ? 6 : 20, ticksPerBlock: quick ? 5 : 20 },
  tick: { coops: quick ? 20 : 100, members: 100, pairs: quick ? 3 : 6 },
  answering: { coops: quick ? 20 : 100, members: 100, waves: quick ? 1 : 3, idleSamples: quick ? 60 : 300 },
  drain: { discordMembers: quick ? 60 : 500, slackChannels: quick ? 10 : 20, slackPerChannel: quick ? 3 : 10 },
  retention: { coops: quick ? 5 : 100, members: 50, weeks: [16, 26] as [number, number] },
  sigtermQueued: 270,
  crashes: quick ? 3 : 10,
  discord: { iterations: quick ? 30 : 300, burst: quick ? 20 : 100 },
  slack: { iterations: quick ? 20 : 200, warmup: quick ? 5 : 20 },
};

const print = (text = '') => process.stdout.write(`${text}\n`);
const ms = formatMs;
const x = (r: number) => `${r.toFixed(2)}×`;

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const temp = new TempDir();
  const goals: Goal[] = [];
  const results: Record<string, unknown> = {};
  try {
    const cpu = cpus();
    print(`Breather bench${quick ? ' (quick)' : ''} — ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}, node ${process.version} ${process.execArgv.filter((a) => a.startsWith('--max-semi')).join(' ')}, ${process.platform}-${process.arch}`);
    print(`Databases in ${temp.path} (src/db/connection.ts pragmas: WAL, synchronous=FULL; checkpoints in a worker where production has them)`);
    print();

    // Built first: the scheduler's thread runs compiled in sections 2 and 3, as in production, and 10 and 11 run dist/.
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO, stdio: 'inherit' });

    // 1. Ledger throughput (not one of issue 13's goals; kept for comparison with earlier runs).
    const durable = runLedgerBench(temp, { ...CONFIG.ledger, synchronous: 'FULL' });
    print(`1. Ledger writes, synchronous=FULL: ours ${formatNumber(durable.oursMedian)}/s, plain inserts ${formatNumber(durable.plainMedian)}/s (${x(durable.ratio)})`);
    results.ledger = durable;
    print();

    // 2. A wave of check-ins against the set-based floor.
    const tick = await runTickBench(temp, CONFIG.tick);
    const wave = formatNumber(CONFIG.tick.coops * CONFIG.tick.members);
    print(`2. One tick with ${wave} check-ins due (planning pass, then the due jobs in the scheduler's thread, as production runs a wave) vs the set-based SQL floor, ${CONFIG.tick.pairs} pairs: ratios ${tick.ratios.map(x).join(' ')}`);
    print(`   Starting the scheduler's thread for a wave (before the tick, not in its time): median ${ms(median(tick.threadStartMs))} (compiled, as start:prod runs it)`);
    goals.push(ratioGoal(`one ${wave}-due tick vs the set-based SQL floor`, ms(tick.measuredMedian), ms(tick.baselineMedian), tick.ratio, 2));
    results.tick = tick;
    print();

    // 3. Answering while the tick runs.
    const answering = await runAnsweringBench(temp, CONFIG.answering);
    const pct = (s: number[]) => `${ms(percentile(s, 50))} / ${ms(p99(s))} (n=${s.length})`;
    print(`3. First responses during a ${formatNumber(answering.jobsPerWave)}-job tick vs with no tick (p50 / p99); the ticks took ${answering.tickMs.map(ms).join(', ')} while answering`);
    print(formatTable(['', 'during the tick', 'no tick'], [
      ['Discord (answer: /credits balance, Volunteer)', pct(answering.discord.during), pct(answering.discord.idle)],
      ['Slack (ack: /credits balance)', pct(answering.slack.during), pct(answering.slack.idle)],
    ]));
    const during = `a ${formatNumber(answering.jobsPerWave)}-job tick`;
    goals.push(ratioGoal(`Discord first response p99 during ${during} vs none`, ms(p99(answering.discord.during)), ms(p99(answering.discord.idle)), p99(answering.discord.during) / p99(answering.discord.idle), 1.5));
    goals.push(ratioGoal(`Slack first response (ack) p99 during ${during} vs none`, ms(p99(answering.slack.during)), ms(p99(answering.slack.idle)), p99(answering.slack.during) / p99(answering.slack.idle), 1.5));
    results.answering = answering;
    print();

    // 4. Draining through the real adapters.
    const drains = [...(await runDiscordDrain(temp, CONFIG.drain.discordMembers)), await runSlackDrain(temp, CONFIG.drain.slackChannels, CONFIG.drain.slackPerChannel)];
    print('4. Outbox drain through the real adapters on the real clock, every request counted');
    print(formatTable(['drain', 'messages', 'requests', 'seconds', 'requests/s', 'allowed/s', 'ratio', 'over the limit'], drains.map((d) => [d.label, d.messages, d.requests, d.seconds.toFixed(1), d.perSecond.toFixed(1), d.allowedPerSecond, x(d.ratio), d.violations])));
    for (const d of drains) {
      const goal = leastGoal(`drain: ${d.label} (0 over the limit)`, `${d.perSecond.toFixed(1)}/s, ${d.violations} over`, `${d.allowedPerSecond}/s`, d.ratio, 0.9);
      goals.push({ ...goal, target: '≥ 0.9×, 0 over', met: goal.met && d.violations === 0 });
    }
    results.drains = drains;
    print();

    // 5. The worlds.
    const t0 = process.hrtime.bigint();
    const small = buildWorld(temp, 'small', CONFIG.small);
    const large = buildWorld(temp, 'large', CONFIG.large);
    const describe = (w: typeof small) => `${formatNumber(w.members)} members, ${formatNumber(w.seeded.counts.swaps)} swaps, ${formatNumber(w.seeded.counts.transfers)} transfers over ${w.years} year(s)`;
    print(`5. Worlds (built in ${ms(elapsedMs(t0))}): small — ${describe(small)}; large — ${describe(large)}`);
    print();

    // 6. Latency against the bare SQL.
    const latency = await runLatencyBench(small, CONFIG.latency);
    const row = (name: string, s: number[]) => [name, ms(percentile(s, 50)), ms(percentile(s, 99)), ms(Math.max(...s))];
    print(`6. Command latency (${formatNumber(CONFIG.latency.iterations)} each, in turns, small world, checkpoints in a worker)`);
    print(formatTable(['what', 'p50', 'p99', 'max'], [
      row('bare SELECT', latency.bareSelect),
      row('/credits balance (read-only)', latency.balance),
      row('/credits balance as a write (before)', latency.balanceAsWrite),
      row('bare BEGIN IMMEDIATE; INSERT; COMMIT', latency.bareWrite),
      row('/swap request', latency.request),
    ]));
    goals.push(ratioGoal('/credits balance p99 vs a bare SELECT', ms(p99(latency.balance)), ms(p99(latency.bareSelect)), p99(latency.balance) / p99(latency.bareSelect), 1.5));
    goals.push(ratioGoal('/swap request p99 vs BEGIN IMMEDIATE; INSERT; COMMIT', ms(p99(latency.request)), ms(p99(latency.bareWrite)), p99(latency.request) / p99(latency.bareWrite), 1.5));
    results.latency = latency;
    print();

    // 7. History-reading commands, one year against ten.
    const history = runHistoryBench(small, large, { iterations: CONFIG.history.iterations, coops: CONFIG.small.coops });
    print(`7. Commands that read history: the same co-ops with 1 and 10 years behind them (${CONFIG.history.iterations} each, in turns)`);
    print(formatTable(['command', '1 year p50', '10 years p50', '1 year p99', '10 years p99'], history.map((h) => [h.name, ms(median(h.oneYear)), ms(median(h.tenYears)), ms(p99(h.oneYear)), ms(p99(h.tenYears))])));
    for (const h of history) goals.push(ratioGoal(`${h.name}: 10 years vs 1 year (median)`, ms(median(h.tenYears)), ms(median(h.oneYear)), median(h.tenYears) / median(h.oneYear), 1.5));
    results.history = history;
    print();

    // 8. The empty tick.
    const empty = await runEmptyTickBench(small, large, { ...CONFIG.emptyTick, backupDir: join(temp.path, 'backups') });
    print(`8. Empty tick (backup planned, planning pass, due jobs, drain; nothing to do): ${x(empty.ratio)} — ${formatNumber(large.members)} members on ${large.years} years ${ms(empty.measuredMedian)}, ${formatNumber(small.members)} on ${small.years} ${ms(empty.baselineMedian)}`);
    goals.push(ratioGoal(`empty tick: ${formatNumber(large.members)} members, 10 years vs ${formatNumber(small.members)}, 1 year`, ms(empty.measuredMedian), ms(empty.baselineMedian), empty.ratio, 1.2));
    results.emptyTick = empty;
    small.db.close();
    large.db.close();
    print();

    // 9. Retention.
    const retention = await runRetentionBench(temp, CONFIG.retention);
    print(`9. Retention: ${formatNumber(retention.members)} members, weeks ${retention.weeks.join(' and ')}; rows kept ${retention.rows.map(formatNumber).join(' → ')} of ${formatNumber(retention.written)} written`);
    print(formatTable(['table', `week ${retention.weeks[0]}`, `week ${retention.weeks[1]}`], Object.entries(retention.tables).map(([t, [a, b]]) => [t, a, b])));
    goals.push(ratioGoal(`retention: pruned tables at week ${retention.weeks[1]} vs week ${retention.weeks[0]}`, formatNumber(retention.rows[1]), formatNumber(retention.rows[0]), retention.rows[1] / retention.rows[0], 1.1));
    results.retention = retention;
    print();

    // 10. The process: memory, start, stop.
    const dir = join(temp.path, 'processes');
    mkdirSync(dir, { recursive: true });
    const built = { console: await consoleProcess('built', join(dir, 'c1.db')), platforms: await platformsProcess('built', join(dir, 'p1.db')) };
    const tsx = { console: await consoleProcess('tsx', join(dir, 'c2.db')), platforms: await platformsProcess('tsx', join(dir, 'p2.db')) };
    const stop = await sigtermWithQueue('built', dir, CONFIG.sigtermQueued);
    print('10. The process (npm run start:prod = node dist/main.js; npm start = node --import tsx src/main.ts under npm)');
    print(formatTable(['', 'start:prod', 'tsx'], [
      ['console: resident memory after an answer', `${built.console.rssMiB.toFixed(1)} MiB`, `${tsx.console.rssMiB.toFixed(1)} MiB`],
      ['console: start to first answer', ms(built.console.firstAnswerMs), ms(tsx.console.firstAnswerMs)],
      ['Discord + Slack connected, idle', `${built.platforms.rssMiB.toFixed(1)} MiB`, `${tsx.platforms.rssMiB.toFixed(1)} MiB`],
    ]));
    print(`    SIGTERM with ${CONFIG.sigtermQueued} messages queued: exit ${stop.code} after ${stop.seconds.toFixed(2)} s, ${stop.stillQueued} still queued for the next start`);
    goals.push(ratioGoal('memory: console only (start:prod)', `${built.console.rssMiB.toFixed(1)} MiB`, '100 MiB', built.console.rssMiB / 100, 1));
    goals.push(ratioGoal('memory: Discord + Slack idle (start:prod)', `${built.platforms.rssMiB.toFixed(1)} MiB`, '150 MiB', built.platforms.rssMiB / 150, 1));
    goals.push({ ...ratioGoal(`SIGTERM with ${CONFIG.sigtermQueued} queued: time to exit`, `${stop.seconds.toFixed(2)} s`, '10 s', stop.seconds / 10, 1), met: stop.seconds <= 10 && stop.code === 0 });
    results.process = { built, tsx, stop };
    print();

    // 11. Exactly once.
    const crashes = [await discordCrashes(dir, CONFIG.crashes), await slackCrashes(dir, CONFIG.crashes)];
    const threads = await discordThreadCrashes(dir, CONFIG.crashes);
    print(`11. SIGKILL between a send and its mark, ${CONFIG.crashes} times a platform, and ${threads.kills} times while opening a sit's Discord thread (node dist/main.js, loopback stand-ins)`);
    const rows = [...crashes.map((c) => ({ ...c, what: c.platform as string })), { ...threads, what: 'discord sit threads' }];
    print(formatTable(['platform', 'kills', 'messages', 'shown twice', 'missing'], rows.map((c) => [c.what, c.kills, c.messages, c.duplicates, c.missing])));
    for (const c of rows) {
      goals.push({ goal: `exactly once on ${c.what}: ${c.kills} SIGKILLs between send and mark`, measured: `${c.duplicates} twice, ${c.missing} missing`, baseline: '0', target: '0', met: c.duplicates === 0 && c.missing === 0 });
    }
    results.crashes = crashes;
    results.threadCrashes = threads;
    print();

    // 12. Query plans.
    const plans = storePlans();
    const scanning = plans.filter((p) => p.scans.length > 0);
    print(`12. Query plans: ${scanning.length} of ${plans.length} prepared statements scan a whole table`);
    goals.push({ goal: 'statements that scan a whole table', measured: `${scanning.length} of ${plans.length}`, baseline: '0', target: '0', met: scanning.length === 0 });
    print();

    // 13. First responses per kind (for comparison with earlier runs).
    const discord = await runDiscordBench(CONFIG.discord);
    const slack = await runSlackBench(CONFIG.slack);
    print('13. Time to first response per kind, nothing else running');
    print(formatTable(['', 'result'], [...discord, ...slack].map((r) => [r.name, r.value])));
    results.ttfr = { discord, slack };
    print();

    print(`Goals (issue 13), every one measured in this run:`);
    print(goalsTable(goals));
    print();
    print(`Whole bench: ${ms(elapsedMs(started))}.`);
    const out = fileURLToPath(new URL('./results/', import.meta.url));
    mkdirSync(out, { recursive: true });
    writeFileSync(`${out}latest.json`, `${JSON.stringify({ at: new Date().toISOString(), quick, config: CONFIG, goals, results }, null, 2)}\n`);
    print('Wrote bench/results/latest.json');
  } finally {
    temp.remove();
  }
}

await main();
process.exit(0);
