import type { Db } from '../connection.ts';

// What /privacy export reads: everything held about one member in one co-op, as plain rows. Times stay epoch
// milliseconds here; the service writes them as ISO text.

export interface ExportedSwap {
  id: number;
  number: number;
  kind: string;
  status: string;
  /** 1 when they posted it: its note and timezone are theirs. */
  posted: number;
  startsAt: number;
  endsAt: number;
  kids: number;
  note: string;
  timezone: string;
  resolutionNote: string | null;
  createdAt: number;
  resolvedAt: number | null;
}

export interface ExportedPart {
  swapId: number;
  role: string;
  status: string;
  kids: number | null;
  price: number | null;
  createdAt: number;
}

export interface ExportedEntry {
  transferId: number;
  kind: string;
  memo: string;
  note: string | null;
  amount: number;
  swapNumber: number | null;
  createdAt: number;
}

export interface ExportedJob {
  kind: string;
  swapId: number | null;
  dueAt: number;
  status: string;
  createdAt: number;
  finishedAt: number | null;
}

export interface ExportedMessage {
  message: string;
  status: string;
  localTime: string | null;
  createdAt: number;
  sentAt: number | null;
}

export interface ExportedInvitation {
  id: number;
  householdId: number;
  inviterMemberId: number;
  inviteeMemberId: number;
  status: string;
  expiresAt: number;
  createdAt: number;
  answeredAt: number | null;
}

/** The outbox rows addressed to a member: their DMs, and the channel mention sent when their DMs were closed. */
export const TO_MEMBER = `coop_id = @coop AND ((json_extract(destination, '$.kind') = 'dm' AND json_extract(destination, '$.platform') = @platform
  AND json_extract(destination, '$.memberRef') = @ref) OR substr(dedupe_key, 1, length(@refused)) = @refused)`;

export interface Recipient {
  coop: number;
  platform: string;
  ref: string;
  refused: string;
}

export function recipient(member: { coopId: number; externalRef: string }, platform: string): Recipient {
  return { coop: member.coopId, platform, ref: member.externalRef, refused: `dm-refused:${member.coopId}:${member.externalRef}:` };
}

export class PrivacyExportQueries {
  private readonly swapsOf;
  private readonly partsOf;
  private readonly entriesOf;
  private readonly jobsOf;
  private readonly messagesTo;
  private readonly unpromptedOf;
  private readonly invitationsOf;
  private readonly notesBy;

  constructor(db: Db) {
    this.swapsOf = db.prepare<[{ member: number; coop: number }], ExportedSwap>(
      `SELECT id, number, kind, status, (owner_member_id = @member) AS posted, starts_at AS startsAt, ends_at AS endsAt, kids,
         note, timezone, resolution_note AS resolutionNote, created_at AS createdAt, resolved_at AS resolvedAt
       FROM swaps WHERE coop_id = @coop AND (owner_member_id = @member OR id IN (SELECT swap_id FROM swap_parties WHERE member_id = @member))
       ORDER BY number`,
    );
    this.partsOf = db.prepare<[number], ExportedPart>(
      'SELECT swap_id AS swapId, role, status, kids, price, created_at AS createdAt FROM swap_parties WHERE member_id = ? ORDER BY id',
    );
    this.entriesOf = db.prepare<[number, number, number], ExportedEntry>(
      `SELECT t.id AS transferId, t.kind, t.memo, n.note, p.amount, s.number AS swapNumber, t.created_at AS createdAt
       FROM postings p JOIN transfers t ON t.id = p.transfer_id LEFT JOIN transfer_notes n ON n.transfer_id = t.id
         LEFT JOIN swaps s ON s.id = t.swap_id
       WHERE p.account_id = ? AND t.created_at >= ? AND t.created_at <= ? ORDER BY t.id`,
    );
    this.jobsOf = db.prepare<[number], ExportedJob>(
      `SELECT kind, swap_id AS swapId, due_at AS dueAt, status, created_at AS createdAt, finished_at AS finishedAt
       FROM jobs WHERE member_id = ? ORDER BY due_at, id`,
    );
    this.messagesTo = db.prepare<[Recipient], ExportedMessage>(
      `SELECT message, status, local_time AS localTime, created_at AS createdAt, sent_at AS sentAt FROM outbox
       WHERE ${TO_MEMBER} ORDER BY id`,
    );
    this.unpromptedOf = db.prepare<[number], { kind: string; week: string; sentAt: number }>(
      'SELECT kind, week, sent_at AS sentAt FROM unprompted_messages WHERE member_id = ? ORDER BY id',
    );
    this.invitationsOf = db.prepare<[{ member: number }], ExportedInvitation>(
      `SELECT id, household_id AS householdId, inviter_member_id AS inviterMemberId, invitee_member_id AS inviteeMemberId, status,
         expires_at AS expiresAt, created_at AS createdAt, answered_at AS answeredAt
       FROM household_invitations WHERE inviter_member_id = @member OR invitee_member_id = @member ORDER BY id`,
    );
    this.notesBy = db.prepare<[{ m: number }], { note: string }>(
      `SELECT n.note FROM transfer_notes n JOIN transfers t ON t.id = n.transfer_id WHERE t.actor_member_id = @m
       UNION ALL SELECT note FROM disputes WHERE opened_by = @m AND note IS NOT NULL
       UNION ALL SELECT resolution_note FROM disputes WHERE resolved_by = @m AND resolution_note IS NOT NULL`,
    );
  }

  swaps(coopId: number, memberId: number): ExportedSwap[] {
    return this.swapsOf.all({ member: memberId, coop: coopId });
  }

  parts(memberId: number): ExportedPart[] {
    return this.partsOf.all(memberId);
  }

  /** The entries on a household's account between two instants (both included). */
  entries(accountId: number, from: number, to: number): ExportedEntry[] {
    return this.entriesOf.all(accountId, from, to);
  }

  jobs(memberId: number): ExportedJob[] {
    return this.jobsOf.all(memberId);
  }

  messages(member: { coopId: number; externalRef: string }, platform: string): ExportedMessage[] {
    return this.messagesTo.all(recipient(member, platform));
  }

  unprompted(memberId: number): { kind: string; week: string; sentAt: number }[] {
    return this.unpromptedOf.all(memberId);
  }

  /** The notes they wrote on ledger entries (a gift's note, an admin's reason). */
  notesWrittenBy(memberId: number): string[] {
    return this.notesBy.all({ m: memberId }).map((r) => r.note);
  }

  invitations(memberId: number): ExportedInvitation[] {
    return this.invitationsOf.all({ member: memberId });
  }
}
