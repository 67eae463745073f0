// Interactions while a wave of check-ins is being run: first responses through the real Discord and Slack adapters
// (loopback stand-ins, in this process) over the database the tick writes, with the tick running as in production
// (src/jobs/tick-runner.ts: a wave this size goes to the scheduler's own thread), against the same stream
// of interactions with no tick running. The stream mixes a read
// (/credits balance) and a write (a Volunteer press) on Discord, and /credits balance on Slack (its ack).
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { commands } from '../commands/index.ts';
import { Dispatcher } from '../src/app/dispatcher.ts';
import { startCheckpointer } from '../src/db/checkpointer.ts';
import { registerCommands, startDiscord } from '../src/platforms/discord/index.ts';
import { startSlack } from '../src/platforms/slack/index.ts';
import { opt, startDiscordStandin, type StandinUser } from '../test/standins/discord/index.ts';
import { startSlackStandin } from '../test/standins/slack/index.ts';
import { percentile } from './stats.ts';
import type { TempDir } from './temp-db.ts';
import { TickRunner } from '../src/jobs/tick-runner.ts';
import { startTickThread } from '../src/jobs/tick-thread.ts';
import { PRODUCTION_THREAD, productionSlicing, waveOfCheckins } from './tick.ts';

const WEEK = 7 * 86_400_000;
const silent = pino({ level: 'silent' });

export interface AnsweringResult {
  waves: number;
  jobsPerWave: number;
  discord: { during: number[]; idle: number[] };
  slack: { during: number[]; idle: number[] };
  tickMs: number[];
}

export async function runAnsweringBench(temp: TempDir, options: { coops: number; members: number; waves: number; idleSamples: number }): Promise<AnsweringResult> {
  const wave = waveOfCheckins(temp, options.coops, options.members, 'answering');
  const { store, clock, scheduler } = wave;
  const checkpointer = await startCheckpointer(store, wave.file); // as production runs it (src/main.ts)
  const runner = new TickRunner({
    store,
    scheduler,
    slicing: productionSlicing(),
    log: silent,
    startThread: () => startTickThread(store, wave.file, silent, PRODUCTION_THREAD),
  });
  const dispatcher = new Dispatcher({ store, clock, log: silent, commands, defaultTimezone: 'Europe/London' });

  const discord = await startDiscordStandin();
  const config = { token: discord.token, appId: discord.applicationId, guildId: discord.guild.id, apiUrl: discord.apiUrl };
  await registerCommands(config, commands);
  const bot = await startDiscord({ config, dispatcher, log: silent, commands, tuning: { restTimeoutMs: 5_000, restRetries: 1 } });
  const slack = await startSlackStandin();
  const users = Array.from({ length: 40 }, (_, i) => `U0P${String(i).padStart(3, '0')}`);
  for (const id of users) slack.addUser({ id, real_name: `Parent ${id}`, tz: 'Europe/London' });
  const app = await startSlack({
    config: { botToken: slack.identity.botToken, appToken: slack.identity.appToken, apiUrl: slack.apiUrl, port: 0 },
    dispatcher,
    log: silent,
    commands,
    tuning: { socketRetryConfig: { retries: 0 }, webRetryConfig: { retries: 0 } },
  });
  const result: AnsweringResult = { waves: options.waves, jobsPerWave: 0, discord: { during: [], idle: [] }, slack: { during: [], idle: [] }, tickMs: [] };
  try {
    const people: StandinUser[] = Array.from({ length: 40 }, (_, i) => discord.addUser({ username: `parent${i}`, globalName: `Parent ${i}` }));
    const poster = discord.addUser({ username: 'poster', globalName: 'Poster' });
    let request = 0;
    let volunteer = 0;
    const newRequest = async () => {
      request += 1;
      const asked = discord.dispatchSlashCommand({ user: poster, name: 'swap', subcommand: 'request', options: [opt.string('when', `sat ${8 + (request % 12)}:00-${9 + (request % 12)}:00`)] });
      await discord.waitForResponse(asked.id, { timeoutMs: 20_000 });
    };
    const discordFirstResponse = async (i: number): Promise<number> => {
      const started = performance.now();
      const sent =
        i % 2 === 0
          ? discord.dispatchSlashCommand({ user: people[i % people.length]!, name: 'credits', subcommand: 'balance' })
          : discord.dispatchButton({ user: people[volunteer++ % people.length]!, customId: `swap.volunteer?id=${request}`, guildId: discord.guild.id });
      await discord.waitForResponse(sent.id, { timeoutMs: 20_000 });
      // A fresh request once everyone has volunteered for this one (not timed).
      if (i % 2 === 1 && volunteer % people.length === 0) {
        const elapsed = performance.now() - started;
        await newRequest();
        return elapsed;
      }
      return performance.now() - started;
    };
    const slackAck = async (i: number): Promise<number> => {
      const payload = slack.payloads.slashCommand({ command: '/credits', text: 'balance', user_id: users[i % users.length]!, channel_id: 'C0GENERAL', channel_name: 'general' });
      const started = performance.now();
      await slack.socket.sendSlashCommand(payload);
      return performance.now() - started;
    };
    await newRequest();
    let n = 0;
    const stream = async (into: 'idle' | 'during', until: () => boolean) => {
      while (!until()) {
        n += 1;
        result.discord[into].push(await discordFirstResponse(n));
        result.slack[into].push(await slackAck(n));
      }
    };
    // Warm up: everyone joined, code paths hot.
    let warm = 0;
    await stream('idle', () => ++warm > 40);
    result.discord.idle.length = 0;
    result.slack.idle.length = 0;

    for (let w = 0; w < options.waves; w++) {
      const idle = async () => {
        const target = result.discord.idle.length + options.idleSamples;
        await stream('idle', () => result.discord.idle.length >= target);
      };
      if (w % 2 === 1) await idle();
      let ticking = true;
      const started = performance.now();
      const tick = (async () => {
        const ticked = await runner.tick(clock.now());
        if (!ticked.inThread) throw new Error('a wave of check-ins ran on the serving thread');
        result.jobsPerWave = ticked.ran.done;
        result.tickMs.push(performance.now() - started);
        ticking = false;
      })();
      await stream('during', () => !ticking);
      await tick;
      if (w % 2 === 0) await idle();
      clock.advance(WEEK); // next Sunday's wave is due
    }
  } finally {
    await bot.stop();
    await app.stop();
    await discord.close();
    await slack.close();
    await runner.stop();
    await checkpointer.stop();
    wave.db.close();
  }
  return result;
}

export const p99 = (samples: number[]) => percentile(samples, 99);
