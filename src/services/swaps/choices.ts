import { timezoneOf } from '../../domain/members.ts';
import type { Platform } from '../../core/types.ts';
import type { Swap } from '../../domain/swaps.ts';
import type { Store } from '../../db/store.ts';
import { formatWhen } from '../../domain/when.ts';

// Read-only suggestions of swap numbers while a member types an `id:` (Discord autocomplete). Nothing here writes,
// so it runs outside any transaction; a co-op or member the store has not met simply gets no suggestions.

export interface SwapChoice {
  /** What the member sees, ≤ 100 characters: "#12 · Ana needs a sitter · Sat 5 Dec, 19:00–23:00". */
  label: string;
  number: number;
}

export interface SwapChoiceQuery {
  platform: Platform;
  coopRef: string;
  memberRef: string;
  /** The subcommand being typed: volunteer and book offer what others posted; the rest offer the member's own swaps. */
  sub: string;
  /** What the member has typed so far. */
  typed: string;
  now: number;
  limit?: number;
}

const KIND = { request: 'needs a sitter', offer: 'can sit', session: 'hosts a session' } as const;
const MAX_LABEL = 100;

export function openSwapChoices(store: Store, query: SwapChoiceQuery): SwapChoice[] {
  const coop = store.coops.find(query.platform, query.coopRef);
  if (!coop) return [];
  const member = store.members.find(coop.id, query.memberRef);
  const limit = Math.min(query.limit ?? 25, 25);
  const open = () => store.swaps.listOpen(coop.id, query.now, 200);
  const mine = () => (member ? store.swaps.listMine(member.id, 200) : []);
  let swaps: Swap[];
  switch (query.sub) {
    case 'volunteer':
      swaps = open().filter((s) => s.kind === 'request' && s.ownerMemberId !== member?.id);
      break;
    case 'book':
      swaps = open().filter((s) => s.kind !== 'request' && s.ownerMemberId !== member?.id);
      break;
    default:
      swaps = member ? mine() : open();
  }
  const digits = query.typed.replace(/\D/g, '');
  const timezone = member ? timezoneOf(member, coop) : coop.timezone;
  return swaps
    .filter((s) => digits === '' || String(s.number).startsWith(digits))
    .slice(0, limit)
    .map((s) => {
      const owner = store.members.get(s.ownerMemberId).displayName;
      const label = `#${s.number} · ${owner} ${KIND[s.kind]} · ${formatWhen(s.startsAt, s.endsAt, timezone, coop.dateOrder)}`;
      return { number: s.number, label: label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label };
    });
}
