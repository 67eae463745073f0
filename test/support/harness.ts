import pino from 'pino';
import { commands } from '../../commands/index.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { parseCommandLine } from '../../src/app/command-line.ts';
import { Dispatcher } from '../../src/app/dispatcher.ts';
import { UserError } from '../../src/domain/errors.ts';
import type { ButtonAction, Notification, Platform, Reply } from '../../src/core/types.ts';
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

  /** Presses a button as `who`: runs exactly the command it carries, as every adapter does. */
  function press(who: string, action: ButtonAction, coop = 'console'): Reply {
    counter += 1;
    return dispatcher.dispatch({
      platform,
      coopRef: coop,
      member: { ref: who.toLowerCase(), name: who },
      isPlatformAdmin: false,
      idempotencyKey: `test:${counter}`,
      command: action.command,
      sub: action.sub,
      options: action.options,
    });
  }

  function balanceOf(who: string, coop = 'console'): number {
    const c = store.coops.find(platform, coop);
    const m = c && store.members.find(c.id, who.toLowerCase());
    if (!m) throw new Error(`no member ${who}`);
    return store.ledger.balance(store.ledger.accountOfHousehold(m.householdId));
  }

  return { store, clock, dispatcher, relay, sent, run, press, balanceOf, deliver: () => relay.drain() };
}

/**
 * Every private message a member has been or will be sent: queued in the outbox, or held by the delivery policy to
 * be gathered later (quiet hours, the week's two). What a test means by "Bob is told".
 */
export function toldTo(store: Store, coopId: number, ref: string): string[] {
  const member = store.members.find(coopId, ref);
  if (!member) throw new Error(`no member ${ref}`);
  const queued = store.db
    .prepare<[string], { message: string }>("SELECT message FROM outbox WHERE json_extract(destination, '$.kind') = 'dm' AND json_extract(destination, '$.memberRef') = ? ORDER BY id")
    .all(ref)
    .map((r) => (JSON.parse(r.message) as { text: string }).text);
  return [...queued, ...store.held.heldFor(member.id).map((h) => h.message.text)];
}
