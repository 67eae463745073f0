// Exactly once for a sit's private thread on Discord, with the real built process (node dist/main.js) SIGKILLed while
// it opens one, at each step in turn (the thread created, a member added, the hello, the channel's news), a new sit
// every four kills. Discord gives thread creation no nonce: each restart must find the thread the last one opened.
import { join } from 'node:path';
import { bookSit, holdAt, threadGuild, nonceIn, STEPS, stillOpening, type SitRow } from '../test/e2e/support/sit-thread-kills.ts';
import { startDiscordStandin } from '../test/standins/discord/index.ts';
import type { CrashResult } from './crashes.ts';
import { run } from './process.ts';

/** `messages`: a thread, a hello and a news post a sit; `duplicates` (shown more than once), `missing`: of those. */
export async function discordThreadCrashes(dir: string, kills: number): Promise<CrashResult & { platform: 'discord' }> {
  const standin = await startDiscordStandin();
  try {
    const { ana, ben, general } = threadGuild(standin);
    const path = join(dir, 'crash-threads.db');
    const env = { DATABASE_PATH: path, LOG_LEVEL: 'warn', DISCORD_TOKEN: standin.token, DISCORD_APP_ID: standin.applicationId, DISCORD_API_URL: standin.apiUrl };
    const sits: SitRow[] = [];
    for (let k = 0; k < kills; k++) {
      const step = STEPS[k % STEPS.length] ?? 'thread opened';
      if (step === 'thread opened') sits.push(bookSit(path, standin.guild.id, general, ana, ben, sits.length + 1));
      const sit = sits.at(-1) as SitRow;
      const held = holdAt(standin, sit, step);
      const p = run('built', env);
      await held.arrived;
      p.child.kill('SIGKILL');
      await p.exited;
      held.release();
    }
    // The last start finishes every opening left: each one's news goes out once more (Discord drops it by its nonce).
    const from = standin.mark();
    const pending = stillOpening(path, sits);
    const last = run('built', env);
    for (const sit of pending) {
      await standin.waitForCall((c) => c.route === 'POST /channels/:channelId/messages' && nonceIn(c.body) === `o${sit.id}.n0`, { from, timeoutMs: 60_000 });
    }
    last.child.kill('SIGTERM');
    await last.exited;

    let duplicates = 0;
    let missing = 0;
    const tally = (n: number) => {
      if (n === 0) missing += 1;
      if (n > 1) duplicates += 1;
    };
    for (const sit of sits) {
      const threads = standin.threadsIn(general).filter((t) => t.name === sit.name);
      tally(threads.length);
      for (const thread of threads) {
        tally(standin.messagesIn(thread.id).length);
        tally(standin.messagesIn(general).filter((m) => m.content.includes(`<#${thread.id}>`)).length);
      }
    }
    return { platform: 'discord', kills, messages: sits.length * 3, duplicates, missing };
  } finally {
    await standin.close();
  }
}
