import type { Db } from '../connection.ts';
import type { SitUpdate } from '../../domain/sit-updates.ts';

const COLUMNS = 'u.id, u.coop_id AS coopId, u.swap_id AS swapId, u.sitter_id AS sitterId, u.text, u.created_at AS createdAt';

/** An update with the number members know its sit by. */
export interface NumberedUpdate extends SitUpdate {
  swapNumber: number;
}

/** An update of a sit some family was sat for, with that family's member: who it was for, as /privacy export reads it. */
export interface UpdateForFamily extends NumberedUpdate {
  familyMemberId: number;
}

/** The sitters' all's-well updates, and the parents who turned them off for one sit. */
export class SitUpdateRepository {
  private readonly insert;
  private readonly ofSwap;
  private readonly bySitter;
  private readonly forFamilies;
  private readonly optOutOne;
  private readonly optInOne;
  private readonly optedOut;
  private readonly optOutsOf;

  constructor(db: Db) {
    this.insert = db.prepare<[number, number, number, string, number]>(
      'INSERT INTO sit_updates (coop_id, swap_id, sitter_id, text, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.ofSwap = db.prepare<[number], SitUpdate>(`SELECT ${COLUMNS} FROM sit_updates u WHERE u.swap_id = ? ORDER BY u.id`);
    this.bySitter = db.prepare<[number], NumberedUpdate>(
      `SELECT ${COLUMNS}, s.number AS swapNumber FROM sit_updates u JOIN swaps s ON s.id = u.swap_id WHERE u.sitter_id = ? ORDER BY u.id`,
    );
    this.forFamilies = db.prepare<[number], UpdateForFamily>(
      `SELECT ${COLUMNS}, s.number AS swapNumber, p.member_id AS familyMemberId FROM sit_updates u JOIN swaps s ON s.id = u.swap_id
         JOIN swap_parties p ON p.swap_id = u.swap_id AND p.role = 'family' AND p.status = 'active'
       WHERE u.coop_id = ? ORDER BY u.id`,
    );
    this.optOutOne = db.prepare<[number, number, number]>('INSERT OR IGNORE INTO sit_update_optouts (swap_id, member_id, at) VALUES (?, ?, ?)');
    this.optInOne = db.prepare<[number, number]>('DELETE FROM sit_update_optouts WHERE swap_id = ? AND member_id = ?');
    this.optedOut = db.prepare<[number, number], { at: number }>('SELECT at FROM sit_update_optouts WHERE swap_id = ? AND member_id = ?');
    this.optOutsOf = db.prepare<[number], { swapId: number; swapNumber: number; at: number }>(
      `SELECT o.swap_id AS swapId, s.number AS swapNumber, o.at FROM sit_update_optouts o JOIN swaps s ON s.id = o.swap_id
       WHERE o.member_id = ? ORDER BY o.at`,
    );
  }

  add(update: Omit<SitUpdate, 'id'>): number {
    const { coopId, swapId, sitterId, text, createdAt } = update;
    return Number(this.insert.run(coopId, swapId, sitterId, text, createdAt).lastInsertRowid);
  }

  ofSit(swapId: number): SitUpdate[] {
    return this.ofSwap.all(swapId);
  }

  /** What a sitter wrote, in every sit. */
  writtenBy(sitterId: number): NumberedUpdate[] {
    return this.bySitter.all(sitterId);
  }

  /** Every update of the co-op's sits, once per family sat for. */
  forFamiliesIn(coopId: number): UpdateForFamily[] {
    return this.forFamilies.all(coopId);
  }

  /** "No updates for this sit": true when it was not already off. */
  optOut(swapId: number, memberId: number, at: number): boolean {
    return this.optOutOne.run(swapId, memberId, at).changes > 0;
  }

  /** Updates for this sit back on: true when they had been off. */
  optIn(swapId: number, memberId: number): boolean {
    return this.optInOne.run(swapId, memberId).changes > 0;
  }

  /** When the member turned this sit's updates off, if they did. */
  optedOutAt(swapId: number, memberId: number): number | undefined {
    return this.optedOut.get(swapId, memberId)?.at;
  }

  /** The sits a member turned updates off for. */
  optOutsBy(memberId: number): { swapId: number; swapNumber: number; at: number }[] {
    return this.optOutsOf.all(memberId);
  }
}
