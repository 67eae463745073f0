import { createHash } from 'node:crypto';
import type { Db } from '../connection.ts';
import type { CardShowing, ChildCard, ShowingVia } from '../../domain/child-cards.ts';

const CARD_COLUMNS = 'household_id AS householdId, text, updated_by AS updatedBy, updated_at AS updatedAt';
const SHOWING_COLUMNS = `c.household_id AS householdId, c.member_id AS memberId, c.swap_id AS swapId, s.number AS swapNumber, c.via,
  c.shown_at AS shownAt`;

/** A version's fingerprint: enough to recognise a copy of its text, nothing to read it back from. */
function versionHash(householdId: number, text: string): string {
  return createHash('sha256').update(`breather-child-card:${householdId}:${text}`).digest('base64url');
}

/** Households' child cards, who wrote each version (by fingerprint), every showing of them, and the one-time ask for a card. */
export class ChildCardRepository {
  private readonly byHousehold;
  private readonly upsert;
  private readonly remove;
  private readonly removeShowings;
  private readonly byWriter;
  private readonly insertShowing;
  private readonly showingsOfHousehold;
  private readonly showingsToMember;
  private readonly ask;
  private readonly insertVersion;
  private readonly versionsOnlyBy;
  private readonly versionsByWriter;

  constructor(db: Db) {
    this.byHousehold = db.prepare<[number], ChildCard>(`SELECT ${CARD_COLUMNS} FROM child_cards WHERE household_id = ?`);
    this.upsert = db.prepare<[number, string, number, number]>(
      `INSERT INTO child_cards (household_id, text, updated_by, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (household_id) DO UPDATE SET text = excluded.text, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare<[number]>('DELETE FROM child_cards WHERE household_id = ?');
    this.removeShowings = db.prepare<[number]>('DELETE FROM child_card_showings WHERE household_id = ?');
    this.byWriter = db.prepare<[number], ChildCard>(`SELECT ${CARD_COLUMNS} FROM child_cards WHERE updated_by = ?`);
    this.insertShowing = db.prepare<[number, number, number, string, number]>(
      'INSERT INTO child_card_showings (household_id, member_id, swap_id, via, shown_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.showingsOfHousehold = db.prepare<[number, number], CardShowing>(
      `SELECT ${SHOWING_COLUMNS} FROM child_card_showings c JOIN swaps s ON s.id = c.swap_id WHERE c.household_id = ?
       ORDER BY c.shown_at DESC, c.id DESC LIMIT ?`,
    );
    this.showingsToMember = db.prepare<[number], CardShowing>(
      `SELECT ${SHOWING_COLUMNS} FROM child_card_showings c JOIN swaps s ON s.id = c.swap_id WHERE c.member_id = ? ORDER BY c.id`,
    );
    this.ask = db.prepare<[number, number]>('UPDATE households SET card_asked_at = ? WHERE id = ? AND card_asked_at IS NULL');
    this.insertVersion = db.prepare<[number, string, number, number, number]>(
      'INSERT OR IGNORE INTO child_card_versions (household_id, text_hash, text_length, written_by, written_at) VALUES (?, ?, ?, ?, ?)',
    );
    // A text another parent of the family saved too is theirs as well: it is not counted as only this member's.
    this.versionsOnlyBy = db.prepare<[number], { householdId: number; textHash: string; textLength: number }>(
      `SELECT v.household_id AS householdId, v.text_hash AS textHash, v.text_length AS textLength FROM child_card_versions v WHERE v.written_by = ? AND NOT EXISTS
         (SELECT 1 FROM child_card_versions o WHERE o.household_id = v.household_id AND o.text_hash = v.text_hash AND o.written_by <> v.written_by)`,
    );
    this.versionsByWriter = db.prepare<[number], { householdId: number; writtenAt: number }>(
      'SELECT household_id AS householdId, written_at AS writtenAt FROM child_card_versions WHERE written_by = ? ORDER BY written_at, household_id',
    );
  }

  get(householdId: number): ChildCard | undefined {
    return this.byHousehold.get(householdId);
  }

  /** Writes the card; every version's writer is kept, by the text's fingerprint (see `versionsOnlyByMatcher`). */
  set(householdId: number, text: string, by: number, at: number): void {
    this.keepOutgoing(householdId);
    this.insertVersion.run(householdId, versionHash(householdId, text), text.length, by, at);
    this.upsert.run(householdId, text, by, at);
  }

  /** Takes a household's card away, with the record of who saw it (its versions' writers stay known). */
  delete(householdId: number): void {
    this.keepOutgoing(householdId);
    this.removeShowings.run(householdId);
    this.remove.run(householdId);
  }

  /** A card written before versions were kept is fingerprinted as it is replaced: its copies stay findable. */
  private keepOutgoing(householdId: number): void {
    const card = this.byHousehold.get(householdId);
    if (card) this.insertVersion.run(householdId, versionHash(householdId, card.text), card.text.length, card.updatedBy, card.updatedAt);
  }

  /**
   * Recognises the text of a version of a card that this member wrote and no other parent of that family saved (what
   * /privacy forget takes out of the copies); undefined when they wrote none.
   */
  versionsOnlyByMatcher(memberId: number): ((text: string) => boolean) | undefined {
    const versions = this.versionsOnlyBy.all(memberId);
    if (versions.length === 0) return undefined;
    const hashes = new Set(versions.map((v) => `${v.householdId}:${v.textHash}`));
    const households = [...new Set(versions.map((v) => v.householdId))];
    // Forget looks at every stored string of the co-op: only one of a version's length is worth hashing.
    const lengths = new Set(versions.map((v) => v.textLength));
    return (text) => lengths.has(text.length) && households.some((h) => hashes.has(`${h}:${versionHash(h, text)}`));
  }

  /** When the member wrote each version of a card that is kept (for their export: the words are not kept). */
  versionsBy(memberId: number): { householdId: number; writtenAt: number }[] {
    return this.versionsByWriter.all(memberId);
  }

  /** The cards whose current text this member wrote. */
  writtenBy(memberId: number): ChildCard[] {
    return this.byWriter.all(memberId);
  }

  recordShowing(householdId: number, memberId: number, swapId: number, via: ShowingVia, at: number): void {
    this.insertShowing.run(householdId, memberId, swapId, via, at);
  }

  /** Who saw the household's card, newest first. */
  showingsOf(householdId: number, limit: number): CardShowing[] {
    return this.showingsOfHousehold.all(householdId, limit);
  }

  /** The cards a member was shown as a sitter (for their export: when and for which sit, never the text). */
  showingsTo(memberId: number): CardShowing[] {
    return this.showingsToMember.all(memberId);
  }

  /** True the first time only: a household is asked for a card once. */
  claimAsk(householdId: number, at: number): boolean {
    return this.ask.run(at, householdId).changes === 1;
  }
}
