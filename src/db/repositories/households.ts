import type { Db } from '../connection.ts';
import type { Household, Invitation, InvitationStatus } from '../../domain/households.ts';

interface InvitationRow {
  id: number;
  coop_id: number;
  household_id: number;
  inviter_member_id: number;
  invitee_member_id: number;
  status: InvitationStatus;
  expires_at: number;
  created_at: number;
}

const toInvitation = (r: InvitationRow): Invitation => ({
  id: r.id,
  coopId: r.coop_id,
  householdId: r.household_id,
  inviterMemberId: r.inviter_member_id,
  inviteeMemberId: r.invitee_member_id,
  status: r.status,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
});

export interface Membership {
  householdId: number;
  joinedAt: number;
  leftAt: number | null;
}

/** Households, who is in them (now and before), and the invitations to join one. */
export class HouseholdRepository {
  private readonly byId;
  private readonly insertHousehold;
  private readonly insertAccount;
  private readonly rename;
  private readonly activeCount;
  private readonly moveMember;
  private readonly closeMembership;
  private readonly openMembership;
  private readonly membershipsOf;
  private readonly startOf;
  private readonly insertInvitation;
  private readonly invitationById;
  private readonly pendingPair;
  private readonly pendingOf;
  private readonly answer;

  constructor(db: Db) {
    this.byId = db.prepare<[number], Household>('SELECT id, coop_id AS coopId, name, created_at AS createdAt FROM households WHERE id = ?');
    this.insertHousehold = db.prepare<[number, number]>("INSERT INTO households (coop_id, name, created_at) VALUES (?, '', ?)");
    this.insertAccount = db.prepare<[number, number]>("INSERT INTO accounts (coop_id, kind, household_id) VALUES (?, 'household', ?)");
    this.rename = db.prepare<[string, number]>('UPDATE households SET name = ? WHERE id = ?');
    this.activeCount = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM members WHERE household_id = ? AND forgotten_at IS NULL');
    this.moveMember = db.prepare<[number, number]>('UPDATE members SET household_id = ? WHERE id = ?');
    this.closeMembership = db.prepare<[number, number]>('UPDATE household_memberships SET left_at = ? WHERE member_id = ? AND left_at IS NULL');
    this.openMembership = db.prepare<[number, number, number]>('INSERT INTO household_memberships (member_id, household_id, joined_at) VALUES (?, ?, ?)');
    this.membershipsOf = db.prepare<[number], Membership>(
      'SELECT household_id AS householdId, joined_at AS joinedAt, left_at AS leftAt FROM household_memberships WHERE member_id = ? ORDER BY id',
    );
    // The starting credits a household received, unless a merge has already sent them back (its key says so).
    this.startOf = db.prepare<[string, number, string], { amount: number }>(
      `SELECT p.amount FROM transfers t JOIN postings p ON p.transfer_id = t.id
       WHERE t.idempotency_key = ? AND t.kind = 'starting' AND p.account_id = ?
         AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.idempotency_key = ?)`,
    );
    this.insertInvitation = db.prepare<[number, number, number, number, number, number]>(
      `INSERT INTO household_invitations (coop_id, household_id, inviter_member_id, invitee_member_id, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.invitationById = db.prepare<[number], InvitationRow>('SELECT * FROM household_invitations WHERE id = ?');
    this.pendingPair = db.prepare<[number, number], InvitationRow>(
      "SELECT * FROM household_invitations WHERE household_id = ? AND invitee_member_id = ? AND status = 'pending'",
    );
    this.pendingOf = db.prepare<[number, number], InvitationRow>(
      "SELECT * FROM household_invitations WHERE status = 'pending' AND (invitee_member_id = ? OR inviter_member_id = ?) ORDER BY id",
    );
    this.answer = db.prepare<[InvitationStatus, number, number]>(
      "UPDATE household_invitations SET status = ?, answered_at = ? WHERE id = ? AND status = 'pending'",
    );
  }

  get(id: number): Household {
    const row = this.byId.get(id);
    if (!row) throw new Error(`no household ${id}`);
    return row;
  }

  /** A new, empty household with its own account at zero. */
  create(coopId: number, now: number): { householdId: number; accountId: number } {
    const householdId = Number(this.insertHousehold.run(coopId, now).lastInsertRowid);
    const accountId = Number(this.insertAccount.run(coopId, householdId).lastInsertRowid);
    return { householdId, accountId };
  }

  setName(id: number, name: string): void {
    this.rename.run(name, id);
  }

  /** Members in it who have not been forgotten. */
  activeMemberCount(id: number): number {
    return this.activeCount.get(id)?.n ?? 0;
  }

  /** Moves a member to another household, closing their old membership and opening the new one. */
  move(memberId: number, householdId: number, now: number): void {
    this.moveMember.run(householdId, memberId);
    this.closeMembership.run(now, memberId);
    this.openMembership.run(memberId, householdId, now);
  }

  /** The first membership of a new member. */
  join(memberId: number, householdId: number, now: number): void {
    this.openMembership.run(memberId, householdId, now);
  }

  memberships(memberId: number): Membership[] {
    return this.membershipsOf.all(memberId);
  }

  /** The starting credits the household still holds (0 when it never had any, or gave them back in a merge). */
  unreturnedStart(householdId: number, accountId: number): number {
    return this.startOf.get(startingKey(householdId), accountId, mergeKey(householdId))?.amount ?? 0;
  }

  invite(invitation: Omit<Invitation, 'id' | 'status'>): Invitation {
    const { coopId, householdId, inviterMemberId, inviteeMemberId, expiresAt, createdAt } = invitation;
    const id = Number(this.insertInvitation.run(coopId, householdId, inviterMemberId, inviteeMemberId, expiresAt, createdAt).lastInsertRowid);
    return this.invitation(id)!;
  }

  invitation(id: number): Invitation | undefined {
    const row = this.invitationById.get(id);
    return row && toInvitation(row);
  }

  pendingInvitation(householdId: number, inviteeMemberId: number): Invitation | undefined {
    const row = this.pendingPair.get(householdId, inviteeMemberId);
    return row && toInvitation(row);
  }

  /** Pending invitations a member sent or received. */
  pendingFor(memberId: number): Invitation[] {
    return this.pendingOf.all(memberId, memberId).map(toInvitation);
  }

  /** Answers a pending invitation once; false when it was no longer pending. */
  answerInvitation(id: number, status: Exclude<InvitationStatus, 'pending'>, at: number): boolean {
    return this.answer.run(status, at, id).changes === 1;
  }
}

/** The idempotency key of a household's starting credits (src/services/members/join.ts writes it). */
export function startingKey(householdId: number): string {
  return `starting:${householdId}`;
}

/** The idempotency key of the merge that folds a household into another: a household is folded at most once. */
export function mergeKey(householdId: number): string {
  return `merge:${householdId}`;
}
