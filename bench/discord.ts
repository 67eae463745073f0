// Time to first response on Discord: from the stand-in sending INTERACTION_CREATE over the gateway to the bot's
// interaction callback reaching the stand-in's REST server (Discord's 3 s budget). The real discord.js client runs
// inside the real adapter over the real dispatcher and a file database with production pragmas. The stand-in runs
// in the same process, so its own work is included: the figures are an upper bound for the bot's share.
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { commands } from '../commands/index.ts';
import { ManualClock } from '../src/core/clock.ts';
import { Dispatcher } from '../src/app/dispatcher.ts';
import { Store } from '../src/db/store.ts';
import { OutboxRelay } from '../src/jobs/outbox-relay.ts';
import { registerCommands, startDiscord } from '../src/platforms/discord/index.ts';
import { opt, startDiscordStandin, type DispatchedInteraction, type DiscordStandin } from '../test/standins/discord/index.ts';
import { percentile } from './stats.ts';
import { formatMs } from './table.ts';
import { TempDir } from './temp-db.ts';

export interface DiscordBenchOptions {
  /** Interactions of each kind, one at a time. */
  iterations?: number;
  /** Interactions sent at once, for the burst. */
  burst?: number;
}

interface Row {
  name: string;
  value: string;
}

async function timeToResponse(standin: DiscordStandin, send: () => DispatchedInteraction): Promise<number> {
  const started = performance.now();
  const interaction = send();
  await standin.waitForResponse(interaction.id, { timeoutMs: 10_000 });
  return performance.now() - started;
}

function summary(name: string, samples: number[]): Row {
  return { name, value: `p50 ${formatMs(percentile(samples, 50))}, p99 ${formatMs(percentile(samples, 99))}, max ${formatMs(Math.max(...samples))} (n=${samples.length})` };
}

export async function runDiscordBench(options: DiscordBenchOptions = {}): Promise<Row[]> {
  const iterations = options.iterations ?? 300;
  const burst = options.burst ?? 100;
  const temp = new TempDir();
  const standin = await startDiscordStandin();
  const log = pino({ level: 'silent' });
  const { db } = temp.openFresh('discord');
  const store = new Store(db);
  const clock = new ManualClock(Date.parse('2026-11-22T12:00:00Z'));
  const relay = new OutboxRelay(store, clock, log);
  const dispatcher = new Dispatcher({ store, clock, log, commands, defaultTimezone: 'Europe/London', onCommitted: () => void relay.drain() });
  const config = { token: standin.token, appId: standin.applicationId, guildId: standin.guild.id, apiUrl: standin.apiUrl };
  await registerCommands(config, commands);
  const bot = await startDiscord({ config, dispatcher, log, commands, tuning: { restTimeoutMs: 5_000, restRetries: 1 } });
  relay.register(bot.messenger);
  try {
    const people = Array.from({ length: 50 }, (_, i) => standin.addUser({ username: `parent${i}`, globalName: `Parent ${i}` }));
    const who = (i: number) => people[i % people.length] ?? people[0]!;
    const warm = Math.min(20, iterations);
    const slash = (i: number) => () => standin.dispatchSlashCommand({ user: who(i), name: 'credits', subcommand: 'balance' });
    for (let i = 0; i < warm; i += 1) await timeToResponse(standin, slash(i));

    const balance: number[] = [];
    for (let i = 0; i < iterations; i += 1) balance.push(await timeToResponse(standin, slash(i)));

    // Requests to volunteer for: every press is a real write (a volunteer added) and queues a DM.
    const requests = Math.ceil(iterations / (people.length - 1)) + 1;
    for (let i = 0; i < requests; i += 1) {
      const asked = standin.dispatchSlashCommand({ user: people[0]!, name: 'swap', subcommand: 'request', options: [opt.string('when', `sat ${10 + (i % 10)}:00-${11 + (i % 10)}:00`)] });
      await standin.waitForResponse(asked.id);
    }
    const press: number[] = [];
    for (let i = 0; i < iterations; i += 1) {
      const swap = 1 + Math.floor(i / (people.length - 1));
      const user = people[1 + (i % (people.length - 1))]!;
      press.push(await timeToResponse(standin, () => standin.dispatchButton({ user, customId: `swap.volunteer?id=${swap}`, guildId: standin.guild.id })));
    }

    await relay.drain(); // the DMs the presses queued, so they do not overlap the next phase

    const modal: number[] = [];
    for (let i = 0; i < Math.min(iterations, 100); i += 1) {
      modal.push(await timeToResponse(standin, () => standin.dispatchSlashCommand({ user: who(i), name: 'swap', subcommand: 'request' })));
    }

    const started = performance.now();
    const sent = Array.from({ length: burst }, (_, i) => ({ at: performance.now(), interaction: slash(i)() }));
    const together = await Promise.all(sent.map(async ({ at, interaction }) => {
      await standin.waitForResponse(interaction.id, { timeoutMs: 20_000 });
      return performance.now() - at;
    }));
    const burstMs = performance.now() - started;

    await relay.drain();
    return [
      summary('Discord TTFR: /credits balance (answered directly)', balance),
      summary('Discord TTFR: Volunteer button (a write + a DM queued)', press),
      summary('Discord TTFR: /swap request with no when: (modal)', modal),
      summary(`Discord TTFR: ${burst} slash commands at once`, together),
      { name: `Discord burst of ${burst}: all answered in`, value: formatMs(burstMs) },
    ];
  } finally {
    await bot.stop();
    await standin.close();
    db.close();
    temp.remove();
  }
}
