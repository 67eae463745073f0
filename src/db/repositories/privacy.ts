import type { Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Db } from '../connection.ts';
import { FORMER_MEMBER } from '../../domain/names.ts';
import { REMOVED_NOTE } from '../../domain/redaction.ts';
import { recipient, TO_MEMBER, type Recipient } from './privacy-export.ts';

/** A free-text column that may quote a member: where /privacy forget looks for their name, id and notes. */
interface TextColumn {
  table: string;
  column: string;
  /** The column holds JSON (a message, a reply): its strings are redacted, not the text as a whole. */
  json: boolean;
  /** How a row of this co-op is found; invocations are not per co-op, so every row is looked at. */
  coopFilter: string | null;
  key: string;
}

// Every free-text column in the schema that can hold what a member wrote or is called. A new text column must be
// added here (test/services/privacy/forget-file.test.ts reads the whole database file and would find what is missed).
const TEXT_COLUMNS: readonly TextColumn[] = [
  { table: 'outbox', column: 'message', json: true, coopFilter: 'coop_id = @coop', key: 'id' },
  // a private sit thread's name and members ("#4 · Cat & Zoe · Sun 21 Mar")
  { table: 'outbox', column: 'destination', json: true, coopFilter: 'coop_id = @coop', key: 'id' },
  { table: 'outbox', column: 'last_error', json: false, coopFilter: 'coop_id = @coop', key: 'id' },
  { table: 'invocations', column: 'reply', json: true, coopFilter: null, key: 'idempotency_key' },
  { table: 'invocations', column: 'idempotency_key', json: false, coopFilter: null, key: 'idempotency_key' },
  { table: 'transfer_notes', column: 'note', json: false, coopFilter: 'transfer_id IN (SELECT id FROM transfers WHERE coop_id = @coop)', key: 'transfer_id' },
  { table: 'swaps', column: 'note', json: false, coopFilter: 'coop_id = @coop', key: 'id' },
  { table: 'swaps', column: 'resolution_note', json: false, coopFilter: 'coop_id = @coop', key: 'id' },
  { table: 'breaks', column: 'note', json: false, coopFilter: 'coop_id = @coop', key: 'id' },
  { table: 'disputes', column: 'note', json: false, coopFilter: 'coop_id = @coop', key: 'id' },
  { table: 'disputes', column: 'resolution_note', json: false, coopFilter: 'coop_id = @coop', key: 'id' },
  { table: 'jobs', column: 'payload', json: true, coopFilter: 'coop_id = @coop', key: 'id' },
  { table: 'jobs', column: 'last_error', json: false, coopFilter: 'coop_id = @coop', key: 'id' },
  { table: 'households', column: 'name', json: false, coopFilter: 'coop_id = @coop', key: 'id' },
  { table: 'child_cards', column: 'text', json: false, coopFilter: 'household_id IN (SELECT id FROM households WHERE coop_id = @coop)', key: 'household_id' },
  // a sitter's all's-well updates, and messages waiting to be gathered (an update held by a parent's quiet hours)
  { table: 'sit_updates', column: 'text', json: false, coopFilter: 'coop_id = @coop', key: 'id' },
  { table: 'held_messages', column: 'message', json: true, coopFilter: 'coop_id = @coop', key: 'id' },
];

function refHash(coopId: number, externalRef: string): string {
  return createHash('sha256').update(`breather-forgotten:${coopId}:${externalRef}`).digest('hex');
}

/** Escapes LIKE's wildcards so a search term matches only itself. */
const likeEscaped = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Every string inside a stored JSON value for which `match` is true; a string that is itself JSON (a file, like an
 * export remembered for a re-delivery) is looked inside too.
 */
function stringsIn(json: string, match: (text: string) => boolean, into: Set<string>): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return; // not JSON: a plain text, looked at as a whole by the caller
  }
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (match(value)) into.add(value);
      else if (/^\s*[[{]/.test(value)) stringsIn(value, match, into);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (value !== null && typeof value === 'object') {
      for (const inner of Object.values(value)) walk(inner);
    }
  };
  walk(parsed);
}

