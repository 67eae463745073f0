import type { Message } from '../../src/core/types.ts';
import { quietHoursOf, timezoneOf } from '../../src/domain/members.ts';
import { isQuietAt } from '../../src/domain/quiet-hours.ts';
import { formatLocal } from '../../src/domain/timezone.ts';
import { weekKey } from '../../src/domain/weeks.ts';
import { createWorld, HOUR, type World } from '../jobs/world.ts';
import { logDeliveries } from '../support/delivery-log.ts';

// Six weeks of a small co-op's life, across both spring clock changes (America on 14 March 2027, Europe on 28
// March), with six members in three timezones doing what parents do: ask, volunteer, choose, book, cancel, confirm,
// give, log breaks. What it measures is what each member received, read from the database the way an observer
// outside the bot would: when each private message left, in the member's own time.

export const MEMBERS = [
  { name: 'Ana', zone: 'Europe/London', quiet: null },
  { name: 'Ben', zone: 'Europe/London', quiet: '22:00-07:00' },
  { name: 'Cat', zone: 'Europe/Paris', quiet: null },
  { name: 'Dan', zone: 'America/New_York', quiet: null },
  { name: 'Eve', zone: 'America/New_York', quiet: '20:30-06:30' },
  { name: 'Fay', zone: 'Europe/Paris', quiet: null },
] as const;

const START = '2027-03-01T07:30:00Z'; // a Monday
const WEEKS = 6;
/** Times of day (UTC) when something may happen: early morning, noon, evening, late. */
const SLOTS = [7.5, 12.25, 18, 22.25];

/** A small deterministic generator, so the six weeks are the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Delivered {
  member: string;
  text: string;
  message: Message;
  sentAt: number;
  local: string;
  week: string;
  quiet: boolean;
  /** Carries the one-tap "Quiet for a week" control: the bot counted it as unprompted. */
  unprompted: boolean;
}

export interface HeldRecord {
  id: number;
  member: string;
  text: string;
  expiresAt: number | null;
  heldAt: number;
}

export interface SixWeeks {
  world: World;
  delivered: Delivered[];
  held: HeldRecord[];
  /** Unprompted messages the bot recorded, by member and local week. */
  recorded: Map<string, number>;
  commands: number;
  /** Start times of every swap, by number. */
  startsAt: Map<number, number>;
  /** When each member ran a command ("Ana@<instant>"): a private answer to it may come at any hour. */
  askedAt: Set<string>;
}

interface SwapRow {
  id: number;
  number: number;
  kind: string;
  status: string;
  owner: string;
  startsAt: number;
  endsAt: number;
}

