import { settlementPostings, type Posting } from '../domain/ledger.ts';
import type { Member } from '../domain/members.ts';
import { familyParties, sitterIdOf, volunteerParties, type Swap, type SwapParty } from '../domain/swaps.ts';
import type { Store } from './store.ts';

/** Who is in a swap right now, with their member records: the one loader every command and job uses. */
export interface SwapPeople {
  owner: Member;
  /** The name the owner's household chose ('' when it has none): cards read "The Okafors need a sitter". */
  ownerHousehold: string;
  /** The chosen sitter of a request; an offer's or a session's owner. */
  sitter: Member | undefined;
  families: { member: Member; party: SwapParty }[];
  volunteers: { member: Member; party: SwapParty }[];
  /** Every party, active or not, for questions about one member's part. */
  parties: SwapParty[];
}

export function loadSwapPeople(store: Store, swap: Swap): SwapPeople {
  const parties = store.swaps.parties(swap.id);
  const withMember = (party: SwapParty) => ({ member: store.members.get(party.memberId), party });
  const sitterId = sitterIdOf(swap, parties);
  const owner = store.members.get(swap.ownerMemberId);
  return {
    owner,
    ownerHousehold: owner.forgottenAt === null ? store.households.get(owner.householdId).name : '',
    sitter: sitterId === undefined ? undefined : store.members.get(sitterId),
    families: familyParties(parties).map(withMember),
    volunteers: volunteerParties(parties).map(withMember),
    parties,
  };
}

/** True when the member sits or is sat for in the swap. */
export function isInSwap(people: SwapPeople, memberId: number): boolean {
  return people.sitter?.id === memberId || people.families.some((f) => f.member.id === memberId);
}

/** True when the member sits, or their household is a family sat for: both parents are reminded. */
export function isRemindedFor(people: SwapPeople, member: Pick<Member, 'id' | 'householdId'>): boolean {
  return people.sitter?.id === member.id || people.families.some((f) => f.member.householdId === member.householdId);
}

/** True when the member is asked after the end: a session's host, else the sitter or a parent of a family sat for. */
export function isPromptedFor(swap: Pick<Swap, 'kind' | 'ownerMemberId'>, people: SwapPeople, member: Pick<Member, 'id' | 'householdId'>): boolean {
  if (swap.kind === 'session') return swap.ownerMemberId === member.id;
  return people.sitter?.id === member.id || people.families.some((f) => f.member.householdId === member.householdId);
}

/** The postings that pay a finished sit, with each household's account looked up (see settlementPostings). */
export function settlementOf(store: Store, sitter: Member, payers: readonly { member: Member; price: number }[]): { postings: Posting[]; total: number } {
  const account = (member: Member) => ({ accountId: store.ledger.accountOfHousehold(member.householdId), householdId: member.householdId });
  return settlementPostings(account(sitter), payers.map(({ member, price }) => ({ ...account(member), price })));
}