/** The writes of /privacy forget, and the fingerprints that recognise a forgotten member who comes back. */
export class PrivacyRepository {
  private readonly forgottenCount;
  private readonly insertForgotten;
  private readonly deletes: Statement<[{ member: number }]>[];
  private readonly deleteOutboxTo;
  private readonly blankSwaps;
  private readonly anonymise;
  private readonly pruneReplies;
  private readonly finders = new Map<string, Statement<{ coop: number; term: string }, { key: string | number; value: string }>>();
  private readonly updaters = new Map<string, Statement<[string, string | number]>>();

  constructor(private readonly db: Db) {
    this.forgottenCount = db.prepare<[number, string], { n: number }>('SELECT count(*) AS n FROM forgotten_refs WHERE coop_id = ? AND ref_hash = ?');
    this.insertForgotten = db.prepare<[number, string]>('INSERT OR IGNORE INTO forgotten_refs (coop_id, ref_hash) VALUES (?, ?)');
    this.deletes = [
      // their own notes on ledger entries (the entries stay; notes live beside them for exactly this)
      'DELETE FROM transfer_notes WHERE transfer_id IN (SELECT id FROM transfers WHERE actor_member_id = @member)',
      // check-in answers and the break log, with their notes
      'DELETE FROM breaks WHERE member_id = @member',
      'DELETE FROM checkin_settings WHERE member_id = @member',
      'DELETE FROM unprompted_messages WHERE member_id = @member',
      // every job about them, done or still to come: reminders, check-ins, nudges
      'DELETE FROM jobs WHERE member_id = @member',
      'DELETE FROM household_invitations WHERE inviter_member_id = @member OR invitee_member_id = @member',
      // what they typed with an unclear time, kept for a question's buttons
      'DELETE FROM swap_drafts WHERE member_id = @member',
      // a child card they wrote is their note: it goes, with the record of who saw it
      'DELETE FROM child_card_showings WHERE household_id IN (SELECT household_id FROM child_cards WHERE updated_by = @member)',
      'DELETE FROM child_cards WHERE updated_by = @member',
      // the fingerprints of the versions they wrote, once their copies are taken out (forget.ts does that first)
      'DELETE FROM child_card_versions WHERE written_by = @member',
      // what they said in a dispute, or wrote when deciding one (the decision itself, and who made it, stay)
      'UPDATE disputes SET note = NULL WHERE opened_by = @member',
      'UPDATE disputes SET resolution_note = NULL WHERE resolved_by = @member',
      // the updates they sent as a sitter stay a record of the sit, without their words; the sits they turned updates off for go
      `UPDATE sit_updates SET text = '${REMOVED_NOTE}' WHERE sitter_id = @member`,
      'DELETE FROM sit_update_optouts WHERE member_id = @member',
      // messages waiting to be gathered for them
      'DELETE FROM held_messages WHERE member_id = @member',
    ].map((sql) => db.prepare<[{ member: number }]>(sql));
    // Messages to them: DMs, and the channel mention sent when their DMs were closed.
    this.deleteOutboxTo = db.prepare<[Recipient]>(`DELETE FROM outbox WHERE ${TO_MEMBER}`);
    this.blankSwaps = db.prepare<[string, number]>('UPDATE swaps SET note = \'\', resolution_note = NULL, timezone = ? WHERE owner_member_id = ?');
    this.pruneReplies = db.prepare<[number]>('DELETE FROM invocations WHERE created_at < ?');
    this.anonymise = db.prepare<[string, string, number, number]>(
      `UPDATE members SET display_name = ?, external_ref = ?, timezone = NULL, profile_timezone = NULL, quiet_start = NULL,
         quiet_end = NULL, is_admin = 0, forgotten_at = ? WHERE id = ?`,
    );
  }

