import type { Invocation } from '../../core/types.ts';
import type { Store } from '../../db/store.ts';
import type { Coop } from '../../domain/coops.ts';
import { movement } from '../../domain/ledger.ts';
import type { Member } from '../../domain/members.ts';
import { isValidTimezone } from '../../domain/timezone.ts';

/**
 * Finds or creates the co-op and the member behind an invocation. A new member is a household of one and gets the
 * co-op's starting credits from its issuance account. On the console the first member of a new co-op is its admin;
 * on Discord and Slack the platform's own admins are, so a stray first user cannot take the co-op.
 */
export function joinCoop(store: Store, invocation: Invocation, defaultTimezone: string, now: number): { coop: Coop; member: Member } {
  let coop =
    store.coops.find(invocation.platform, invocation.coopRef) ??
    store.coops.create(invocation.platform, invocation.coopRef, invocation.coopName ?? '', defaultTimezone, now);
  // Until an admin picks one with /coop setup, the first shared channel the bot is used in gets the announcements.
  if (coop.channelRef === null && invocation.channelRef) {
    store.coops.setChannel(coop.id, invocation.channelRef);
    coop = { ...coop, channelRef: invocation.channelRef };
  }
  const found = store.members.find(coop.id, invocation.member.ref);
  const existing = found && withProfileTimezone(store, found, invocation.memberTimezone);
  if (existing) {
    if (invocation.member.name && existing.displayName !== invocation.member.name && existing.forgottenAt === null) {
      store.members.updateName(existing.id, invocation.member.name);
      return { coop, member: { ...existing, displayName: invocation.member.name } };
    }
    return { coop, member: existing };
  }
  const firstOfConsoleCoop = invocation.platform === 'console' && store.members.count(coop.id) === 0;
  const name = invocation.member.name || invocation.member.ref;
  const created = store.members.create(coop.id, invocation.member.ref, name, firstOfConsoleCoop, now);
  const member = withProfileTimezone(store, created.member, invocation.memberTimezone);
  const { accountId } = created;
  const rules = store.coops.rules(coop.id);
  if (rules.starting_credits > 0) {
    store.ledger.record({
      coopId: coop.id,
      kind: 'starting',
      postings: movement(store.ledger.issuanceAccount(coop.id), accountId, rules.starting_credits),
      memo: 'starting credits',
      actorMemberId: member.id,
      idempotencyKey: `starting:${member.householdId}`,
      at: now,
    });
  }
  return { coop, member };
}

/**
 * The co-op and member behind an invocation when joinCoop would change nothing (both known, name and profile
 * timezone current, the co-op's channel set or none offered); undefined when it has something to write. Reads only.
 */
export function alreadyJoined(store: Store, invocation: Invocation): { coop: Coop; member: Member } | undefined {
  const coop = store.coops.find(invocation.platform, invocation.coopRef);
  if (!coop || (coop.channelRef === null && invocation.channelRef)) return undefined;
  const member = store.members.find(coop.id, invocation.member.ref);
  if (!member) return undefined;
  const { memberTimezone } = invocation;
  if (memberTimezone && memberTimezone !== member.profileTimezone && isValidTimezone(memberTimezone)) return undefined;
  if (invocation.member.name && member.displayName !== invocation.member.name && member.forgottenAt === null) return undefined;
  return { coop, member };
}

/** Keeps the member's platform-profile timezone current (Slack sends it with every command). */
function withProfileTimezone(store: Store, member: Member, timezone: string | undefined): Member {
  if (!timezone || timezone === member.profileTimezone || !isValidTimezone(timezone)) return member;
  store.members.setProfileTimezone(member.id, timezone);
  return { ...member, profileTimezone: timezone };
}
