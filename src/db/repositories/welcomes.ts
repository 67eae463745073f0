import type { Db } from '../connection.ts';

export interface NewFamily {
  memberId: number;
  name: string;
}

/** The welcome each member gets once per co-op, and the admins' note about the families who joined. */
export class WelcomeRepository {
  private readonly claim;
  private readonly waiting;
  private readonly announce;

  constructor(db: Db) {
    this.claim = db.prepare<[number, number]>('UPDATE members SET welcomed_at = ? WHERE id = ? AND welcomed_at IS NULL AND forgotten_at IS NULL');
    this.waiting = db.prepare<[number], NewFamily>(
      `SELECT id AS memberId, display_name AS name FROM members
       WHERE coop_id = ? AND announced_at IS NULL AND welcomed_at IS NOT NULL AND forgotten_at IS NULL ORDER BY welcomed_at, id`,
    );
    this.announce = db.prepare<[number, number]>('UPDATE members SET announced_at = ? WHERE id = ? AND announced_at IS NULL');
  }

  /** True the first time only: the member is welcomed once in this co-op. */
  claimWelcome(memberId: number, at: number): boolean {
    return this.claim.run(at, memberId).changes === 1;
  }

  /** Members welcomed whom the admins have not heard about yet. */
  unannounced(coopId: number): NewFamily[] {
    return this.waiting.all(coopId);
  }

  markAnnounced(memberId: number, at: number): void {
    this.announce.run(at, memberId);
  }
}
