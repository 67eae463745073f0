import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordStandin, type DiscordStandin } from '../standins/discord/index.ts';
import { tempDir } from './support/run-console.ts';
import { logMessage, startPlatformProcess, type Exit, type PlatformProcess } from './support/run-platforms.ts';
import { bookSit, holdAt, threadGuild, nonceIn, STEPS, stillOpening, type SitRow } from './support/sit-thread-kills.ts';

// The real process (npm start's node) opening a sit's private thread on Discord, SIGKILLed between opening it and
// recording it, at each step of the opening: the thread created, a member added, the hello posted, the channel's news
// posted (each step once, shared between two sits so the suite stays short; bench/thread-crashes.ts kills at every
// step of every sit); each time Discord has carried the request out and the process dies waiting for the answer.
// Every restart sends the row again. Each sit must end with one thread (with both in it), one hello and one news post.

const DISCORD_TOKEN = 'MTE0.thread-crash.Zx9q7Lk2';
const SITS = 2;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function threadRows(path: string): { status: string; thread_ref: string | null }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], { status: string; thread_ref: string | null }>('SELECT status, thread_ref FROM sit_threads ORDER BY id').all();
  } finally {
    db.close();
  }
}

function outboxStatus(path: string, ids: number[]): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return ids.map((id) => db.prepare<[number], { status: string }>('SELECT status FROM outbox WHERE id = ?').get(id)?.status ?? 'missing');
  } finally {
    db.close();
  }
}

describe('SIGKILL between opening a sit thread and recording it (the real process)', () => {
  it('Discord: one thread per sit, one hello, one news post, however often the process dies on the way', async () => {
    const standin: DiscordStandin = await startDiscordStandin({ token: DISCORD_TOKEN });
    cleanups.push(() => standin.close());
    const { ana, ben, general } = threadGuild(standin);
    const dir = tempDir('thread-crashes');
    cleanups.push(dir.remove);
    const env = { LOG_LEVEL: 'info', DISCORD_TOKEN, DISCORD_APP_ID: standin.applicationId, DISCORD_API_URL: standin.apiUrl, DATABASE_PATH: dir.db };
    const start = (): PlatformProcess => {
      const child = startPlatformProcess(env, { direct: true });
      cleanups.push(async () => {
        child.kill();
        await child.exited.catch(() => undefined);
      });
      return child;
    };

    const sits: SitRow[] = [];
    let kills = 0;
    for (let n = 1; n <= SITS; n++) {
      const sit = bookSit(dir.db, standin.guild.id, general, ana, ben, n);
      sits.push(sit);
      // Each restart resumes the opening where the last one died, and dies at a later step.
      for (const step of STEPS.filter((_, i) => i % SITS === n - 1)) {
        const held = holdAt(standin, sit, step);
        const child = start();
        await held.arrived;
        child.kill(); // SIGKILL to the process and everything under it
        expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });
        held.release();
        kills += 1;
      }
    }

    const from = standin.mark();
    const pending = stillOpening(dir.db, sits);
    const last = start();
    for (const sit of pending) await standin.waitForCall((c) => c.route === 'POST /channels/:channelId/messages' && nonceIn(c.body) === `o${sit.id}.n0`, { from, timeoutMs: 60_000 });
    await last.waitForLine((l) => logMessage(l) === 'discord ready; add the bot to a server with the invite link', 'Discord ready');
    last.signal('SIGTERM');
    expect(await last.exited).toEqual<Exit>({ code: 0, signal: null });

    const threads = standin.threadsIn(general);
    const opened = standin.calls.filter((c) => c.route === 'POST /channels/:channelId/threads').length;
    const tally = {
      kills,
      threads: threads.length,
      openRequests: opened,
      duplicates: sits.filter((s) => threads.filter((t) => t.name === s.name).length > 1).length,
    };
    expect(tally).toEqual({ kills: STEPS.length, threads: SITS, openRequests: SITS, duplicates: 0 });
    expect(threads.map((t) => t.name).sort()).toEqual(sits.map((s) => s.name).sort());
    for (const thread of threads) {
      expect([...(thread.thread?.members ?? [])].sort()).toEqual([standin.bot.id, ana.id, ben.id].sort());
      expect(standin.messagesIn(thread.id).map((m) => m.content)).toEqual([expect.stringContaining('This is your private thread')]);
      expect(standin.messagesIn(general).filter((m) => m.content.includes(`<#${thread.id}>`))).toHaveLength(1);
    }
    expect(outboxStatus(dir.db, sits.map((s) => s.id))).toEqual(sits.map(() => 'sent'));
    expect(threadRows(dir.db).map((r) => r.status)).toEqual(sits.map(() => 'open'));
    expect(threadRows(dir.db).map((r) => r.thread_ref).sort()).toEqual(threads.map((t) => t.id).sort());
  }, 240_000);
});
