import pino from 'pino';
import { APOLOGY } from '../../src/messages/errors.ts';
import type { Reply } from '../../src/core/types.ts';
import { LENGTH_ANSWER_HOURS } from '../../src/domain/disputes.ts';
import { Scheduler } from '../../src/jobs/scheduler.ts';
import { SETTLE_DEADLINE } from '../../src/planning/swap-jobs.ts';
import { createHarness } from '../support/harness.ts';
import { checkInvariants } from '../support/invariants.ts';

// A simulated world for the property test: three co-ops over one real store, driven by typed lines through a
// harness whose dispatcher logs errors into a list, so an unexpected exception fails the run with its line and stack.
// Moving the clock runs every job that falls due, in order, as the console's `:advance` does.

export const COOPS = ['coop-a', 'coop-b', 'coop-c'] as const;
/** The same names in every co-op: each co-op must keep its own Ann. Ann is first, so she is the admin. */
export const MEMBERS = ['Ann', 'Ben', 'Cat', 'Dan', 'Eve'] as const;
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** A balance notice ends with this; no other message does. */
const NOTICE = /You now have -?[\d.]+ h of credit\./g;

export interface SwapRow {
  id: number;
  number: number;
  kind: 'request' | 'offer' | 'session';
  status: string;
  owner: string;
  startsAt: number;
  endsAt: number;
}

interface TransferRow {
  id: number;
  coopId: number;
  kind: string;
}

