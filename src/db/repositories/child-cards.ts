import type { Db } from '../connection.ts';
import type { CardShowing, ChildCard, ShowingVia } from '../../domain/child-cards.ts';

const CARD_COLUMNS = 'household_id AS householdId, text, updated_by AS updatedBy, updated_at AS updatedAt';
const SHOWING_COLUMNS = `c.household_id AS householdId, c.member_id AS memberId, c.swap_id AS swapId, s.number AS swapNumber, c.via,
  c.shown_at AS shownAt`;

/** Households' child cards, every showing of them, and the one-time ask for a card. */
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
  }

  get(householdId: number): ChildCard | undefined {
    return this.byHousehold.get(householdId);
  }

  set(householdId: number, text: string, by: number, at: number): void {
    this.upsert.run(householdId, text, by, at);
  }

  /** Takes a household's card away, with the record of who saw it. */
  delete(householdId: number): void {
    this.removeShowings.run(householdId);
    this.remove.run(householdId);
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
