import type { Invocation } from '../../core/types.ts';
import type { Store } from '../../db/store.ts';
import type { Coop } from '../../domain/coops.ts';
import { sendToMember } from '../../delivery/member-messages.ts';
import type { Member } from '../../domain/members.ts';
import { welcomeMessage } from '../../messages/welcome.ts';
import { planNewFamiliesNote } from '../../planning/welcome-jobs.ts';

/**
 * True when welcomeOnce would write (`member` as read in this transaction): the read-only path then takes the write
 * path instead.
 */
export function wouldWelcome(member: Member, invocation: Invocation): boolean {
  return invocation.command !== '' && member.forgottenAt === null && member.welcomedAt === null;
}

/**
 * The first time a member uses Breather in a co-op (runs a command or presses a button; the console's `:as` is not
 * yet using it), they get one private welcome, in the same transaction as what they did: a refused first command
 * leaves them unwelcomed, to be welcomed by the next. It answers their own first step, so it is sent at once and
 * is not one of the week's unprompted messages. The admins hear about it in the day's note.
 */
export function welcomeOnce(store: Store, coop: Coop, member: Member, invocation: Invocation, now: number): void {
  if (!wouldWelcome(member, invocation) || !store.welcomes.claimWelcome(member.id, now)) return;
  const message = welcomeMessage(member.displayName, coop.name, store.coops.rules(coop.id));
  sendToMember(store, { coop, member, message, delivery: { kind: 'answer' }, now, dedupeKey: `welcome:${member.id}` });
  planNewFamiliesNote(store, coop, now);
}
