import type { Message } from '../core/types.ts';
import type { Swap } from '../domain/swaps.ts';
import { formatWhen } from '../domain/when.ts';
import { whenText, type TimeView } from './times.ts';
import { kidsText } from './swap-cards.ts';

// What the private thread of a sit says: hello to the two families, the sit, and goodbye once it is over. A thread
// is shared by two people, perhaps in two zones: its times are the co-op's clock, as in the channel.

const MAX_THREAD_NAME = 100;

/** "#4 · Ana & Ben · Sat 28 Nov" */
export function threadName(swap: Swap, family: string, sitter: string, coopTimezone: string): string {
  const day = formatWhen(swap.startsAt, swap.endsAt, coopTimezone).split(',')[0] ?? '';
  const name = `#${swap.number} · ${family} & ${sitter} · ${day}`;
  return name.length > MAX_THREAD_NAME ? `${name.slice(0, MAX_THREAD_NAME - 1)}…` : name;
}

export function threadHello(swap: Swap, family: string, sitter: string, kids: number, view: TimeView): Message {
  const when = whenText(swap.startsAt, swap.endsAt, view);
  return {
    text:
      `Hello ${family} and ${sitter}! This is your private thread for #${swap.number}: ${when}, ${kidsText(kids)}.\n` +
      "Agree the details here — address, bedtime, who brings what. Only the two of you can see it, and I'll archive it the day after the sit.",
  };
}

/** The way into the thread, for the co-op channel, when nothing else there announces the sit. */
export function threadBooked(swap: Swap, family: string, sitter: string): Message {
  return { text: `#${swap.number} is booked — ${sitter} is sitting for ${family}. They have a private thread for the details.` };
}

export function threadGoodbye(swap: Swap): Message {
  return {
    text: `#${swap.number} is over — thank you both! I've archived this thread. If it isn't confirmed yet, \`/swap done ${swap.number}\` moves the credits.`,
  };
}
