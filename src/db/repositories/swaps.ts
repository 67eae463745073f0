import type { Db } from '../connection.ts';
import { isResolved, type NewSwap, type PartyRole, type PartyStatus, type Swap, type SwapParty, type SwapStatus } from '../../domain/swaps.ts';

const SWAP_COLUMNS = `id, coop_id AS coopId, number, kind, status, owner_member_id AS ownerMemberId, starts_at AS startsAt,
  ends_at AS endsAt, kids, note, timezone, rate, extra_child_rate AS extraChildRate, sitter_done_at AS sitterDoneAt,
  resolved_at AS resolvedAt, created_at AS createdAt, calendar_sequence AS calendarSequence`;
const PARTY_COLUMNS = `id, swap_id AS swapId, member_id AS memberId, role, kids, price, status, created_at AS createdAt`;

export class SwapRepository {
  private readonly insert;
  private readonly byNumber;
  private readonly byId;
  private readonly setStatusOpen;
  private readonly resolve;
  private readonly sitterDone;
  private readonly open;
  private readonly mine;
  private readonly startedOpen;
  private readonly partiesOf;
  private readonly sameOpen;
  private readonly bumpSequence;
  private readonly insertParty;
  private readonly partyStatus;

  constructor(db: Db) {
    this.insert = db.prepare<[number, number, string, number, number, number, number, string, string, number, number, number]>(
      `INSERT INTO swaps (coop_id, number, kind, status, owner_member_id, starts_at, ends_at, kids, note, timezone, rate,
         extra_child_rate, created_at) VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byNumber = db.prepare<[number, number], Swap>(`SELECT ${SWAP_COLUMNS} FROM swaps WHERE coop_id = ? AND number = ?`);
    this.byId = db.prepare<[number], Swap>(`SELECT ${SWAP_COLUMNS} FROM swaps WHERE id = ?`);
    this.setStatusOpen = db.prepare<[string, number]>('UPDATE swaps SET status = ? WHERE id = ?');
    this.resolve = db.prepare<[string, number, string | null, number]>(
      'UPDATE swaps SET status = ?, resolved_at = ?, resolution_note = ? WHERE id = ? AND resolved_at IS NULL',
    );
    this.sitterDone = db.prepare<[number, number]>('UPDATE swaps SET sitter_done_at = ? WHERE id = ?');
    this.open = db.prepare<[number, number, number], Swap>(
      `SELECT ${SWAP_COLUMNS} FROM swaps WHERE coop_id = ? AND status = 'open' AND starts_at > ? ORDER BY starts_at, id LIMIT ?`,
    );
    // The member's co-op's live swaps (a partial index), not every swap the member ever had.
    this.mine = db.prepare<[{ member: number; limit: number }], Swap>(
      `SELECT ${SWAP_COLUMNS} FROM swaps s
       WHERE s.coop_id = (SELECT coop_id FROM members WHERE id = @member) AND s.status IN ('open', 'accepted', 'disputed')
         AND (s.owner_member_id = @member
           OR EXISTS (SELECT 1 FROM swap_parties p WHERE p.swap_id = s.id AND p.member_id = @member AND p.status = 'active'))
       ORDER BY s.starts_at, s.id LIMIT @limit`,
    );
    this.startedOpen = db.prepare<[number, number], Swap>(
      `SELECT ${SWAP_COLUMNS} FROM swaps WHERE coop_id = ? AND status = 'open' AND starts_at <= ? ORDER BY starts_at`,
    );
    this.sameOpen = db.prepare<[number, number, string, number, number], Swap>(
      `SELECT ${SWAP_COLUMNS} FROM swaps WHERE coop_id = ? AND owner_member_id = ? AND kind = ? AND starts_at = ? AND ends_at = ?
         AND status IN ('open', 'accepted') ORDER BY id LIMIT 1`,
    );
    this.bumpSequence = db.prepare<[number], { n: number }>('UPDATE swaps SET calendar_sequence = calendar_sequence + 1 WHERE id = ? RETURNING calendar_sequence AS n');
    this.partiesOf = db.prepare<[number], SwapParty>(`SELECT ${PARTY_COLUMNS} FROM swap_parties WHERE swap_id = ? ORDER BY id`);
    this.insertParty = db.prepare<[number, number, string, number | null, number | null, number]>(
      'INSERT INTO swap_parties (swap_id, member_id, role, kids, price, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.partyStatus = db.prepare<[string, number]>('UPDATE swap_parties SET status = ? WHERE id = ?');
  }

  create(swap: NewSwap, number: number): Swap {
    const id = Number(
      this.insert.run(
        swap.coopId,
        number,
        swap.kind,
        swap.ownerMemberId,
        swap.startsAt,
        swap.endsAt,
        swap.kids,
        swap.note,
        swap.timezone,
        swap.rate,
        swap.extraChildRate,
        swap.createdAt,
      ).lastInsertRowid,
    );
    return this.get(id);
  }

  get(id: number): Swap {
    const swap = this.byId.get(id);
    if (!swap) throw new Error(`no swap ${id}`);
    return swap;
  }

  findByNumber(coopId: number, number: number): Swap | undefined {
    return this.byNumber.get(coopId, number);
  }

  /**
   * Moves a swap to the status `apply` gave. A resolved status (completed, cancelled, expired) is written once, with
   * when and why: a second resolution changes nothing and returns false.
   */
  moveTo(id: number, status: SwapStatus, at: number, note: string | null = null): boolean {
    if (isResolved(status)) return this.resolve.run(status, at, note, id).changes === 1;
    return this.setStatusOpen.run(status, id).changes === 1;
  }

  markSitterDone(id: number, at: number): void {
    this.sitterDone.run(at, id);
  }

  /** A change phones should pick up (a new sitter, a cancellation): returns the new SEQUENCE of its event. */
  bumpCalendar(id: number): number {
    return this.bumpSequence.get(id)?.n ?? 0;
  }

  /** The member's own request, offer or session for exactly these times, still open or taken. */
  findSame(coopId: number, ownerMemberId: number, kind: string, startsAt: number, endsAt: number): Swap | undefined {
    return this.sameOpen.get(coopId, ownerMemberId, kind, startsAt, endsAt);
  }

  listOpen(coopId: number, now: number, limit: number): Swap[] {
    return this.open.all(coopId, now, limit);
  }

  listMine(memberId: number, limit: number): Swap[] {
    return this.mine.all({ member: memberId, limit });
  }

  listStartedOpen(coopId: number, now: number): Swap[] {
    return this.startedOpen.all(coopId, now);
  }

  parties(swapId: number): SwapParty[] {
    return this.partiesOf.all(swapId);
  }

  addParty(swapId: number, memberId: number, role: PartyRole, kids: number | null, price: number | null, at: number): void {
    this.insertParty.run(swapId, memberId, role, kids, price, at);
  }

  setPartyStatus(partyId: number, status: PartyStatus): void {
    this.partyStatus.run(status, partyId);
  }
}