export function createWorld() {
  const errors: string[] = [];
  const log = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
  const h = createHarness({ log });
  const db = h.store.db;
  const scheduler = new Scheduler(h.store, h.clock, log);
  const transcript: string[] = [];
  /** Balance notices in answers since the last check, by member id. */
  const answered = new Map<number, number>();

  function run(coop: string, who: string, line: string): Reply {
    transcript.push(`[${coop}] ${who}: ${line}`);
    const reply = h.run(who, line, coop);
    transcript.push(`    → ${reply.text.split('\n')[0]}`);
    if (reply.text === APOLOGY) {
      throw new Error(`generic apology for "${line}" by ${who} in ${coop}\n${errors.join('\n')}\ntranscript:\n${transcript.join('\n')}`);
    }
    const id = coopId(coop);
    const member = id === undefined ? undefined : h.store.members.find(id, who.toLowerCase());
    const notices = reply.text.match(NOTICE)?.length ?? 0;
    if (member && notices > 0) answered.set(member.id, (answered.get(member.id) ?? 0) + notices);
    if (errors.length > 0) throw new Error(`an error was logged for "${line}":\n${errors.join('\n')}\ntranscript:\n${transcript.join('\n')}`);
    return reply;
  }

  /** Moves the clock, running every job that falls due in order (as `:advance` does; delivery is not needed here). */
  function advance(ms: number): void {
    const until = h.clock.now() + ms;
    for (let i = 0; i < 10_000; i++) {
      scheduler.plan(h.clock.now());
      const next = scheduler.nextDueAt();
      if (next === undefined || next > until) break;
      if (next > h.clock.now()) h.clock.set(next);
      scheduler.runDue(h.clock.now());
    }
    h.clock.set(until);
    scheduler.plan(until);
    scheduler.runDue(until);
    if (errors.length > 0) throw new Error(`an error was logged while jobs ran:\n${errors.join('\n')}\ntranscript:\n${transcript.join('\n')}`);
  }

  const coopId = (coop: string): number | undefined => h.store.coops.find('console', coop)?.id;
  const swapRows = db.prepare<[number], SwapRow>(
    'SELECT s.id, s.number, s.kind, s.status, m.display_name AS owner, s.starts_at AS startsAt, s.ends_at AS endsAt FROM swaps s JOIN members m ON m.id = s.owner_member_id WHERE s.coop_id = ? ORDER BY s.number',
  );
  const partyNames = db.prepare<[number, string], { name: string }>(
    "SELECT m.display_name AS name FROM swap_parties p JOIN members m ON m.id = p.member_id WHERE p.swap_id = ? AND p.role = ? AND p.status = 'active' ORDER BY p.id",
  );
  const owned = [
    'SELECT * FROM coops WHERE id = ?',
    'SELECT * FROM coop_rules WHERE coop_id = ? ORDER BY name',
    'SELECT * FROM households WHERE coop_id = ? ORDER BY id',
    'SELECT * FROM members WHERE coop_id = ? ORDER BY id',
    'SELECT * FROM accounts WHERE coop_id = ? ORDER BY id',
    'SELECT * FROM swaps WHERE coop_id = ? ORDER BY id',
    'SELECT p.* FROM swap_parties p JOIN swaps s ON s.id = p.swap_id WHERE s.coop_id = ? ORDER BY p.id',
    'SELECT * FROM transfers WHERE coop_id = ? ORDER BY id',
    'SELECT p.* FROM postings p JOIN transfers t ON t.id = p.transfer_id WHERE t.coop_id = ? ORDER BY p.id',
    'SELECT * FROM outbox WHERE coop_id = ? ORDER BY id',
  ].map((sql) => db.prepare<[number]>(sql));

  const openOf = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM disputes WHERE swap_id = ? AND resolved_at IS NULL');
  const pendingOf = db.prepare<[number], { name: string }>(
    "SELECT m.display_name AS name FROM length_proposals l JOIN members m ON m.id = l.proposed_by WHERE l.swap_id = ? AND l.status = 'pending'",
  );
  /** Open disputes of a swap. */
  function openDisputes(swapId: number): number {
    return openOf.get(swapId)?.n ?? 0;
  }
  /** Who proposed the length a swap waits on, if one does. */
  function pendingLength(swapId: number): string | undefined {
    return pendingOf.get(swapId)?.name;
  }

  function swaps(coop: string): SwapRow[] {
    const id = coopId(coop);
    return id === undefined ? [] : swapRows.all(id);
  }

  /** Names of the active parties of a swap in a role. */
  function parties(swapId: number, role: 'sitter' | 'family' | 'volunteer'): string[] {
    return partyNames.all(swapId, role).map((r) => r.name);
  }

  /** Every row a co-op owns, as one string: a step in another co-op must leave it byte for byte the same. */
  function snapshot(coop: string): string {
    const id = coopId(coop);
    return id === undefined ? '' : owned.map((statement) => JSON.stringify(statement.all(id))).join('\n');
  }

  // Balances replayed transfer by transfer, to check each new transfer against the rules in force when it ran.
  const running = new Map<number, number>();
  let lastTransfer = 0;
  let lastOutbox = 0;
  let lastHeld = 0;
  const countedWhileHeld = new Map<number, number>();
  const newHeld = db.prepare<[number], { id: number; member_id: number; message: string }>('SELECT id, member_id, message FROM held_messages WHERE id > ? ORDER BY id');
  const householdAccounts = new Set<number>();
  const householdOf = db.prepare<[number], { householdId: number | null }>('SELECT household_id AS householdId FROM accounts WHERE id = ?');
  const membersOf = db.prepare<[number], { id: number }>('SELECT id FROM members WHERE household_id = ? AND forgotten_at IS NULL');
  const newDms = db.prepare<[number], { id: number; destination: string; message: string }>("SELECT id, destination, message FROM outbox WHERE id > ? AND destination LIKE '{\"kind\":\"dm\"%' ORDER BY id");

  /**
   * Every transfer since the last call kept the limits that guard new commitments: a gift never leaves its giver
   * below zero nor its receiver above the cap, a late fee keeps both within floor and cap. A sit that happened is
   * paid whatever the limits, and admin corrections are exempt. And every family whose balance changed was told
   * exactly once per change: in the answer to the member who acted, by a private message to everyone else.
   */
  function checkNewTransfers(): void {
    for (const a of db.prepare<[], { id: number }>("SELECT id FROM accounts WHERE kind = 'household'").all()) householdAccounts.add(a.id);
    const fresh = db.prepare<[number], TransferRow>('SELECT id, coop_id AS coopId, kind FROM transfers WHERE id > ? ORDER BY id').all(lastTransfer);
    const expected = new Map<number, number>();
    for (const t of fresh) {
      const rules = h.store.coops.rules(t.coopId);
      for (const p of h.store.ledger.postings(t.id)) {
        const before = running.get(p.accountId) ?? 0;
        const after = before + p.amount;
        running.set(p.accountId, after);
        if (!householdAccounts.has(p.accountId)) continue;
        // A start is the welcome itself; a household merge tells both parents in its own words (issue 16).
        if (t.kind !== 'starting' && t.kind !== 'household') {
          for (const m of membersOf.all(householdOf.get(p.accountId)?.householdId ?? 0)) expected.set(m.id, (expected.get(m.id) ?? 0) + 1);
        }
        const guarded = t.kind === 'gift' || t.kind === 'late_cancel';
        const low = t.kind === 'gift' ? Math.max(0, rules.floor) : rules.floor;
        if (guarded && p.amount < 0 && after < low) {
          throw new Error(`${t.kind} transfer ${t.id} took account ${p.accountId} from ${before} to ${after}, below ${low}\n${transcript.join('\n')}`);
        }
        if (guarded && p.amount > 0 && after > rules.cap) {
          throw new Error(`${t.kind} transfer ${t.id} took account ${p.accountId} from ${before} to ${after}, above the cap ${rules.cap}\n${transcript.join('\n')}`);
        }
      }
      lastTransfer = t.id;
    }
    const told = new Map(answered);
    answered.clear();
    const refs = new Map(db.prepare<[], { id: number; ref: string; coop: string }>('SELECT m.id, m.external_ref AS ref, c.external_ref AS coop FROM members m JOIN coops c ON c.id = m.coop_id').all().map((m) => [`${m.coop}/${m.ref}`, m.id]));
    // A message held back by the delivery policy (quiet hours, the week's two) counts when it is held; when it is
    // delivered later, gathered with others, it is not counted again.
    // A message held and gathered within one step never shows as a held row: the gathered part counts whatever
    // was not already counted when held.
    for (const row of newHeld.all(lastHeld)) {
      lastHeld = row.id;
      const n = (JSON.parse(row.message) as { text: string }).text.match(NOTICE)?.length ?? 0;
      if (n > 0) told.set(row.member_id, (told.get(row.member_id) ?? 0) + n);
      if (n > 0) countedWhileHeld.set(row.member_id, (countedWhileHeld.get(row.member_id) ?? 0) + n);
    }
    for (const row of newDms.all(lastOutbox)) {
      lastOutbox = row.id;
      const to = JSON.parse(row.destination) as { coopRef: string; memberRef: string };
      const text = (JSON.parse(row.message) as { text: string }).text;
      const [own = '', gathered = ''] = text.startsWith('While you were away:') ? ['', text] : text.split('\n\nAlso, while you were away:');
      const id = refs.get(`${to.coopRef}/${to.memberRef}`);
      if (id === undefined) continue;
      const already = countedWhileHeld.get(id) ?? 0;
      const fresh = gathered.match(NOTICE)?.length ?? 0;
      countedWhileHeld.set(id, Math.max(0, already - fresh));
      const n = (own.match(NOTICE)?.length ?? 0) + Math.max(0, fresh - already);
      if (n > 0) told.set(id, (told.get(id) ?? 0) + n);
    }
    for (const id of new Set([...expected.keys(), ...told.keys()])) {
      if ((told.get(id) ?? 0) !== (expected.get(id) ?? 0)) {
        throw new Error(`member ${id} was told of ${told.get(id) ?? 0} balance change(s), not ${expected.get(id) ?? 0}\n${transcript.join('\n')}`);
      }
    }
  }

  const lateSits = db.prepare<[number, number], { id: number; number: number; status: string }>(
    `SELECT s.id, s.number, s.status FROM swaps s
     WHERE (s.status = 'accepted' OR (s.kind = 'session' AND s.status = 'open'
             AND EXISTS (SELECT 1 FROM swap_parties p WHERE p.swap_id = s.id AND p.role = 'family' AND p.status = 'active')))
       AND s.ends_at + ? <= ?
       AND NOT EXISTS (SELECT 1 FROM length_proposals l WHERE l.swap_id = s.id AND l.status = 'pending')`,
  );
  const pendingLate = db.prepare<[number, number], { id: number }>("SELECT swap_id AS id FROM length_proposals WHERE status = 'pending' AND proposed_at + ? <= ?");

  /** Every sit whose time has passed is settled, disputed or called off within its deadline: none is left unpaid. */
  function checkDeadlines(): void {
    const now = h.clock.now();
    const late = lateSits.all(SETTLE_DEADLINE, now);
    if (late.length > 0) throw new Error(`sits left unsettled past their deadline: ${JSON.stringify(late)}\n${transcript.join('\n')}`);
    const unanswered = pendingLate.all(LENGTH_ANSWER_HOURS * HOUR, now);
    if (unanswered.length > 0) throw new Error(`a proposed length outlived its 48 hours: ${JSON.stringify(unanswered)}\n${transcript.join('\n')}`);
  }

  /** What `/swap list` shows in a co-op must be that co-op's own open swaps. */
  function checkList(coop: string, reply: Reply): void {
    const own = new Map(swaps(coop).map((s) => [s.number, s]));
    for (const card of reply.cards ?? []) {
      const match = /^#(\d+) · (\S+)/.exec(card.title);
      const swap = match ? own.get(Number(match[1])) : undefined;
      if (!match || !swap || swap.owner !== match[2]) {
        throw new Error(`/swap list in ${coop} showed "${card.title}", which is not one of its swaps\n${transcript.join('\n')}`);
      }
    }
  }

  function checkAll(): void {
    try {
      checkInvariants(db);
    } catch (error) {
      throw new Error(`${(error as Error).message}\ntranscript:\n${transcript.join('\n')}`);
    }
    checkNewTransfers();
    checkDeadlines();
  }

  /** A date-and-time people type, `day` days from the simulated now, at `hour` o'clock (London is UTC in winter). */
  function when(day: number, hour: number, hours: number): string {
    const date = new Date(h.clock.now() + day * DAY).toISOString().slice(0, 10);
    return `"${date} ${String(hour).padStart(2, '0')}:00 ${hours}h"`;
  }

  return { h, db, run, advance, swaps, parties, openDisputes, pendingLength, snapshot, checkAll, checkList, when, transcript };
}

export type World = ReturnType<typeof createWorld>;
