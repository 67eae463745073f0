import pino from 'pino';
import { APOLOGY } from '../../src/messages/errors.ts';
import type { Reply } from '../../src/core/types.ts';
import { createHarness } from '../support/harness.ts';
import { checkInvariants } from '../support/invariants.ts';

// A simulated world for the property test: three co-ops over one real store, driven by typed lines through a
// harness whose dispatcher logs errors into a list, so an unexpected exception fails the run with its line and stack.

export const COOPS = ['coop-a', 'coop-b', 'coop-c'] as const;
/** The same names in every co-op: each co-op must keep its own Ann. Ann is first, so she is the admin. */
export const MEMBERS = ['Ann', 'Ben', 'Cat', 'Dan', 'Eve'] as const;
const DAY = 86_400_000;

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
  const h = createHarness({ log: pino({ level: 'error' }, { write: (line: string) => void errors.push(line) }) });
  const db = h.store.db;
  const transcript: string[] = [];

  function run(coop: string, who: string, line: string): Reply {
    transcript.push(`[${coop}] ${who}: ${line}`);
    const reply = h.run(who, line, coop);
    transcript.push(`    → ${reply.text.split('\n')[0]}`);
    if (reply.text === APOLOGY) {
      throw new Error(`generic apology for "${line}" by ${who} in ${coop}\n${errors.join('\n')}\ntranscript:\n${transcript.join('\n')}`);
    }
    return reply;
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
  const householdAccounts = new Set<number>();

  /** Every transfer since the last call that lowered a household balance left it ≥ floor; raised, ≤ cap. Admin adjustments are exempt. */
  function checkNewTransfers(): void {
    for (const a of db.prepare<[], { id: number }>("SELECT id FROM accounts WHERE kind = 'household'").all()) householdAccounts.add(a.id);
    const fresh = db.prepare<[number], TransferRow>('SELECT id, coop_id AS coopId, kind FROM transfers WHERE id > ? ORDER BY id').all(lastTransfer);
    for (const t of fresh) {
      const rules = h.store.coops.rules(t.coopId);
      for (const p of h.store.ledger.postings(t.id)) {
        const before = running.get(p.accountId) ?? 0;
        const after = before + p.amount;
        running.set(p.accountId, after);
        if (t.kind === 'adjustment' || !householdAccounts.has(p.accountId)) continue;
        if (p.amount < 0 && after < rules.floor) {
          throw new Error(`${t.kind} transfer ${t.id} took account ${p.accountId} from ${before} to ${after}, below the floor ${rules.floor}\n${transcript.join('\n')}`);
        }
        if (p.amount > 0 && after > rules.cap) {
          throw new Error(`${t.kind} transfer ${t.id} took account ${p.accountId} from ${before} to ${after}, above the cap ${rules.cap}\n${transcript.join('\n')}`);
        }
      }
      lastTransfer = t.id;
    }
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
  }

  /** A date-and-time people type, `day` days from the simulated now, at `hour` o'clock (London is UTC in winter). */
  function when(day: number, hour: number, hours: number): string {
    const date = new Date(h.clock.now() + day * DAY).toISOString().slice(0, 10);
    return `"${date} ${String(hour).padStart(2, '0')}:00 ${hours}h"`;
  }

  return { h, db, run, swaps, parties, snapshot, checkAll, checkList, when, transcript };
}

export type World = ReturnType<typeof createWorld>;
