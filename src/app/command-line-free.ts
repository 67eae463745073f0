import { UserError } from '../domain/errors.ts';
import type { MemberRef } from '../core/types.ts';
import { usage, type SubcommandSpec } from './command.ts';
import { countValue, describeValue, freeExample, namedForm, slotsOf, unitsOf, type Slot } from './command-line-words.ts';
import { peelLoneCount } from './command-line-when.ts';

// Free text: options typed without their names, in any order, beside named ones. Each option is found by its shape,
// as its definition says (command-line-words.ts): a mention is the member, "#4" or a number where a swap is expected
// is the swap, "2 kids" or "up to 3" a count, "2h" an amount, a timezone-shaped word a timezone; quoted text after the
// time, or the words after "note"/"—", the note; what remains is `when` (or whatever takes the rest). Two numbers that
// could each be either are a question, never a guess.

export interface Token {
  text: string;
  /** The token began with a quote: "two sleepy toddlers". */
  quoted: boolean;
}

export interface FreeChoice {
  label: string;
  command: string;
  sub: string;
  options: Record<string, unknown>;
}

export interface FreeQuestion {
  text: string;
  choices: FreeChoice[];
}

export type FreeReading = { kind: 'read'; options: Record<string, unknown>; readAs?: string } | ({ kind: 'question' } & FreeQuestion);

interface Target {
  command: string;
  sub: string;
  spec: SubcommandSpec;
}

interface Word extends Token {
  at: number;
  used: boolean;
}

