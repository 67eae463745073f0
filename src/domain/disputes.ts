// A dispute freezes one family's sit until an admin decides; a length proposal asks the other side to confirm a
// length different from the booking. Both are about one family party of a swap (a session has one per family).

export type DisputeReason = 'didnt_happen' | 'length';
export type DisputeOutcome = 'booked' | 'hours' | 'none';

export interface Dispute {
  id: number;
  coopId: number;
  swapId: number;
  partyId: number;
  reason: DisputeReason;
  openedBy: number;
  note: string | null;
  /** A length disagreement: the length one side proposed, in minutes. */
  claimedMinutes: number | null;
  openedAt: number;
  resolvedAt: number | null;
  resolvedBy: number | null;
  outcome: DisputeOutcome | null;
  /** Credit-minutes the resolution paid. */
  paid: number | null;
  resolutionNote: string | null;
}

export type NewDispute = Pick<Dispute, 'coopId' | 'swapId' | 'partyId' | 'reason' | 'openedBy' | 'note' | 'claimedMinutes' | 'openedAt'>;

export type LengthStatus = 'pending' | 'accepted' | 'disputed' | 'withdrawn';

export interface LengthProposal {
  id: number;
  swapId: number;
  partyId: number;
  proposedBy: number;
  minutes: number;
  proposedAt: number;
  status: LengthStatus;
  decidedAt: number | null;
  /** Who answered; null when silence accepted it. */
  decidedBy: number | null;
}

/** How long the other side has to answer a proposed length before silence accepts it. */
export const LENGTH_ANSWER_HOURS = 48;
