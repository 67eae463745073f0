import type { Invocation } from '../../core/types.ts';
import { startingKey } from '../../db/repositories/households.ts';
import type { Store } from '../../db/store.ts';
import type { Coop } from '../../domain/coops.ts';
import { UserError } from '../../domain/errors.ts';
import { movement } from '../../domain/ledger.ts';
import type { Member } from '../../domain/members.ts';
import { cleanDisplayName } from '../../domain/names.ts';
import { readTimezone } from '../../domain/timezone-names.ts';
import { welcomeOnce, wouldWelcome } from './welcome.ts';

/**
 * Finds or creates the co-op and the member behind an invocation. A new member is a household of one and gets the
 * co-op's starting credits from its issuance account. On the console the first member of a new co-op is its admin;
 * on Discord and Slack the platform's own admins are, so a stray first user cannot take the co-op.
 *
 * Every display name passes through here, and is cleaned (control and bidi characters out, at most 80 characters)
 * before it is stored or shown.
 */
export function joinCoop(store: Store, invocation: Invocation, defaultTimezone: string, now: number): { coop: Coop; member: Member } {
  let coop =
    store.coops.find(invocation.platform, invocation.coopRef) ??
    store.coops.create(invocation.platform, invocation.coopRef, cleanDisplayName(invocation.coopName ?? ''), defaultTimezone, now);
  // Until an admin picks one with /coop setup, the first shared channel the bot is used in gets the announcements.
  if (coop.channelRef === null && invocation.channelRef) {
    store.coops.setChannel(coop.id, invocation.channelRef);
    coop = { ...coop, channelRef: invocation.channelRef };
  }
  const givenName = cleanDisplayName(invocation.member.name);
  const found = store.members.find(coop.id, invocation.member.ref);
  const existing = found && withProfileTimezone(store, found, invocation.memberTimezone);
  if (existing) {
    const current = givenName && existing.displayName !== givenName && existing.forgottenAt === null ? { ...existing, displayName: givenName } : existing;
    if (current !== existing) store.members.updateName(existing.id, givenName);
    welcomeOnce(store, coop, current, invocation, now);
    return { coop, member: current };
  }
  // Someone who asked to be forgotten here: asking about their data again is not coming back.
  const returning = store.privacy.wasForgotten(coop.id, invocation.member.ref);
  if (returning && invocation.command === 'privacy') {
    throw new UserError(
      invocation.sub === 'export'
        ? 'Breather has already forgotten you in this co-op, so it holds nothing of yours to export.'
        : 'Breather has already forgotten you in this co-op: there is nothing of yours left to remove.',
      { code: 'state' },
    );
  }
  const firstOfConsoleCoop = invocation.platform === 'console' && store.members.count(coop.id) === 0;
  const name = givenName || cleanDisplayName(invocation.member.ref) || 'a member';
  const created = store.members.create(coop.id, invocation.member.ref, name, firstOfConsoleCoop, now);
  const member = withProfileTimezone(store, created.member, invocation.memberTimezone);
  const { accountId } = created;
  const rules = store.coops.rules(coop.id);
  // One start per family: a member who comes back after /privacy forget starts fresh, at zero.
  if (rules.starting_credits > 0 && !returning) {
    store.ledger.record({
      coopId: coop.id,
      kind: 'starting',
      postings: movement(store.ledger.issuanceAccount(coop.id), accountId, rules.starting_credits),
      memo: 'starting credits',
      actorMemberId: member.id,
      idempotencyKey: startingKey(member.householdId),
      at: now,
    });
  }
  welcomeOnce(store, coop, member, invocation, now);
  return { coop, member };
}

/**
 * The co-op and member behind an invocation when joinCoop would change nothing (both known, name and profile
 * timezone current, the co-op's channel set or none offered, the member already welcomed); undefined when it has
 * something to write. Reads only.
 */
export function alreadyJoined(store: Store, invocation: Invocation): { coop: Coop; member: Member } | undefined {
  const coop = store.coops.find(invocation.platform, invocation.coopRef);
  if (!coop || (coop.channelRef === null && invocation.channelRef)) return undefined;
  const member = store.members.find(coop.id, invocation.member.ref);
  if (!member) return undefined;
  const reading = invocation.memberTimezone ? readTimezone(invocation.memberTimezone) : undefined;
  if (reading?.ok && reading.zone !== member.profileTimezone) return undefined;
  const givenName = cleanDisplayName(invocation.member.name);
  if (givenName && member.displayName !== givenName && member.forgottenAt === null) return undefined;
  if (wouldWelcome(member, invocation)) return undefined;
  return { coop, member };
}

/** Keeps the member's platform-profile timezone current (Slack sends it with every command), in its canonical name. */
function withProfileTimezone(store: Store, member: Member, timezone: string | undefined): Member {
  const reading = timezone ? readTimezone(timezone) : undefined;
  if (!reading?.ok || reading.zone === member.profileTimezone) return member;
  store.members.setProfileTimezone(member.id, reading.zone);
  return { ...member, profileTimezone: reading.zone };
}
