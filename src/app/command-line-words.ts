import type { FreeRole, OptionSpec, SubcommandSpec } from './command.ts';

// What free text looks for in each option of a subcommand, derived from the definition alone (its kind and the
// optional hints), so a new command reads free text without a table of its own; and the lines that show it back.

/** How one option is found in free text. */
export type Role = FreeRole | 'swap' | 'count' | 'member' | 'channel' | 'choice' | 'pattern';

export interface Slot {
  name: string;
  option: OptionSpec;
  role: Role;
}

const DEFAULT_UNITS = ['kids', 'children', 'kid', 'child'] as const;
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

export function unitsOf(option: OptionSpec): readonly string[] {
  return option.units ?? DEFAULT_UNITS;
}

/** "2" or "two" → 2; anything else → undefined. */
export function countValue(word: string): number | undefined {
  if (/^\d{1,3}$/.test(word)) return Number(word);
  const at = NUMBER_WORDS.indexOf(word.toLowerCase());
  return at >= 0 ? at : undefined;
}

/** The free-text role of every option, in definition order. */
export function slotsOf(spec: SubcommandSpec): Slot[] {
  const entries = Object.entries(spec.options).filter(([, o]) => !o.buttonsOnly && !o.byName);
  const hasRest = entries.some(([, o]) => o.free === 'rest' || o.free === 'when');
  // Without a hint, the first plain text option takes the words left over; later ones are notes.
  const firstPlain = hasRest ? undefined : entries.find(([, o]) => o.kind === 'text' && !o.free && !o.pattern)?.[0];
  return entries.map(([name, option]): Slot => {
    switch (option.kind) {
      case 'integer':
        return { name, option, role: option.autocomplete === 'swap' ? 'swap' : 'count' };
      case 'member':
      case 'channel':
      case 'choice':
        return { name, option, role: option.kind };
      case 'text':
        if (option.free) return { name, option, role: option.free };
        if (option.pattern) return { name, option, role: 'pattern' };
        return { name, option, role: name === firstPlain ? 'rest' : 'note' };
    }
  });
}

const unquote = (example: string) => example.replace(/^"(.*)"$/, '$1');
const quote = (value: string) => (/[\s"]/.test(value) || value === '' ? `"${value.replace(/"/g, "'")}"` : value);

function exampleOf(slot: Slot): string | undefined {
  const { option } = slot;
  switch (slot.role) {
    case 'count':
      // A number of children reads "2 kids"; an invitation or entry number is just the number.
      return option.units || slot.name === 'kids' || slot.name === 'capacity' ? `${option.example} ${unitsOf(option)[0]}` : option.example;
    case 'amount':
      return `${unquote(option.example)}h`;
    case 'note':
      return option.example === 'text' ? undefined : `"${unquote(option.example)}"`;
    case 'member':
      return option.example.startsWith('@') ? option.example : `@${option.example}`;
    default:
      return unquote(option.example);
  }
}

/** "/swap request sat 19:00-23:00 2 kids "two sleepy toddlers"": the subcommand typed the way people talk. */
export function freeExample(command: string, sub: string, spec: SubcommandSpec): string {
  const slots = slotsOf(spec);
  const posting = slots.some((s) => s.role === 'when');
  const parts = slots
    .filter((s) => s.option.required || (posting && (s.role === 'count' || s.role === 'note')) || s.role === 'amount' || s.role === 'word')
    .map(exampleOf)
    .filter((p): p is string => p !== undefined && p !== '');
  return [`/${command}${sub ? ` ${sub}` : ''}`, ...parts].join(' ');
}

function named(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'ref' in value) {
    const { ref, name } = value as { ref: string; name: string };
    return name.startsWith('<@') ? name : `@${name || ref}`;
  }
  return quote(String(value));
}

/** "/swap book id:7 kids:2": what a free-text line was read as, in the precise form. */
export function namedForm(command: string, sub: string, spec: SubcommandSpec, options: Record<string, unknown>): string {
  const parts = Object.keys(spec.options)
    .filter((name) => options[name] !== undefined)
    .map((name) => `${name}:${named(options[name])}`);
  return [`/${command}${sub ? ` ${sub}` : ''}`, ...parts].join(' ');
}

/** How a number reads in one role, for a question's choices: "#7", "2 kids", "3.5 h". */
export function describeValue(slot: Slot, value: string): string {
  if (slot.role === 'swap') return `#${value}`;
  if (slot.role === 'amount') return `${value} h`;
  if (slot.role === 'count') {
    const unit = unitsOf(slot.option)[0] ?? 'kids';
    return `${value} ${value === '1' && unit.endsWith('s') ? unit.slice(0, -1) : unit}`;
  }
  return `${slot.name} ${value}`;
}
