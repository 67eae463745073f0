import pino from 'pino';
import { commands } from '../../commands/index.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { parseCommandLine } from '../../src/app/command-line.ts';
import { Dispatcher } from '../../src/app/dispatcher.ts';
import { UserError } from '../../src/domain/errors.ts';
import type { Notification, Platform, Reply } from '../../src/core/types.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { Store } from '../../src/db/store.ts';
import { OutboxRelay } from '../../src/jobs/outbox-relay.ts';
import { readMention } from '../../src/platforms/console/console-chat.ts';

export const silentLog = pino({ level: 'silent' });

/** A real SQLite store (in memory unless a path is given) with every migration applied. */
export function createStore(path = ':memory:'): Store {
  const db = openDatabase(path);
  migrate(db, { path });
  return new Store(db);
}

/** The dispatcher over a real store, a movable clock and a recording messenger: the hubot-style test double. */
export function createHarness(options: { start?: string; path?: string; platform?: Platform; log?: pino.Logger } = {}) {
  const store = createStore(options.path);
  const clock = new ManualClock(Date.parse(options.start ?? '2026-11-22T12:00:00Z'));
  const sent: Notification[] = [];
  const relay = new OutboxRelay(store, clock, silentLog);
  const platform = options.platform ?? 'console';
  relay.register({ platform, send: async (n) => (sent.push(n), { ok: true }) });
  const dispatcher = new Dispatcher({ store, clock, log: options.log ?? silentLog, commands, defaultTimezone: 'Europe/London' });
  let counter = 0;

  /** Runs one typed line as `who` in co-op `coop`, like the console does; refusals come back as private replies. */
  function run(who: string, line: string, coop = 'console'): Reply {
    counter += 1;
    let parsed;
    try {
      parsed = parseCommandLine(line, commands, readMention);
    } catch (error) {
      if (error instanceof UserError) return { visibility: 'private', text: error.message };
      throw error;
    }
    return dispatcher.dispatch({
      platform,
      coopRef: coop,
      member: { ref: who.toLowerCase(), name: who },
      isPlatformAdmin: false,
      idempotencyKey: `test:${counter}`,
      ...parsed,
    });
  }

  function balanceOf(who: string, coop = 'console'): number {
    const c = store.coops.find(platform, coop);
    const m = c && store.members.find(c.id, who.toLowerCase());
    if (!m) throw new Error(`no member ${who}`);
    return store.ledger.balance(store.ledger.accountOfHousehold(m.householdId));
  }

  return { store, clock, dispatcher, relay, sent, run, balanceOf, deliver: () => relay.drain() };
}
