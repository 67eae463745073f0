import Database from 'better-sqlite3';
import { commands } from '../../../commands/index.ts';
import { Dispatcher } from '../../../src/app/dispatcher.ts';
import { ManualClock } from '../../../src/core/clock.ts';
import type { ThreadDestination } from '../../../src/core/types.ts';
import { APOLOGY } from '../../../src/messages/errors.ts';
import { BOT_PERMISSIONS } from '../../../src/platforms/discord/invite.ts';
import type { DiscordStandin, HeldRequest, StandinUser } from '../../standins/discord/index.ts';
import { createStore, silentLog } from '../../support/harness.ts';

// Killing the real process while it opens a sit's private thread on Discord (test/e2e/thread-crashes.test.ts and
// bench/thread-crashes.ts): a sit booked into the database as the commands book it, and the request at each step of
// the opening whose answer the stand-in holds (it has carried the request out) until the process is dead.

export const STEPS = ['thread opened', 'member added', 'hello posted', 'news posted'] as const;
export type Step = (typeof STEPS)[number];

/** The outbox row that opens a sit's thread, and the thread's name. */
export interface SitRow {
  id: number;
  name: string;
}

export const nonceIn = (body: unknown) => (body as { nonce?: string } | null)?.nonce;

/** The server the sits are in: Ana and Ben, the bot with the permissions it asks for, and #general. */
export function threadGuild(standin: DiscordStandin): { ana: StandinUser; ben: StandinUser; general: string } {
  const ana = standin.addUser({ username: 'ana', globalName: 'Ana' });
  const ben = standin.addUser({ username: 'ben', globalName: 'Ben' });
  standin.addMember(standin.guild.id, ana);
  standin.addMember(standin.guild.id, ben);
  standin.addMember(standin.guild.id, standin.bot, { permissions: BOT_PERMISSIONS });
  return { ana, ben, general: standin.channel('general').id };
}

/**
 * Books sit number `n` (Ben offers, Ana books) into the database; the first also sets the co-op up with `channelId`.
 * Runs between processes, never beside one.
 */
export function bookSit(path: string, guildId: string, channelId: string, ana: StandinUser, ben: StandinUser, n: number): SitRow {
  const store = createStore(path);
  try {
    const dispatcher = new Dispatcher({ store, clock: new ManualClock(Date.now()), log: silentLog, commands, defaultTimezone: 'Europe/London' });
    const as = (who: StandinUser, name: string, command: string, sub: string, options: Record<string, unknown>) => {
      const reply = dispatcher.dispatch({ platform: 'discord', coopRef: guildId, member: { ref: who.id, name }, isPlatformAdmin: name === 'Ana', command, sub, options, idempotencyKey: `seed:${n}:${command}:${sub}` });
      if (reply.refusal || reply.text === APOLOGY) throw new Error(`seeding refused: ${reply.text}`);
    };
    if (n === 1) as(ana, 'Ana', 'coop', 'setup', { timezone: 'Europe/London', channel: channelId });
    const day = new Date(Date.now() + (n + 2) * 86_400_000).toISOString().slice(0, 10);
    as(ben, 'Ben', 'swap', 'offer', { when: `${day} 18:00 3h`, kids: 2 });
    as(ana, 'Ana', 'swap', 'book', { id: n });
    const row = store.db
      .prepare<[], { id: number; destination: string }>("SELECT id, destination FROM outbox WHERE json_extract(destination, '$.kind') = 'thread' ORDER BY id DESC LIMIT 1")
      .get();
    if (!row) throw new Error('no thread was asked for');
    return { id: row.id, name: (JSON.parse(row.destination) as ThreadDestination).name };
  } finally {
    store.db.close();
  }
}

/** Holds the answer to the request that carries out `step` of opening this sit's thread. */
export function holdAt(standin: DiscordStandin, sit: SitRow, step: Step): HeldRequest {
  switch (step) {
    case 'thread opened':
      return standin.hold('POST /channels/:channelId/threads', (body) => (body as { name?: string } | null)?.name === sit.name);
    case 'member added':
      return standin.hold('PUT /channels/:channelId/thread-members/:userId'); // only a thread being opened adds anyone
    case 'hello posted':
      return standin.hold('POST /channels/:channelId/messages', (body) => nonceIn(body) === `o${sit.id}.h0`);
    case 'news posted':
      return standin.hold('POST /channels/:channelId/messages', (body) => nonceIn(body) === `o${sit.id}.n0`);
  }
}

/** The sits whose thread is not recorded yet: the next start opens them (again). Read while no process runs. */
export function stillOpening(path: string, sits: readonly SitRow[]): SitRow[] {
  const db = new Database(path, { readonly: true });
  try {
    const status = db.prepare<[number], { status: string }>('SELECT status FROM outbox WHERE id = ?');
    return sits.filter((s) => status.get(s.id)?.status === 'pending');
  } finally {
    db.close();
  }
}