export async function sixWeeks(seed = 20270301): Promise<SixWeeks> {
  const w = createWorld({ start: START });
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const db = w.store.db;
  const log = logDeliveries(db);
  let commands = 0;
  const askedAt = new Set<string>();
  const say = async (who: string, line: string) => {
    commands += 1;
    askedAt.add(`${who}@${w.clock.now()}`);
    return w.say(who, line);
  };

  await say('Ana', '/coop setup timezone:Europe/London');
  for (const m of MEMBERS) {
    await say(m.name, `/profile timezone:${m.zone}`);
    if (m.quiet) await say(m.name, `/profile quiet:"${m.quiet}"`);
  }
  const names = MEMBERS.map((m) => m.name);
  const swaps = (): SwapRow[] =>
    db.prepare<[], SwapRow>(
      `SELECT s.id, s.number, s.kind, s.status, m.display_name AS owner, s.starts_at AS startsAt, s.ends_at AS endsAt
       FROM swaps s JOIN members m ON m.id = s.owner_member_id ORDER BY s.number`,
    ).all();
  const parties = (swapId: number) =>
    db.prepare<[number], { name: string; role: string; status: string }>(
      'SELECT m.display_name AS name, p.role, p.status FROM swap_parties p JOIN members m ON m.id = p.member_id WHERE p.swap_id = ?',
    ).all(swapId);

  const end = Date.parse(START) + WEEKS * 7 * 24 * HOUR;
  for (let day = Date.parse('2027-03-01T00:00:00Z'); day < end; day += 24 * HOUR) {
    for (const slot of SLOTS) {
      const at = day + slot * HOUR;
      if (at < w.clock.now()) continue;
      await w.advanceUntil(new Date(at).toISOString());
      const now = w.clock.now();
      const actions = 1 + Math.floor(next() * 2);
      for (let i = 0; i < actions; i++) {
        const roll = next();
        const all = swaps();
        const open = all.filter((s) => s.status === 'open' && s.startsAt > now + HOUR);
        const accepted = all.filter((s) => s.status === 'accepted');
        if (roll < 0.2) {
          const who = pick(names);
          const inDays = 2 + Math.floor(next() * 6);
          const date = new Date(day + inDays * 24 * HOUR).toISOString().slice(0, 10);
          const hour = pick(['10:00', '14:00', '19:00', '19:30']);
          await say(who, next() < 0.8 ? `/swap request when:"${date} ${hour} 3h"` : `/swap offer when:"${date} ${hour} 3h"`);
        } else if (roll < 0.45 && open.length > 0) {
          const swap = pick(open);
          const helper = pick(names.filter((n) => n !== swap.owner));
          await say(helper, swap.kind === 'offer' ? `/swap book id:${swap.number}` : `/swap volunteer id:${swap.number}`);
        } else if (roll < 0.6 && open.length > 0) {
          const swap = pick(open);
          const volunteer = parties(swap.id).find((p) => p.role === 'volunteer' && p.status === 'active');
          if (volunteer) await say(swap.owner, `/swap choose id:${swap.number} member:@${volunteer.name.toLowerCase()}`);
        } else if (roll < 0.75 && accepted.some((s) => s.endsAt < now)) {
          const swap = pick(accepted.filter((s) => s.endsAt < now));
          const sitter = parties(swap.id).find((p) => p.role === 'sitter' && p.status === 'active');
          await say(next() < 0.5 || !sitter ? swap.owner : sitter.name, `/swap done id:${swap.number}`);
        } else if (roll < 0.8 && accepted.some((s) => s.startsAt > now)) {
          const swap = pick(accepted.filter((s) => s.startsAt > now));
          const sitter = parties(swap.id).find((p) => p.role === 'sitter' && p.status === 'active');
          await say(next() < 0.5 || !sitter ? swap.owner : sitter.name, `/swap cancel id:${swap.number} reason:"a cold"`);
        } else if (roll < 0.88) {
          const [from, to] = [pick(names), pick(names)];
          if (from !== to) await say(from, `/credits give member:@${to.toLowerCase()} amount:0.5 note:"thanks"`);
        } else if (roll < 0.92) {
          await say('Ana', `/credits adjust member:@${pick(names).toLowerCase()} amount:+0.25 reason:"tidying up"`);
        } else {
          await say(pick(names), '/break log note:"a walk"');
        }
      }
    }
  }
  await w.advanceUntil(new Date(end + 24 * HOUR).toISOString()); // let what was held leave

  const byRef = new Map(db.prepare<[], { id: number; ref: string; name: string }>('SELECT id, external_ref AS ref, display_name AS name FROM members').all().map((m) => [m.ref, m]));
  const coop = w.store.coops.find('console', 'console')!;
  const zoneOf = (memberId: number) => {
    const member = w.store.members.get(memberId);
    return { zone: timezoneOf(member, coop), quiet: quietHoursOf(member) };
  };
  const delivered: Delivered[] = log
    .sentDms()
    .map((row) => {
      const member = byRef.get((JSON.parse(row.destination) as { memberRef: string }).memberRef)!;
      const message = JSON.parse(row.message) as Message;
      const { zone, quiet } = zoneOf(member.id);
      const unprompted = (message.cards ?? []).some((c) => c.buttons?.some((b) => b.label === 'Quiet for a week'));
      return { member: member.name, text: message.text, message, sentAt: row.sentAt, local: formatLocal(row.sentAt, zone), week: weekKey(row.sentAt, zone), quiet: isQuietAt(row.sentAt, zone, quiet), unprompted };
    });
  const held: HeldRecord[] = log
    .held()
    .map((r) => ({ id: r.id, member: w.store.members.get(r.memberId).displayName, text: (JSON.parse(r.message) as Message).text, expiresAt: r.expiresAt, heldAt: r.heldAt }));
  const recorded = new Map<string, number>();
  for (const r of db.prepare<[], { memberId: number; week: string }>('SELECT member_id AS memberId, week FROM unprompted_messages').all()) {
    const key = `${w.store.members.get(r.memberId).displayName} ${r.week}`;
    recorded.set(key, (recorded.get(key) ?? 0) + 1);
  }
  const startsAt = new Map(swaps().map((s) => [s.number, s.startsAt]));
  return { world: w, delivered, held, recorded, commands, startsAt, askedAt };
}

/**
 * A private message in quiet hours is allowed only as the answer to the member's own command (the welcome) or for a
 * sit starting within the next three hours.
 */
export function allowedInQuiet(d: Delivered, run: Pick<SixWeeks, 'startsAt' | 'askedAt'>): boolean {
  if (run.askedAt.has(`${d.member}@${d.sentAt}`)) return true;
  const { startsAt } = run;
  const numbers = [...d.text.matchAll(/#(\d+)/g)].map((m) => Number(m[1]));
  return numbers.some((n) => {
    const start = startsAt.get(n);
    return start !== undefined && start > d.sentAt && start - d.sentAt <= 3 * HOUR;
  });
}

export interface WeekFigures {
  member: string;
  week: string;
  unprompted: number;
  heldThenDelivered: number;
  inQuietHours: number;
  allDms: number;
}

/** Per member per local week: unprompted messages, held-then-delivered messages, and any sent in quiet hours. */
export function figures(run: SixWeeks): WeekFigures[] {
  const rows = new Map<string, WeekFigures>();
  const row = (member: string, week: string) => {
    const key = `${member} ${week}`;
    if (!rows.has(key)) rows.set(key, { member, week, unprompted: 0, heldThenDelivered: 0, inQuietHours: 0, allDms: 0 });
    return rows.get(key)!;
  };
  for (const d of run.delivered) {
    const r = row(d.member, d.week);
    r.allDms += 1;
    if (d.unprompted) r.unprompted += 1;
    if (d.quiet && !allowedInQuiet(d, run)) r.inQuietHours += 1;
  }
  for (const h of run.held) {
    const carrier = run.delivered.find((d) => d.member === h.member && d.sentAt >= h.heldAt && d.text.includes(h.text.trim()));
    if (carrier) row(h.member, carrier.week).heldThenDelivered += 1;
  }
  return [...rows.values()].sort((a, b) => a.member.localeCompare(b.member) || a.week.localeCompare(b.week));
}
