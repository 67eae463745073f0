import type { Db } from '../connection.ts';
import type { Dispute, DisputeOutcome, LengthProposal, LengthStatus, NewDispute } from '../../domain/disputes.ts';

const DISPUTE_COLUMNS = `id, coop_id AS coopId, swap_id AS swapId, party_id AS partyId, reason, opened_by AS openedBy, note,
  claimed_minutes AS claimedMinutes, opened_at AS openedAt, resolved_at AS resolvedAt, resolved_by AS resolvedBy, outcome, paid,
  resolution_note AS resolutionNote`;
const PROPOSAL_COLUMNS = `id, swap_id AS swapId, party_id AS partyId, proposed_by AS proposedBy, minutes, proposed_at AS proposedAt, status,
  decided_at AS decidedAt, decided_by AS decidedBy`;

/** Disputes and length proposals: each about one family party of a swap. */
export class DisputeRepository {
  private readonly insert;
  private readonly openOfParty;
  private readonly openOfSwap;
  private readonly ofSwap;
  private readonly openOfCoop;
  private readonly settle;
  private readonly insertProposal;
  private readonly pendingOfParty;
  private readonly pendingOfSwap;
  private readonly decide;

  constructor(db: Db) {
    this.insert = db.prepare<[number, number, number, string, number, string | null, number | null, number]>(
      `INSERT INTO disputes (coop_id, swap_id, party_id, reason, opened_by, note, claimed_minutes, opened_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.openOfParty = db.prepare<[number], Dispute>(`SELECT ${DISPUTE_COLUMNS} FROM disputes WHERE party_id = ? AND resolved_at IS NULL`);
    this.openOfSwap = db.prepare<[number], Dispute>(`SELECT ${DISPUTE_COLUMNS} FROM disputes WHERE swap_id = ? AND resolved_at IS NULL ORDER BY id`);
    this.ofSwap = db.prepare<[number], Dispute>(`SELECT ${DISPUTE_COLUMNS} FROM disputes WHERE swap_id = ? ORDER BY id`);
    this.openOfCoop = db.prepare<[number], Dispute>(
      `SELECT ${DISPUTE_COLUMNS} FROM disputes WHERE coop_id = ? AND resolved_at IS NULL ORDER BY opened_at, id`,
    );
    this.settle = db.prepare<[number, number, string, number | null, string | null, number]>(
      `UPDATE disputes SET resolved_at = ?, resolved_by = ?, outcome = ?, paid = ?, resolution_note = ?
       WHERE id = ? AND resolved_at IS NULL`,
    );
    this.insertProposal = db.prepare<[number, number, number, number, number]>(
      'INSERT INTO length_proposals (swap_id, party_id, proposed_by, minutes, proposed_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.pendingOfParty = db.prepare<[number], LengthProposal>(
      `SELECT ${PROPOSAL_COLUMNS} FROM length_proposals WHERE party_id = ? AND status = 'pending'`,
    );
    this.pendingOfSwap = db.prepare<[number], LengthProposal>(
      `SELECT ${PROPOSAL_COLUMNS} FROM length_proposals WHERE swap_id = ? AND status = 'pending' ORDER BY id`,
    );
    this.decide = db.prepare<[string, number, number | null, number]>(
      "UPDATE length_proposals SET status = ?, decided_at = ?, decided_by = ? WHERE id = ? AND status = 'pending'",
    );
  }

  open(dispute: NewDispute): number {
    const { coopId, swapId, partyId, reason, openedBy, note, claimedMinutes, openedAt } = dispute;
    return Number(this.insert.run(coopId, swapId, partyId, reason, openedBy, note, claimedMinutes, openedAt).lastInsertRowid);
  }

  openFor(partyId: number): Dispute | undefined {
    return this.openOfParty.get(partyId);
  }

  openForSwap(swapId: number): Dispute[] {
    return this.openOfSwap.all(swapId);
  }

  allForSwap(swapId: number): Dispute[] {
    return this.ofSwap.all(swapId);
  }

  openInCoop(coopId: number): Dispute[] {
    return this.openOfCoop.all(coopId);
  }

  /** Records the decision once; a second decision changes nothing and returns false. */
  resolve(id: number, by: { at: number; memberId: number; outcome: DisputeOutcome; paid: number | null; note: string | null }): boolean {
    return this.settle.run(by.at, by.memberId, by.outcome, by.paid, by.note, id).changes === 1;
  }

  propose(swapId: number, partyId: number, proposedBy: number, minutes: number, at: number): number {
    return Number(this.insertProposal.run(swapId, partyId, proposedBy, minutes, at).lastInsertRowid);
  }

  pendingLength(partyId: number): LengthProposal | undefined {
    return this.pendingOfParty.get(partyId);
  }

  pendingLengths(swapId: number): LengthProposal[] {
    return this.pendingOfSwap.all(swapId);
  }

  /** Answers a pending proposal once; returns false when it was no longer pending. */
  decideLength(id: number, status: Exclude<LengthStatus, 'pending'>, at: number, by: number | null): boolean {
    return this.decide.run(status, at, by, id).changes === 1;
  }
}
