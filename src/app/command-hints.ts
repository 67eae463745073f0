import { UserError } from '../domain/errors.ts';
import { closest } from '../domain/near-names.ts';
import type { CommandSpec, SubcommandSpec } from './command.ts';
import { freeExample } from './command-line-words.ts';

// What to say when a typed command does not name something known, in one line that says what to type instead:
// "Did you mean `/swap`?" for a typo, "add `id:`" for a bare number, two examples rather than a list of fourteen.

const ID_LIKE = /^#?(\d{1,7})$/;

/** `/swpa` → "I don't know `/swpa`. Did you mean `/swap`?" */
export function unknownCommand(name: string, names: readonly string[]): UserError {
  const near = closest(name, names);
  const hint = near ? ` Did you mean \`/${near}\`?` : ' `/help` lists what I can do.';
  return new UserError(`I don't know \`/${name}\`.${hint}`, { code: 'unknown_command' });
}

/** The subcommands that act on one swap by its number (`id:`), those needing nothing else first. */
function subsTakingId(command: CommandSpec): string[] {
  const taking = Object.entries(command.subcommands).filter(([sub, spec]) => sub && spec.options.id?.kind === 'integer' && spec.options.id.required);
  const onlyId = ([, spec]: (typeof taking)[number]) => Object.values(spec.options).filter((o) => o.required).length === 1;
  return [...taking.filter(onlyId), ...taking.filter((t) => !onlyId(t))].map(([sub]) => sub);
}

/** Two ways in: the first subcommand typed as people talk (no note), and the shortest other one. */
function twoExamples(command: CommandSpec): string {
  const examples = Object.entries(command.subcommands)
    .filter(([sub, spec]) => sub && !spec.adminOnly)
    .map(([sub, spec]) => freeExample(command.name, sub, spec).replace(/ "[^"]*"$/, ''));
  const [first, ...others] = examples;
  const shortest = [...others].sort((a, b) => a.length - b.length)[0];
  return [first, shortest].filter(Boolean).map((e) => `\`${e}\``).join(' or ');
}

/** A required option left out: "Add `id:` — like `/swap volunteer id:12`." */
export function missingOption(command: string, sub: string, spec: SubcommandSpec, name: string, given: Readonly<Record<string, unknown>> = {}): UserError {
  const required = Object.entries(spec.options).filter(([n, o]) => o.required || n === name);
  // What they already gave stays as they gave it (`id:4`), so the example is the line to send.
  const shown = (n: string, example: string): string => {
    const value = given[n];
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string' && value !== '') return /\s/.test(value) ? `"${value}"` : value;
    return example;
  };
  const example = [`/${command}${sub ? ` ${sub}` : ''}`, ...required.map(([n, o]) => `${n}:${shown(n, o.example)}`)].join(' ');
  return new UserError(`Add \`${name}:\` — like \`${example}\`.`, { option: name, code: 'missing_option' });
}

/**
 * `/swap` with no subcommand, or one that is not known: a typo gets "did you mean", a number gets "add `id:`", a
 * typo glued to a number (`volunteer1`) both; anything else two examples and `/help <command>`.
 */
export function unknownSub(command: CommandSpec, typed: string): UserError {
  const name = command.name;
  const subs = Object.keys(command.subcommands).filter(Boolean);
  const refuse = (text: string) => new UserError(text, { code: 'unknown_command' });
  const number = ID_LIKE.exec(typed)?.[1];
  if (number) {
    const [first, second] = subsTakingId(command);
    if (first) {
      const also = second ? ` or \`/${name} ${second} id:${number}\`` : '';
      return refuse(`Say what to do with #${number}, and add \`id:\` — like \`/${name} ${first} id:${number}\`${also}.`);
    }
  }
  const glued = /^([a-z]+)#?(\d{1,7})$/.exec(typed);
  if (glued) {
    const near = subs.includes(glued[1] ?? '') ? glued[1] : closest(glued[1] ?? '', subs);
    if (near && subsTakingId(command).includes(near)) return refuse(`Did you mean \`/${name} ${near} id:${glued[2]}\`?`);
  }
  const near = typed ? closest(typed, subs) : undefined;
  const spec = near ? command.subcommands[near] : undefined;
  if (near && spec) return refuse(`\`/${name} ${typed}\` isn't something I know. Did you mean \`/${name} ${near}\`? Like \`${freeExample(name, near, spec)}\`.`);
  const what = typed ? `\`/${name} ${typed}\` isn't something I know. Try ${twoExamples(command)};` : `\`/${name}\` needs a little more — like ${twoExamples(command)}.`;
  return refuse(`${what} \`/help ${name}\` shows ${typed ? 'the rest' : `what \`/${name}\` can do`}.`);
}

/**
 * `id 1` or `id=1` where `id:1` was meant: "add `id:` — like `/swap book 2 kids:1`", the whole line as it should be
 * typed. `words` are everything after the subcommand; undefined when they hold no such slip.
 */
export function optionSlip(command: string, sub: string, options: readonly string[], words: readonly { text: string; quoted: boolean }[]): UserError | undefined {
  const fixed: string[] = [];
  const slipped: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const eq = word.quoted ? null : /^([a-z_]+)=(.+)$/i.exec(word.text);
    const next = words[i + 1];
    const [name, value] = eq ? [eq[1]?.toLowerCase(), eq[2]] : [word.quoted ? undefined : word.text.toLowerCase(), next && !next.quoted ? next.text : undefined];
    if (name && value && options.includes(name)) {
      fixed.push(`${name}:${value.replace(/^#/, '')}`);
      slipped.push(name);
      if (!eq) i += 1;
    } else {
      fixed.push(word.quoted ? `"${word.text}"` : word.text);
    }
  }
  const [first] = slipped;
  if (!first) return undefined;
  const line = [`/${command}${sub ? ` ${sub}` : ''}`, ...fixed].join(' ');
  const names = slipped.map((n) => `\`${n}:\``).join(' and ');
  return new UserError(`Add ${names} right before ${slipped.length > 1 ? 'their values' : 'its value'} — like \`${line}\`.`, { option: first, code: 'bad_option' });
}