const MENTION = /^(?:@|<@)/;
const CHANNEL = /^(?:#[a-z][\w-]*|<#[A-Z0-9]+(?:\|[^>]*)?>)$/i;
const SWAP = /^#(\d{1,7})$/;
const BARE = /^\d+(?:[.,]\d+)?$/;
const SIGNED = /^([+\-\u2212])(\d+(?:[.,]\d+)?)$/;
const AMOUNT = /^([+\-\u2212]?\d+(?:[.,]\d+)?)(?:h|hrs?|hours?)$/i;
const HOURS = /^(?:h|hrs?|hours?)$/i;
const DASHES = new Set(['—', '--', '–']);

export function readFreeText(target: Target, tokens: readonly Token[], named: Record<string, unknown>, readMention: (t: string) => MemberRef | undefined): FreeReading {
  const { spec } = target;
  const words: Word[] = tokens.map((t, at) => ({ ...t, at, used: false }));
  const options: Record<string, unknown> = { ...named };
  const slots = slotsOf(spec);
  const open = (s: Slot) => !Object.hasOwn(options, s.name);
  const take = (slot: Slot, value: unknown, ...used: Word[]) => {
    options[slot.name] = value;
    for (const w of used) w.used = true;
  };
  const free = () => words.filter((w) => !w.used);
  const rest = slots.find((s) => s.role === 'rest' || s.role === 'when');
  const unreadable = (what: string) =>
    new UserError(`I couldn't read ${what} in that. Try \`${freeExample(target.command, target.sub, spec)}\` (or \`${usage(target.command, target.sub, spec)}\`).`, {
      code: 'bad_option',
    });
  const notes: string[] = [];

  // The note: everything after "note" (or "reason", … the option's own name) or after a dash.
  for (const w of words) {
    if (w.quoted || w.at === words.length - 1) continue;
    const word = w.text.toLowerCase();
    const slot = slots.find((s) => open(s) && s.option.kind === 'text' && (s.role === 'note' || s.role === 'rest') && s.name === word) ??
      (DASHES.has(word) ? (slots.find((s) => open(s) && s.role === 'note') ?? (rest?.role === 'rest' && open(rest) ? rest : undefined)) : undefined);
    if (!slot) continue;
    const after = words.slice(w.at + 1);
    take(slot, after.map((a) => a.text).join(' '), w, ...after);
    break;
  }

  // Mentions and channels.
  for (const w of free().filter((x) => !x.quoted)) {
    if (MENTION.test(w.text)) {
      const slot = slots.find((s) => open(s) && s.role === 'member');
      const who = readMention(w.text);
      if (slot && who) take(slot, who, w);
      else if (slot) throw new UserError(`I couldn't tell who "${w.text.slice(0, 40)}" is. Mention them as your chat suggests when you type @, like \`${freeExample(target.command, target.sub, spec)}\`.`);
      else if (!rest || rest.role === 'when') throw new UserError(`\`/${target.command}${target.sub ? ` ${target.sub}` : ''}\` doesn't take a member. Try \`${freeExample(target.command, target.sub, spec)}\`.`);
    } else if (CHANNEL.test(w.text)) {
      const slot = slots.find((s) => open(s) && s.role === 'channel');
      if (slot) take(slot, w.text.replace(/^<#([A-Z0-9]+)(\|[^>]*)?>$/, '$1'), w);
    }
  }

  // Choices ("mine", "off", "yes") and shaped values (a timezone, quiet hours), up to three words long.
  for (const w of free().filter((x) => !x.quoted)) {
    const slot = slots.find((s) => open(s) && s.role === 'choice' && s.option.choices?.includes(w.text.toLowerCase()));
    if (slot) take(slot, w.text.toLowerCase(), w);
  }
  for (const slot of slots.filter((s) => s.role === 'pattern')) {
    const pattern = slot.option.pattern;
    for (let n = 3; n >= 1 && pattern && open(slot); n -= 1) {
      const list = free();
      for (let i = 0; i + n <= list.length && open(slot); i += 1) {
        const run = list.slice(i, i + n);
        if (run.some((r, k) => (k > 0 && r.at !== run[k - 1]!.at + 1) || (r.quoted && n > 1))) continue;
        const joined = run.map((r) => r.text).join(' ');
        if (pattern.test(joined)) take(slot, joined, ...run);
      }
    }
  }

  // Counts with their word: "2 kids", "3 children", "two kids", "up to 3", "max 4".
  for (const slot of slots.filter((s) => s.role === 'count')) {
    const units = unitsOf(slot.option);
    const list = free().filter((x) => !x.quoted);
    for (let i = 0; i < list.length && open(slot); i += 1) {
      const w = list[i]!;
      const next = list[i + 1]?.at === w.at + 1 ? list[i + 1] : undefined;
      const glued = /^(\d{1,3})([a-z]+)$/i.exec(w.text);
      const n = countValue(w.text);
      if (glued && units.includes(glued[2]!.toLowerCase())) take(slot, glued[1], w);
      else if (n !== undefined && next && units.includes(next.text.toLowerCase().replace(/[.,;]$/, ''))) {
        const before = list[i - 1]?.at === w.at - 1 && list[i - 1]!.text.toLowerCase() === 'for' ? [list[i - 1]!] : [];
        take(slot, String(n), ...before, w, next);
      } else if (['up', 'max', 'upto'].includes(w.text.toLowerCase())) {
        const to = w.text.toLowerCase() === 'up' ? next : undefined;
        const numberWord = to?.text.toLowerCase() === 'to' ? list[i + 2] : w.text.toLowerCase() !== 'up' ? next : undefined;
        const value = numberWord && countValue(numberWord.text);
        if (numberWord && value !== undefined) {
          const unit = list[i + (to ? 3 : 2)];
          const withUnit = unit && units.includes(unit.text.toLowerCase()) ? [unit] : [];
          take(slot, String(value), w, ...(to ? [to] : []), numberWord, ...withUnit);
        }
      }
    }
  }

  // Amounts with their unit or sign: "2h", "1.5 h", "+1.5", "-2".
  for (const slot of slots.filter((s) => s.role === 'amount')) {
    const list = free().filter((x) => !x.quoted);
    for (let i = 0; i < list.length && open(slot); i += 1) {
      const w = list[i]!;
      const next = list[i + 1]?.at === w.at + 1 ? list[i + 1] : undefined;
      const glued = AMOUNT.exec(w.text) ?? SIGNED.exec(w.text);
      if (glued) take(slot, glued[0].replace(/\s*(?:h|hrs?|hours?)$/i, ''), w);
      else if (BARE.test(w.text) && next && HOURS.test(next.text)) take(slot, w.text, w, next);
    }
  }

  // Swap numbers written as "#4".
  for (const w of free().filter((x) => !x.quoted)) {
    const match = SWAP.exec(w.text);
    const slot = slots.find((s) => open(s) && s.role === 'swap');
    if (match && slot) take(slot, match[1], w);
  }

  // Bare numbers.
  const numeric = slots.filter((s) => open(s) && (s.role === 'swap' || s.role === 'amount' || (s.role === 'count' && !rest)));
  const bare = free().filter((w) => !w.quoted && BARE.test(w.text));
  if (rest) {
    // Beside words that take the rest, a number is a swap or an amount, in that order; a count is peeled below.
    for (const w of bare) {
      const slot = numeric.find((s) => open(s) && fits(s, w.text));
      if (slot) take(slot, w.text, w);
    }
  } else if (bare.length > 0 && numeric.length > 0) {
    const all = assignments(bare.slice(0, 4), numeric);
    // A way that leaves a required number out is not a reading, unless no way fills it (the dispatcher then asks).
    const complete = all.filter((way) => numeric.every((s) => !s.option.required || way.some(([slot]) => slot === s)));
    const ways = complete.length > 0 ? complete : all;
    if (ways.length === 0 || bare.length > 4) throw unplaced(target, bare.map((b) => b.text), numeric);
    if (ways.length > 1) return question(target, options, ways);
    for (const [slot, w] of ways[0]!) take(slot, w.text, w);
    if (bare.length > 1 && all.length > 1) notes.push('numbers'); // settled only because one reading left a gap
  }

  // Single words in order ("/coop rules cap 30").
  for (const slot of slots.filter((s) => s.role === 'word' && open(s))) {
    const w = free()[0];
    if (w) take(slot, w.text, w);
  }

  // The rest, with a quoted note after it.
  const note = slots.find((s) => s.role === 'note' && open(s));
  if (note) {
    const left = free();
    const quoted = left.find((w, i) => w.quoted && (!rest || !open(rest) || i > 0));
    if (quoted) take(note, quoted.text, quoted);
  }
  if (rest && open(rest)) {
    const count = slots.find((s) => s.role === 'count' && open(s));
    if (rest.role === 'when' && count) {
      const peeled = peelLoneCount(free(), count.option);
      if (peeled) {
        take(count, peeled.text, peeled);
        notes.push('count');
      }
    }
    const left = free();
    if (left.length > 0) take(rest, left.map((w) => w.text).join(' '), ...left);
  }
  const left = free();
  if (left.length > 0) throw unreadable(`"${left.map((w) => w.text).join(' ').slice(0, 60)}"`);
  const readAs = notes.length > 0 ? `I read that as \`${namedForm(target.command, target.sub, spec, options)}\`.` : undefined;
  return readAs ? { kind: 'read', options, readAs } : { kind: 'read', options };
}

/** Numbers that fit no way: name them — "add `id:` — like `/swap volunteer id:1`". */
function unplaced(target: Target, numbers: readonly string[], slots: readonly Slot[]): UserError {
  const named = slots.slice(0, numbers.length).map((slot, i) => `${slot.name}:${numbers[i]}`);
  const line = `/${target.command}${target.sub ? ` ${target.sub}` : ''} ${named.join(' ')}`;
  const add = slots.length === 1 ? `add \`${slots[0]?.name}:\`` : 'name each one';
  return new UserError(`I couldn't tell where "${numbers.join(' ')}" goes: ${add} — like \`${line}\`.`, { code: 'bad_option' });
}

/** Whether a number can be this option's: a swap number is whole; a count is whole and in its range. */
function fits(slot: Slot, text: string): boolean {
  if (slot.role === 'amount') return true;
  if (!/^\d+$/.test(text)) return false;
  const n = Number(text);
  return n >= (slot.option.min ?? 1) && n <= (slot.option.max ?? Number.MAX_SAFE_INTEGER);
}

type Way = [Slot, Word][];

/** Every way to give each number its own option. */
function assignments(numbers: readonly Word[], slots: readonly Slot[]): Way[] {
  const [first, ...others] = numbers;
  if (!first) return [[]];
  const ways: Way[] = [];
  for (const slot of slots) {
    if (!fits(slot, first.text)) continue;
    for (const way of assignments(others, slots.filter((s) => s !== slot))) ways.push([[slot, first], ...way]);
  }
  return ways;
}

function question(target: Target, options: Record<string, unknown>, ways: readonly Way[]): FreeReading {
  const order = slotsOf(target.spec).map((s) => s.name);
  const choices = ways.slice(0, 3).map((way): FreeChoice => {
    const chosen = { ...options };
    for (const [slot, w] of way) chosen[slot.name] = w.text;
    const sorted = [...way].sort((a, b) => order.indexOf(a[0].name) - order.indexOf(b[0].name));
    const label = sorted.map(([slot, w]) => describeValue(slot, w.text)).join(', ');
    return { label, command: target.command, sub: target.sub, options: chosen };
  });
  const forms = choices.map((c) => `\`${namedForm(c.command, c.sub, target.spec, c.options)}\``);
  const how = choices.length === 2 ? 'two ways' : 'more than one way';
  return { kind: 'question', text: `I can read those numbers ${how}: ${forms.join(' or ')}. Which did you mean?`, choices };
}
