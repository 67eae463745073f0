import type { Message, Notification } from '../../src/core/types.ts';
import { advanceTo } from '../../src/jobs/console-advance.ts';
import { Scheduler } from '../../src/jobs/scheduler.ts';
import { createHarness, silentLog } from '../support/harness.ts';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** The test harness plus the scheduler, driven like the console's `:advance`. */
export function createWorld(options: { start?: string; path?: string } = {}) {
  const h = createHarness({ start: options.start ?? '2027-03-03T12:00:00Z', ...(options.path ? { path: options.path } : {}) });
  const scheduler = new Scheduler(h.store, h.clock, silentLog);

  const advanceBy = (ms: number) => advanceTo({ store: h.store, clock: h.clock, scheduler, relay: h.relay }, h.clock.now() + ms);
  const advanceUntil = (iso: string) => advanceTo({ store: h.store, clock: h.clock, scheduler, relay: h.relay }, Date.parse(iso));

  /** Runs a command and delivers what it queued, like the console. */
  const say = async (who: string, line: string) => {
    const reply = h.run(who, line);
    await h.deliver();
    return reply;
  };

  const dmsTo = (name: string): Notification[] =>
    h.sent.filter((n) => n.destination.kind === 'dm' && n.destination.memberName === name);
  const posts = (): Notification[] => h.sent.filter((n) => n.destination.kind === 'channel');
  const memberId = (name: string): number => {
    const coop = h.store.coops.find('console', 'console');
    const m = coop && h.store.members.find(coop.id, name.toLowerCase());
    if (!m) throw new Error(`no member ${name}`);
    return m.id;
  };
  const swapId = (number: number): number => {
    const coop = h.store.coops.find('console', 'console');
    const s = coop && h.store.swaps.findByNumber(coop.id, number);
    if (!s) throw new Error(`no swap ${number}`);
    return s.id;
  };

  const queuedFor = h.store.db.prepare<[string], { message: string }>(
    "SELECT message FROM outbox WHERE status = 'pending' AND json_extract(destination, '$.kind') = 'dm' AND json_extract(destination, '$.memberRef') = ? ORDER BY id",
  );
  /**
   * What a member was told: sent, queued to go later (after their quiet hours), and still held by the delivery
   * policy to be gathered.
   */
  const toldTo = (name: string): Message[] => {
    const id = memberId(name);
    const ref = h.store.members.get(id).externalRef;
    return [
      ...dmsTo(name).map((n) => n.message),
      ...queuedFor.all(ref).map((r) => JSON.parse(r.message) as Message),
      ...h.store.held.heldFor(id).map((m) => m.message),
    ];
  };

  return { ...h, scheduler, advanceBy, advanceUntil, say, dmsTo, toldTo, posts, memberId, swapId };
}

export type World = ReturnType<typeof createWorld>;

export const isCheckin = (n: Notification) => n.message.text.includes('did you take a break this week?');
export const isReminder = (n: Notification) => /^(Tomorrow|In \d+ hours|Soon):/.test(n.message.text);