  /** True when someone with this platform id asked to be forgotten in this co-op. */
  wasForgotten(coopId: number, externalRef: string): boolean {
    return (this.forgottenCount.get(coopId, refHash(coopId, externalRef))?.n ?? 0) > 0;
  }

  /** Keeps only a one-way fingerprint of the platform id: enough to recognise them, nothing to find them by. */
  rememberForgotten(coopId: number, externalRef: string): void {
    this.insertForgotten.run(coopId, refHash(coopId, externalRef));
  }

  /**
   * Deletes what is theirs alone: notes, child cards they wrote, the words of their all's-well updates, check-ins,
   * breaks, settings, jobs, invitations and messages to them.
   */
  deleteOwnData(member: { id: number; coopId: number; externalRef: string }, platform: string): void {
    for (const statement of this.deletes) statement.run({ member: member.id });
    this.deleteOutboxTo.run(recipient(member, platform));
  }

  /** Blanks what they wrote on the swaps they posted (resolved ones too: migration 0004 allows only these columns). */
  blankOwnedSwaps(memberId: number, coopTimezone: string): void {
    this.blankSwaps.run(coopTimezone, memberId);
  }

  /**
   * Drops remembered answers older than `before`. They exist for re-deliveries, which come within minutes; older ones
   * are only a record of what was said, and an answer cannot be traced to who asked (only a hash says that).
   */
  forgetRepliesBefore(before: number): void {
    this.pruneReplies.run(before);
  }

  anonymiseMember(memberId: number, anonymousRef: string, now: number): void {
    this.anonymise.run(FORMER_MEMBER, anonymousRef, now, memberId);
  }

  /**
   * Rewrites every free-text value of the co-op (and every remembered reply) that contains one of `terms`, through
   * `redact` (`redactJson` for JSON columns). Returns how many values changed.
   */
  redactText(coopId: number, terms: readonly string[], redact: (text: string) => string, redactJson: (json: string) => string): number {
    let changed = 0;
    for (const column of TEXT_COLUMNS) {
      const seen = new Map<string | number, string>();
      for (const term of terms) for (const row of this.finder(column).all({ coop: coopId, term: likeEscaped(term) })) seen.set(row.key, row.value);
      for (const [key, value] of seen) {
        const next = column.json ? redactJson(value) : redact(value);
        if (next === value) continue;
        this.updater(column).run(next, key);
        changed += 1;
      }
    }
    return changed;
  }

  /**
   * Every string of the co-op's stored messages, jobs and free-text columns (and of every remembered answer) for
   * which `match` is true: how /privacy forget finds the copies of a text it knows only by a fingerprint (an earlier
   * version of a child card, in a sitter's reminder or a remembered answer).
   */
  stringsMatching(coopId: number, match: (text: string) => boolean): string[] {
    const found = new Set<string>();
    for (const column of TEXT_COLUMNS) {
      for (const row of this.finder(column).iterate({ coop: coopId, term: '%' })) {
        if (match(row.value)) found.add(row.value);
        else if (column.json) stringsIn(row.value, match, found);
      }
    }
    return [...found];
  }

  private finder(c: TextColumn) {
    const id = `${c.table}.${c.column}`;
    let statement = this.finders.get(id);
    if (!statement) {
      const where = [`${c.column} LIKE @term ESCAPE '\\'`, c.coopFilter ?? '@coop IS NOT NULL'].join(' AND ');
      statement = this.db.prepare(`SELECT ${c.key} AS key, ${c.column} AS value FROM ${c.table} WHERE ${where}`);
      this.finders.set(id, statement);
    }
    return statement;
  }

  private updater(c: TextColumn) {
    const id = `${c.table}.${c.column}`;
    let statement = this.updaters.get(id);
    if (!statement) {
      statement = this.db.prepare<[string, string | number]>(`UPDATE ${c.table} SET ${c.column} = ? WHERE ${c.key} = ?`);
      this.updaters.set(id, statement);
    }
    return statement;
  }
}
