// Exactly once, with the real built process (node dist/main.js) SIGKILLed between a send and its mark, round after
// round: the stand-in carries the send out and holds its answer until the process is dead. Each restart sends the
// row again; the platform must show each message once (Discord: the nonce; Slack: the metadata and a look in the
// channel's history).
import { join } from 'node:path';
import { memberDestination } from '../src/domain/destinations.ts';
import type { Platform } from '../src/core/types.ts';
import { startDiscordStandin } from '../test/standins/discord/index.ts';
import { startSlackStandin } from '../test/standins/slack/index.ts';
import { nonceIn } from '../test/e2e/support/sit-thread-kills.ts';
import { createStore } from '../test/support/harness.ts';
import { run } from './process.ts';

export interface CrashResult {
  platform: Platform;
  kills: number;
  messages: number;
  /** messages the platform shows more than once */
  duplicates: number;
  /** messages it does not show */
  missing: number;
}

function seed(path: string, platform: Platform, coopRef: string, memberRef: string, count: number): number[] {
  const store = createStore(path);
  const now = Date.now();
  const ids = store.transaction(() => {
    const coop = store.coops.create(platform, coopRef, 'Co-op', 'Europe/London', now);
    const { member } = store.members.create(coop.id, memberRef, 'Ana', true, now);
    return Array.from({ length: count }, (_, i) => {
      store.outbox.add({ coopId: coop.id, notification: { destination: memberDestination(coop, member), message: { text: `crash ${i + 1}` } }, at: now });
      return store.db.prepare<[], { id: number }>('SELECT max(id) AS id FROM outbox').get()!.id;
    });
  });
  store.db.close();
  return ids;
}

const count = (texts: string[]) => texts.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>());

function tally(platform: Platform, kills: number, expected: string[], seen: string[]): CrashResult {
  const counts = count(seen.filter((t) => t.startsWith('crash ')));
  return {
    platform,
    kills,
    messages: expected.length,
    duplicates: [...counts.values()].filter((n) => n > 1).length,
    missing: expected.filter((t) => !counts.has(t)).length,
  };
}

/** Starts the built bot and SIGKILLs it once the stand-in holds the answer to the send (it was carried out). */
async function killWhileHeld(held: { arrived: Promise<unknown>; release(): void }, env: Record<string, string>): Promise<void> {
  const p = run('built', env);
  await held.arrived;
  p.child.kill('SIGKILL');
  await p.exited;
  held.release();
}

export async function discordCrashes(dir: string, kills: number): Promise<CrashResult> {
  const standin = await startDiscordStandin();
  try {
    const ana = standin.addUser({ username: 'ana', globalName: 'Ana' });
    const path = join(dir, 'crash-discord.db');
    const ids = seed(path, 'discord', standin.guild.id, ana.id, kills + 2);
    const env = { DATABASE_PATH: path, LOG_LEVEL: 'warn', DISCORD_TOKEN: standin.token, DISCORD_APP_ID: standin.applicationId, DISCORD_API_URL: standin.apiUrl };
    for (const id of ids.slice(0, kills)) {
      await killWhileHeld(standin.hold('POST /channels/:channelId/messages', (body) => nonceIn(body) === `o${id}.0`), env);
    }
    const last = run('built', env);
    const lastText = `crash ${ids.length}`;
    await standin.waitForMessage((m) => m.content === lastText, { timeoutMs: 60_000 });
    last.child.kill('SIGTERM');
    await last.exited;
    return tally('discord', kills, ids.map((_, i) => `crash ${i + 1}`), standin.dmsTo(ana.id).map((m) => m.content));
  } finally {
    await standin.close();
  }
}

export async function slackCrashes(dir: string, kills: number): Promise<CrashResult> {
  const standin = await startSlackStandin();
  try {
    standin.addUser({ id: 'U0ANA', real_name: 'Ana', tz: 'Europe/London' });
    const path = join(dir, 'crash-slack.db');
    const ids = seed(path, 'slack', standin.identity.teamId, 'U0ANA', kills + 2);
    const env = { DATABASE_PATH: path, LOG_LEVEL: 'warn', SLACK_BOT_TOKEN: standin.identity.botToken, SLACK_APP_TOKEN: standin.identity.appToken, SLACK_API_URL: standin.apiUrl };
    const rowOf = (body: Record<string, unknown>) => (body.metadata as { event_payload?: { outbox_id?: number } } | undefined)?.event_payload?.outbox_id;
    for (const id of ids.slice(0, kills)) {
      await killWhileHeld(standin.faults.holdAnswer('chat.postMessage', { when: (body) => rowOf(body) === id }), env);
    }
    const last = run('built', env);
    await standin.waitForCall((c) => c.method === 'chat.postMessage' && rowOf(c.body) === ids.at(-1), { timeoutMs: 60_000 });
    last.child.kill('SIGTERM');
    await last.exited;
    const posted = standin.callsOf('chat.postMessage').filter((c) => c.response.ok === true).map((c) => String(c.body.text ?? ''));
    return tally('slack', kills, ids.map((_, i) => `crash ${i + 1}`), posted);
  } finally {
    await standin.close();
  }
}
