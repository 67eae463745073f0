import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/types.ts';
import { memberDestination } from '../../src/domain/destinations.ts';
import { startDiscordStandin, type DiscordStandin } from '../standins/discord/index.ts';
import { startSlackStandin, type SlackStandin } from '../standins/slack/index.ts';
import { createStore } from '../support/harness.ts';
import { tempDir } from './support/run-console.ts';
import { logMessage, startPlatformProcess, type Exit, type PlatformProcess } from './support/run-platforms.ts';

// The real process (npm start) delivering queued messages, SIGKILLed between a send and its mark: the platform
// took the message, the process died before recording it. After each restart the message is sent again, and each
// platform shows it once: Discord drops the repeat by its nonce, and on Slack the relay finds it in the channel's
// history (its metadata names the row). And SIGTERM with a long queue ends within seconds, leaving the rest queued.

const DISCORD_TOKEN = 'MTE0.crash-test.Zx9q7Lk2';
const SLACK = { botToken: 'xoxb-111-222-crashtest', appToken: 'xapp-1-A0STANDIN-333-crashtest' };
const NOTES = 5;
const ROUNDS = 3;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A database whose co-op has `count` DMs to one member queued, as jobs leave them. Returns the outbox ids. */
function seed(path: string, platform: Platform, coopRef: string, memberRef: string, texts: string[]): number[] {
  const store = createStore(path);
  const now = Date.now();
  const ids = store.transaction(() => {
    const coop = store.coops.create(platform, coopRef, 'Co-op', 'Europe/London', now);
    const { member } = store.members.create(coop.id, memberRef, 'Ana', true, now);
    return texts.map((text) => {
      store.outbox.add({ coopId: coop.id, notification: { destination: memberDestination(coop, member), message: { text } }, at: now });
      return store.db.prepare<[], { id: number }>('SELECT max(id) AS id FROM outbox').get()!.id;
    });
  });
  store.db.close();
  return ids;
}

function outbox(path: string): { status: string; n: number }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status ORDER BY status').all();
  } finally {
    db.close();
  }
}

function start(vars: Record<string, string>): PlatformProcess {
  const child = startPlatformProcess({ LOG_LEVEL: 'info', ...vars }, { direct: true });
  cleanups.push(async () => {
    child.kill();
    await child.exited.catch(() => undefined);
  });
  return child;
}

async function killed(child: PlatformProcess): Promise<void> {
  child.kill(); // SIGKILL to npm and everything under it
  expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });
}

const notes = Array.from({ length: NOTES }, (_, i) => `note ${i + 1} of ${NOTES}`);

describe('SIGKILL between a send and its mark (the real process)', () => {
  it('Discord: every message arrives once', async () => {
    const standin: DiscordStandin = await startDiscordStandin({ token: DISCORD_TOKEN });
    cleanups.push(() => standin.close());
    const ana = standin.addUser({ username: 'ana', globalName: 'Ana' });
    standin.addMember(standin.guild.id, ana);
    const dir = tempDir('crash-discord');
    cleanups.push(dir.remove);
    const ids = seed(dir.db, 'discord', standin.guild.id, ana.id, notes);
    const env = { DISCORD_TOKEN, DISCORD_APP_ID: standin.applicationId, DISCORD_API_URL: standin.apiUrl, DATABASE_PATH: dir.db };

    for (const id of ids.slice(0, ROUNDS)) {
      // Discord creates the message; the answer never reaches the process, which dies waiting for it.
      const held = standin.hold('POST /channels/:channelId/messages', (body) => (body as { nonce?: string } | null)?.nonce === `o${id}.0`);
      const child = start(env);
      await held.arrived;
      await killed(child);
      held.release();
    }
    const last = start(env);
    await standin.waitForMessage((m) => m.content === notes.at(-1), { timeoutMs: 30_000 });
    await last.waitForLine((l) => logMessage(l) === 'discord ready; add the bot to a server with the invite link', 'Discord ready');
    last.signal('SIGTERM');
    expect(await last.exited).toEqual<Exit>({ code: 0, signal: null });

    const received = standin.dmsTo(ana.id).map((m) => m.content);
    expect(received).toEqual(notes);
    expect(outbox(dir.db)).toEqual([{ status: 'sent', n: NOTES }]);
  }, 120_000);

  it('Slack: every message arrives once', async () => {
    const standin: SlackStandin = await startSlackStandin({ ...SLACK });
    cleanups.push(() => standin.close());
    standin.addUser({ id: 'U0ANA', real_name: 'Ana', tz: 'Europe/London' });
    const dir = tempDir('crash-slack');
    cleanups.push(dir.remove);
    const ids = seed(dir.db, 'slack', standin.identity.teamId, 'U0ANA', notes);
    const env = { SLACK_BOT_TOKEN: SLACK.botToken, SLACK_APP_TOKEN: SLACK.appToken, SLACK_API_URL: standin.apiUrl, DATABASE_PATH: dir.db };
    const rowOf = (body: Record<string, unknown>) => (body.metadata as { event_payload?: { outbox_id?: number } } | undefined)?.event_payload?.outbox_id;

    for (const id of ids.slice(0, ROUNDS)) {
      const held = standin.faults.holdAnswer('chat.postMessage', { when: (body) => rowOf(body) === id });
      const child = start(env);
      await held.arrived;
      await killed(child);
      held.release();
    }
    const last = start(env);
    await standin.waitForCall((c) => c.method === 'chat.postMessage' && rowOf(c.body) === ids.at(-1), { timeoutMs: 30_000 });
    last.signal('SIGTERM');
    expect(await last.exited).toEqual<Exit>({ code: 0, signal: null });

    const posted = standin.callsOf('chat.postMessage').filter((c) => c.response.ok === true).map((c) => rowOf(c.body));
    expect(posted).toEqual(ids);
    // Each restart looked before sending the row whose answer it never got.
    expect(standin.callsOf('conversations.history')).toHaveLength(ROUNDS);
    expect(outbox(dir.db)).toEqual([{ status: 'sent', n: NOTES }]);
  }, 120_000);
});

describe('SIGTERM with a long queue', () => {
  it('exits promptly, and what was not sent stays in the outbox for the next start', async () => {
    const standin: SlackStandin = await startSlackStandin({ ...SLACK });
    cleanups.push(() => standin.close());
    standin.addUser({ id: 'U0ANA', real_name: 'Ana', tz: 'Europe/London' });
    const dir = tempDir('sigterm-queue');
    cleanups.push(dir.remove);
    // Slack takes about one post a second in a conversation: 200 would take minutes.
    const queued = Array.from({ length: 200 }, (_, i) => `queued ${i + 1}`);
    seed(dir.db, 'slack', standin.identity.teamId, 'U0ANA', queued);
    const child = start({ SLACK_BOT_TOKEN: SLACK.botToken, SLACK_APP_TOKEN: SLACK.appToken, SLACK_API_URL: standin.apiUrl, DATABASE_PATH: dir.db });
    await standin.waitForCall((c) => c.method === 'chat.postMessage', { timeoutMs: 30_000 });
    child.signal('SIGTERM');
    // Generous for a busy machine: the process's own limit is 9 s (src/main.ts), measured by `npm run bench`.
    const exit = await Promise.race([child.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 20_000).unref())]);
    expect(exit).toEqual({ code: 0, signal: null });
    const rows = outbox(dir.db);
    const pending = rows.find((r) => r.status === 'pending')?.n ?? 0;
    expect(pending).toBeGreaterThan(150);
    expect(rows.filter((r) => r.status === 'failed')).toEqual([]);
  }, 60_000);
});
