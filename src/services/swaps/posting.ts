import type { MemberRef, Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import { formatCredits } from '../../domain/money.ts';
import { quote, ratesFromRules } from '../../domain/pricing.ts';
import { ofCredit, sitPrice, tooLowText } from '../../messages/credits.ts';
import type { Swap, SwapKind } from '../../domain/swaps.ts';
import { kidsText } from '../../messages/swap-cards.ts';
import { whenText } from '../../messages/times.ts';
import { syncSwapJobs } from '../../planning/swap-jobs.ts';
import type { CommandContext } from '../context.ts';
import { balanceOf } from '../credits/accounts.ts';
import { askFirstFamilies } from './first-asks.ts';
import { channelCardFor, viewOf } from './lookup.ts';
import { fromDraft, readWhenFor } from './reading.ts';
import { askSitterFirst } from './ask-first.ts';

export interface PostInput {
  when: string;
  kids?: number | undefined;
  note?: string | undefined;
  /** A question's draft: the kids and note typed with an unclear `when:`. */
  draft?: number | undefined;
  /** A request's neighbour to ask first. */
  sitter?: MemberRef | undefined;
}

/**
 * Posts a request, an offer or a session: the quote is frozen with it, and the card goes to the co-op channel. An
 * unclear `when:` is a question with a button per reading, and a reading that was a guess says so.
 */
export function postSwap(ctx: CommandContext, kind: SwapKind, input: PostInput): Reply {
  const kept = fromDraft(ctx, input.draft, kind);
  const typed = { kids: input.kids ?? kept.kids, note: input.note ?? kept.note };
  const when = readWhenFor(ctx, input.when, { kind, ...typed });
  if (when.kind === 'ask') return when.reply;
  const { startsAt, endsAt, guessed } = when;
  // A form sent twice, or a button pressed twice, posts once.
  const same = ctx.store.swaps.findSame(ctx.coop.id, ctx.member.id, kind, startsAt, endsAt);
  if (same) {
    return { visibility: 'private', text: `You've already posted #${same.number} for ${whenText(startsAt, endsAt, viewOf(ctx))}, so I haven't posted it again.` };
  }
  const kids = typed.kids ?? (kind === 'request' ? 1 : kind === 'offer' ? 3 : 6);
  const input_ = { ...input, note: typed.note };
  const q = quote({ startsAt, endsAt, kids: kind === 'request' ? kids : 1 }, ratesFromRules(ctx.rules));
  if (kind === 'request') {
    const balance = balanceOf(ctx, ctx.member);
    if (balance - q.price < ctx.rules.floor) {
      throw new UserError(tooLowText(q.price, balance, ctx.rules.floor), { code: 'limit' });
    }
  }
  const swap = ctx.store.swaps.create(
    {
      coopId: ctx.coop.id,
      kind,
      ownerMemberId: ctx.member.id,
      startsAt,
      endsAt,
      kids,
      note: input_.note ?? '',
      timezone: ctx.timezone,
      rate: ctx.rules.rate,
      extraChildRate: ctx.rules.extra_child_rate,
      createdAt: ctx.now,
    },
    ctx.store.coops.nextSwapNumber(ctx.coop.id),
  );
  if (kind === 'request') ctx.store.swaps.addParty(swap.id, ctx.member.id, 'family', kids, q.price, ctx.now);
  else ctx.store.swaps.addParty(swap.id, ctx.member.id, 'sitter', null, null, ctx.now);
  syncSwapJobs(ctx.store, swap.id, ctx.now); // expiry at the start, unless it is taken
  const askedFirst = kind === 'request' && input.sitter ? askSitterFirst(ctx, swap, input.sitter) : '';

  askFirstFamilies(ctx, swap); // a few families privately, before anyone else is nudged
  ctx.post({ text: announce(ctx, swap), cards: [channelCardFor(ctx, swap)] }, `swap:${swap.id}:posted`);
  return { visibility: 'private', text: `${confirmation(ctx, swap, q.price, q.minutes, kids)}${guessed ? ` (${guessed} If not, cancel it and post the time exactly.)` : ''}${askedFirst}` };
}


function announce(ctx: CommandContext, swap: Swap): string {
  const who = ctx.member.displayName;
  if (swap.kind === 'request') return `${who} needs a sitter — can you help?`;
  if (swap.kind === 'offer') return `${who} can sit — book it if you could use a break.`;
  return `${who} is hosting a drop-off session — book a seat if you could use a break.`;
}

function confirmation(ctx: CommandContext, swap: Swap, price: number, minutes: number, kids: number): string {
  const when = whenText(swap.startsAt, swap.endsAt, viewOf(ctx));
  if (swap.kind === 'request') {
    return `Posted #${swap.number} for ${when} — ${sitPrice(minutes, kids, price)}. I'll tell you when someone volunteers.`;
  }
  const per = `${ofCredit(price)} per kid`;
  if (swap.kind === 'offer') return `Posted your offer #${swap.number} for ${when}, up to ${kidsText(kids)} (${per}). Thank you!`;
  return `Posted your session #${swap.number} for ${when}, room for ${kidsText(kids)} (${per}). Thank you!`;
}

export function quoteOnly(ctx: CommandContext, input: { when: string; kids?: number | undefined }): Reply {
  const when = readWhenFor(ctx, input.when, { kind: 'quote', kids: input.kids, note: undefined });
  if (when.kind === 'ask') return when.reply;
  const { startsAt, endsAt, guessed } = when;
  const kids = input.kids ?? 1;
  const q = quote({ startsAt, endsAt, kids }, ratesFromRules(ctx.rules));
  const balance = balanceOf(ctx, ctx.member);
  return {
    visibility: 'private',
    text: `${whenText(startsAt, endsAt, viewOf(ctx))}: ${sitPrice(q.minutes, kids, q.price)}; you have ${formatCredits(balance)}. Nothing is posted yet.${guessed ? ` (${guessed})` : ''}`,
  };
}
