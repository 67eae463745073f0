import type { Reply } from '../../core/types.ts';
import { UserError } from '../../domain/errors.ts';
import type { Member } from '../../domain/members.ts';
import { formatCredits } from '../../domain/money.ts';
import { FORMER_MEMBER } from '../../domain/names.ts';
import { DAY } from '../../domain/time.ts';
import { jsonRedactor, searchTerms, textRedactor, type Secrets } from '../../domain/redaction.ts';
import { forgetPrompt } from '../../messages/privacy.ts';
import { QUICK_REPLIES } from '../../messages/sit-updates.ts';
import type { CommandContext } from '../context.ts';
import { householdView, leaveHousehold } from '../households/membership.ts';
import { cancel } from '../swaps/cancelling.ts';

// `/privacy forget`: asks first (a button), then in one transaction removes the member from Breather in this co-op.
// Ledger entries stay, so every balance still adds up; they already name members only by id ({member:ID}).
// What it touches, column by column, is listed in README.md ("Privacy").

/** How long a remembered answer may still be needed for a re-delivery (Slack retries within minutes). */
const REPLAY_WINDOW = DAY;

/** Why their swaps end, as the other people in them read it. */
const LEFT = 'they have left Breather';

export function forgetMe(ctx: CommandContext, confirm: 'yes' | undefined): Reply {
  const { store } = ctx;
  const me = store.members.get(ctx.member.id);
  if (me.forgottenAt !== null) throw new UserError('Breather has already forgotten you in this co-op.', { code: 'state' });
  // A card they wrote is theirs and goes with them; the partners who stay are told, so they can write their own.
  const theirCard = store.childCards.get(me.householdId)?.updatedBy === me.id;
  if (confirm !== 'yes') return { visibility: 'private', ...forgetPrompt(partnersOf(ctx, me).length > 0, theirCard) };

  const secrets: Secrets = { name: me.displayName, ref: { from: me.externalRef, to: `forgotten:${me.id}` }, notes: notesOf(ctx, me) };
  const anonymous: Member = { ...me, displayName: FORMER_MEMBER };
  const asFormer: CommandContext = { ...ctx, member: anonymous };
  const ended = endSwaps(asFormer);

  const partners = partnersOf(ctx, me);
  if (partners.length > 0) {
    leaveHousehold(asFormer, me);
    const balance = householdView(store, me.householdId).balance;
    for (const partner of partners) {
      const card = theirCard ? " The child card they wrote went with them: `/household card` writes a new one." : '';
      ctx.dm(partner, { text: `Someone in your family asked Breather to forget them, so they no longer share your balance. It stays with you: ${formatCredits(balance)} of credit.${card}` });
    }
  } else {
    store.households.setName(me.householdId, '');
    store.childCards.delete(me.householdId); // nobody is left for it to be about
  }
  store.privacy.deleteOwnData(me, ctx.coop.platform);
  // The DM channel kept for them is keyed by their platform id: it goes too (a return opens a new one).
  store.dmChannels.forget(ctx.coop.platform, ctx.coop.externalRef, me.externalRef);
  store.privacy.blankOwnedSwaps(me.id, ctx.coop.timezone);
  // Answers remembered for re-deliveries cannot be traced to who asked: older ones go, recent ones are redacted.
  store.privacy.forgetRepliesBefore(ctx.now - REPLAY_WINDOW);
  store.privacy.redactText(ctx.coop.id, searchTerms(secrets), textRedactor(secrets), jsonRedactor(secrets));
  store.privacy.anonymiseMember(me.id, secrets.ref.to, ctx.now);
  store.privacy.rememberForgotten(ctx.coop.id, me.externalRef);
  const swaps = ended > 0 ? ` I cancelled or stepped you out of ${ended} open ${ended === 1 ? 'swap' : 'swaps'} and told the people in them.` : '';
  return {
    visibility: 'private',
    text:
      `Done: Breather has forgotten you in this co-op.${swaps} The ledger keeps its entries, without your name, so everyone's balance still adds up. ` +
      'If you come back, you start fresh (without new starting credits).',
  };
}

function partnersOf(ctx: CommandContext, me: Member): Member[] {
  return householdView(ctx.store, me.householdId).members.filter((m) => m.id !== me.id);
}

/** What they wrote that others may have been shown: swap notes, notes on their ledger entries, break notes, child cards (every version), updates. */
function notesOf(ctx: CommandContext, me: Member): string[] {
  const own = ctx.store.privacyExport;
  const notes = own.swaps(ctx.coop.id, me.id).filter((s) => s.posted === 1).flatMap((s) => [s.note, s.resolutionNote ?? '']);
  notes.push(...own.notesWrittenBy(me.id), ...ctx.store.childCards.writtenBy(me.id).map((c) => c.text));
  // Their own update lines; a quick reply ("All's well 🙂") is the bot's words, left where others have it too.
  notes.push(...ctx.store.sitUpdates.writtenBy(me.id).map((u) => u.text).filter((t) => !QUICK_REPLIES.some((q) => q.text === t)));
  for (const b of ctx.store.breaks.all(me.id)) if (b.note) notes.push(b.note);
  // Earlier versions of a child card they wrote live on only in copies (a sitter's reminder, a remembered answer),
  // known by their fingerprint: a version their partner saved too is the partner's as well, and stays.
  const isTheirVersion = ctx.store.childCards.versionsOnlyByMatcher(me.id);
  if (isTheirVersion) notes.push(...ctx.store.privacy.stringsMatching(ctx.coop.id, isTheirVersion));
  return notes.filter(Boolean);
}

/**
 * Cancels the open swaps they posted and steps them out of the others, through the usual cancel (so everyone in them
 * is told, the usual way). A swap that can no longer be cancelled (it has started) is left to finish or expire; each
 * try runs in a savepoint, so a refusal leaves nothing half-done.
 */
function endSwaps(ctx: CommandContext): number {
  let ended = 0;
  for (const swap of ctx.store.swaps.listMine(ctx.member.id, 500)) {
    try {
      ctx.store.transaction(() => cancel(ctx, swap.number, LEFT));
      ended += 1;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
    }
  }
  return ended;
}
