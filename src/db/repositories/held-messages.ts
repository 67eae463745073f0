import type { Db } from '../connection.ts';
import type { Message } from '../../core/types.ts';
import type { HoldReason } from '../../domain/delivery.ts';

export interface HeldMessage {
  id: number;
  message: Message;
  counted: boolean;
  reason: HoldReason;
  expiresAt: number | null;
  createdAt: number;
  /** The swap it was about has moved on: no longer worth sending. */
  stale: boolean;
}

export interface NewHeldMessage {
  coopId: number;
  memberId: number;
  message: Message;
  counted: boolean;
  reason: HoldReason;
  expiresAt: number | null;
  dedupeKey: string | null;
  createdAt: number;
  onlyWhile?: { swapId: number; status: string } | undefined;
}

interface HeldRow {
  id: number;
  message: string;
  counted: number;
  reason: HoldReason;
  expires_at: number | null;
  created_at: number;
  stale: number;
}

/** Private messages waiting to be gathered into one "While you were away" message. */
export class HeldMessageRepository {
  private readonly insert;
  private readonly ofMember;
  private readonly removeOfMember;
  private readonly countOfMember;

  constructor(db: Db) {
    this.insert = db.prepare<[number, number, string, number, string, number | null, number | null, string | null, string | null, number]>(
      `INSERT INTO held_messages (coop_id, member_id, message, counted, reason, expires_at, swap_id, while_status, dedupe_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
    );
    this.ofMember = db.prepare<[number], HeldRow>(
      `SELECT h.id, h.message, h.counted, h.reason, h.expires_at, h.created_at,
         (h.swap_id IS NOT NULL AND s.status IS NOT h.while_status) AS stale
       FROM held_messages h LEFT JOIN swaps s ON s.id = h.swap_id WHERE h.member_id = ? ORDER BY h.id`,
    );
    this.removeOfMember = db.prepare<[number, number]>('DELETE FROM held_messages WHERE member_id = ? AND id <= ?');
    this.countOfMember = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM held_messages WHERE member_id = ?');
  }

  /** Holds a message; a repeated dedupe key is ignored (false), as the outbox ignores it. */
  hold(row: NewHeldMessage): boolean {
    const r = this.insert.run(
      row.coopId,
      row.memberId,
      JSON.stringify(row.message),
      row.counted ? 1 : 0,
      row.reason,
      row.expiresAt,
      row.onlyWhile?.swapId ?? null,
      row.onlyWhile?.status ?? null,
      row.dedupeKey,
      row.createdAt,
    );
    return r.changes > 0;
  }

  heldFor(memberId: number): HeldMessage[] {
    return this.ofMember.all(memberId).map((r) => ({
      id: r.id,
      message: JSON.parse(r.message) as Message,
      counted: r.counted === 1,
      reason: r.reason,
      expiresAt: r.expires_at,
      createdAt: r.created_at,
      stale: r.stale === 1,
    }));
  }

  /** Removes what was gathered (up to `lastId`): what arrived since stays for the next time. */
  release(memberId: number, lastId: number): void {
    this.removeOfMember.run(memberId, lastId);
  }

  count(memberId: number): number {
    return this.countOfMember.get(memberId)?.n ?? 0;
  }
}
