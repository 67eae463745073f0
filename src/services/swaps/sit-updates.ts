import type { Reply } from '../../core/types.ts';
import { awayParents } from '../../db/sit-update-audience.ts';
import { UserError } from '../../domain/errors.ts';
import { oneLine, SAME_UPDATE_WITHIN, updateRefusal, UPDATES_PER_SIT } from '../../domain/sit-updates.ts';
import {
  nobodyToTellText,
  nobodyWantsText,
  notAParentText,
  optedInText,
  optedOutText,
  sameAgainText,
  sentText,
  tooManyText,
  updateMessage,
  updateRefusalText,
} from '../../messages/sit-updates.ts';
import type { CommandContext } from '../context.ts';
import { findSwap } from './lookup.ts';

/**
 * `/swap update id:<n> message:<text>` (and the halfway invitation's quick replies, which run it): the sitter's line
 * to every away parent who wants it. Kept for the sit's parties only; each parent gets it by their own wish (through
 * quiet hours only if they asked for that), with one tap to stop this sit's updates.
 */
export function sendUpdate(ctx: CommandContext, number: number, typed: string): Reply {
  const { store, now } = ctx;
  const swap = findSwap(ctx, number);
  const why = updateRefusal(swap, store.swaps.parties(swap.id), ctx.member.id, now);
  if (why !== undefined) {
    const code = why === 'not_sitter' ? 'not_allowed' : why === 'not_on' ? 'state' : why;
    throw new UserError(updateRefusalText(why, number, swap.startsAt, ctx.timezone, ctx.coop.dateOrder), { code });
  }
  const text = oneLine(typed);
  const earlier = store.sitUpdates.ofSit(swap.id);
  const last = earlier.at(-1);
  if (last && last.text === text && now - last.createdAt < SAME_UPDATE_WITHIN) return { visibility: 'private', text: sameAgainText };
  if (earlier.length >= UPDATES_PER_SIT) throw new UserError(tooManyText(number), { code: 'limit' });

  const parents = awayParents(store, swap);
  if (parents.length === 0) throw new UserError(nobodyToTellText(number), { code: 'state' });
  const wanting = parents.flatMap((p) => (p.wish.wants ? [{ member: p.member, anytime: p.wish.anytime }] : []));
  if (wanting.length === 0) throw new UserError(nobodyWantsText(number), { code: 'state' });

  const id = store.sitUpdates.add({ coopId: ctx.coop.id, swapId: swap.id, sitterId: ctx.member.id, text, createdAt: now });
  const message = updateMessage(ctx.member.displayName, number, text, swap.kind === 'session');
  const told: string[] = [];
  const later: string[] = [];
  for (const { member, anytime } of wanting) {
    const sent = ctx.dm(member, message, { delivery: { kind: 'update', anytime }, dedupeKey: `sit-update:${id}:member:${member.id}` });
    if (sent === 'sent') told.push(member.displayName);
    else if (sent === 'held') later.push(member.displayName);
  }
  return { visibility: 'private', text: sentText(told, later) };
}

/** `/swap updates id:<n> set:off|on` ("No updates for this sit"): one parent's updates for one sit. */
export function sitUpdatesFor(ctx: CommandContext, number: number, set: 'on' | 'off'): Reply {
  const { store } = ctx;
  const swap = findSwap(ctx, number);
  if (!awayParents(store, swap).some((p) => p.member.id === ctx.member.id)) {
    throw new UserError(notAParentText(number), { code: 'not_allowed' });
  }
  if (set === 'off') {
    const changed = store.sitUpdates.optOut(swap.id, ctx.member.id, ctx.now);
    return { visibility: 'private', text: optedOutText(number, !changed) };
  }
  store.sitUpdates.optIn(swap.id, ctx.member.id);
  return { visibility: 'private', text: optedInText(number, ctx.member.sitUpdates === 'off') };
}
