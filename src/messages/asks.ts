import type { Button, Message } from '../core/types.ts';
import { ofCredit } from './credits.ts';
import { kidsText } from './swap-cards.ts';

// Private asks about a request: the fair first asks when it is posted, and the earlier volunteers asked again when
// its sitter drops out. Never a balance, never why someone was asked first.

const volunteerButton = (swapNumber: number): Button => ({ label: 'Volunteer', style: 'primary', action: { command: 'swap', sub: 'volunteer', options: { id: swapNumber } } });
const noMore: Button = { label: 'No more of these', style: 'secondary', action: { command: 'checkin', sub: 'nudges', options: { set: 'off' } } };

export interface AskView {
  swapNumber: number;
  /** Whose request: "Ana", or the household's name. */
  family: string;
  /** When, in the asked member's timezone. */
  when: string;
  kids: number;
  /** What the sitter earns, in credit-minutes. */
  earns: number;
  note: string;
}

/** "Could you sit? You'd earn 4 h": a few families hear it before anyone else is nudged. */
export function firstAsk(view: AskView): Message {
  const note = view.note ? ` Their note: "${view.note}"` : '';
  return {
    text: `Could you sit for ${view.family}? #${view.swapNumber}, ${view.when}, ${kidsText(view.kids)} — you'd earn ${ofCredit(view.earns)}.${note} No worries if not — it's posted in the channel too.`,
    cards: [{ title: `#${view.swapNumber} · ${view.when}`, buttons: [volunteerButton(view.swapNumber), noMore] }],
  };
}

/** The families who offered before, asked first when the chosen sitter drops out. */
export function askAgain(view: AskView): Message {
  return {
    text: `#${view.swapNumber} needs a sitter again, ${view.when} — can you still help? You offered before; you'd earn ${ofCredit(view.earns)}. No worries if not.`,
    cards: [{ title: `#${view.swapNumber} · ${view.family}`, buttons: [volunteerButton(view.swapNumber)] }],
  };
}

/** The parent, at once: the sitter dropped out, the sit is looking for someone new, and they can still call it off. */
export function reopenedForParent(sitter: string, swapNumber: number, when: string, why: string, asked: number): Message {
  const told = asked > 0 ? ` and asked the ${asked === 1 ? 'family' : `${asked} families`} who offered before` : '';
  return {
    text: `${sitter} can't sit #${swapNumber} any more${why}. It's open again: I've re-posted it${told}, and I'll tell you when someone volunteers. If you'd rather call it off, cancel it below.`,
    cards: [{ title: `#${swapNumber} · ${when}`, buttons: [{ label: `Cancel #${swapNumber}`, style: 'danger', action: { command: 'swap', sub: 'cancel', options: { id: swapNumber } } }] }],
  };
}

export function droppedOutText(swapNumber: number, parent: string): string {
  return `You stepped back from sitting #${swapNumber}, so I won't put you forward for it again. If your plans have changed, tell ${parent} directly.`;
}
