import type { OptionSpec } from './command.ts';
import { readWhenWords, type WhenWords } from '../domain/when-text.ts';

// "/swap request sat 7-11pm 2": is the lone 2 the number of kids, or part of the time? The when reader decides: it is
// the kids when the time reads the same without it, and with it the 2 is a stray word (not an hour, a date or a
// length), or only adds 2 minutes to a length ("for 3h 2"), which nobody means.

interface Candidate {
  text: string;
  quoted: boolean;
}

const complete = (w: WhenWords): boolean => w.problem === null && w.start !== null && (w.end !== null || w.lengthMinutes !== null);

export function peelLoneCount<T extends Candidate>(words: readonly T[], option: OptionSpec): T | undefined {
  const edges = [...new Set([words[0], words.at(-1)])];
  for (const candidate of edges) {
    if (!candidate || candidate.quoted || !/^\d{1,2}$/.test(candidate.text) || words.length < 2) continue;
    const n = Number(candidate.text);
    if (n < (option.min ?? 1) || n > (option.max ?? 12)) continue;
    const withIt = readWhenWords(words.map((w) => w.text).join(' '));
    const without = readWhenWords(words.filter((w) => w !== candidate).map((w) => w.text).join(' '));
    if (!complete(without)) continue;
    const sameTimes = withIt.start?.text === without.start?.text && withIt.end?.text === without.end?.text;
    const stray = sameTimes && withIt.lengthMinutes === without.lengthMinutes && withIt.startDay.words.includes(candidate.text);
    const minutesOnLength = sameTimes && without.lengthMinutes !== null && withIt.lengthMinutes === without.lengthMinutes + n;
    if (stray || minutesOnLength) return candidate;
  }
  return undefined;
}
