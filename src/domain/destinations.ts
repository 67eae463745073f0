import type { Destination } from '../core/types.ts';
import type { Coop } from './coops.ts';
import type { Member } from './members.ts';

/** A private message to a member, in the chat vocabulary the adapters deliver. */
export function memberDestination(coop: Coop, member: Member): Destination {
  return { kind: 'dm', platform: coop.platform, coopRef: coop.externalRef, memberRef: member.externalRef, memberName: member.displayName };
}

/** A post in the co-op's channel. */
export function coopDestination(coop: Coop): Destination {
  return { kind: 'channel', platform: coop.platform, coopRef: coop.externalRef, channelRef: coop.channelRef };
}
