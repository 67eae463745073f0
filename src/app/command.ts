import { z } from 'zod';
import type { MemberRef, Reply } from '../core/types.ts';
import { cleanDisplayName, UNSAFE_IN_TEXT } from '../domain/names.ts';
import type { CommandContext } from '../services/context.ts';

// Commands as data: each option is a zod schema plus what a platform needs to offer it (type, limits, choices).
// The handler's argument types are inferred from the same definition, so they can never drift apart.

export type OptionKind = 'text' | 'integer' | 'member' | 'channel' | 'choice';

/**
 * How a text option is found in free text (options typed without their names, src/app/command-line-free.ts):
 * 'when' and 'rest' take the words left over ('when' also gives a lone small number to a count option), 'note' takes
 * quoted text after them or the words after "note"/"—", 'amount' takes hours ("2h", "1.5 h"), 'word' one word in
 * order. Unset: the first such text option takes the rest, the others are notes. Other kinds are found by shape.
 */
export type FreeRole = 'when' | 'rest' | 'note' | 'amount' | 'word';

export interface OptionSpec<T = unknown, R extends boolean = boolean> {
  readonly kind: OptionKind;
  readonly description: string;
  readonly required: R;
  readonly schema: z.ZodType<T>;
  /** Shown in refusals: what a good value looks like. */
  readonly example: string;
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  readonly choices?: readonly string[];
  /** Suggestions as the member types (Discord autocomplete): open swap numbers, or sit times. */
  readonly autocomplete?: 'swap' | 'when';
  /** Free text: how a text option is found (see FreeRole). */
  readonly free?: FreeRole;
  /** Free text: a value of this shape is this option's (a timezone, quiet hours). */
  readonly pattern?: RegExp;
  /** Free text: words that make a number this count ("2 kids"); default kids and children. */
  readonly units?: readonly string[];
  /** Filled in by the bot's own buttons, never typed: left out of free text, usage lines and platform menus. */
  readonly buttonsOnly?: true;
  /** Read only when typed with its name (`updates:off`): free text never guesses it (an "off" is the quiet hours'). */
  readonly byName?: true;
}

interface Common<R extends boolean> {
  required?: R;
  example?: string;
  byName?: true;
}

const byNameOf = (opts: { byName?: true }) => (opts.byName ? { byName: true as const } : {});

// Control and bidi characters (newline and tab aside) never reach the DB or a reply.
const cleanText = (maxLength: number) =>
  z
    .string()
    .transform((s) => s.replace(UNSAFE_IN_TEXT, '').trim())
    .pipe(z.string().min(1).max(maxLength));

type TextHints = Pick<OptionSpec, 'free' | 'pattern'> & { autocomplete?: 'when' };

export function text<const R extends boolean = false>(
  description: string,
  opts: Common<R> & TextHints & { maxLength?: number } = {},
): OptionSpec<string, R> {
  const maxLength = opts.maxLength ?? 200;
  return {
    kind: 'text',
    description,
    required: (opts.required ?? false) as R,
    schema: cleanText(maxLength),
    example: opts.example ?? 'text',
    maxLength,
    ...(opts.free ? { free: opts.free } : {}),
    ...(opts.pattern ? { pattern: opts.pattern } : {}),
    ...(opts.autocomplete ? { autocomplete: opts.autocomplete } : {}),
    ...byNameOf(opts),
  };
}

export function integer<const R extends boolean = false>(
  description: string,
  opts: Common<R> & { min: number; max: number; autocomplete?: 'swap'; units?: readonly string[]; buttonsOnly?: true },
): OptionSpec<number, R> {
  const spec: OptionSpec<number, R> = {
    kind: 'integer',
    description,
    required: (opts.required ?? false) as R,
    schema: z.union([z.number(), z.string().trim().regex(/^[+-]?\d+$/).transform(Number)]).pipe(
      z.number().int().min(opts.min).max(opts.max),
    ),
    example: opts.example ?? String(opts.min),
    min: opts.min,
    max: opts.max,
  };
  return {
    ...spec,
    ...(opts.autocomplete ? { autocomplete: opts.autocomplete } : {}),
    ...(opts.units ? { units: opts.units } : {}),
    ...(opts.buttonsOnly ? { buttonsOnly: true } : {}),
  };
}

// A button carries a member as their bare platform ref; typed commands carry a ref and a display name.
const memberSchema: z.ZodType<MemberRef> = z.union([
  z.string().min(1).max(64).transform((ref) => ({ ref, name: '' })),
  z.object({
    ref: z.string().min(1).max(64),
    name: z.string().transform(cleanDisplayName),
  }),
]);

export function member<const R extends boolean = false>(description: string, opts: Common<R> = {}): OptionSpec<MemberRef, R> {
  return {
    kind: 'member',
    description,
    required: (opts.required ?? false) as R,
    schema: memberSchema,
    example: opts.example ?? '@name',
  };
}

export function channel<const R extends boolean = false>(description: string, opts: Common<R> = {}): OptionSpec<string, R> {
  return {
    kind: 'channel',
    description,
    required: (opts.required ?? false) as R,
    schema: z.string().trim().min(1).max(64),
    example: opts.example ?? '#general',
  };
}

export function choice<const C extends readonly [string, ...string[]], const R extends boolean = false>(
  description: string,
  choices: C,
  opts: Common<R> = {},
): OptionSpec<C[number], R> {
  return {
    kind: 'choice',
    description,
    required: (opts.required ?? false) as R,
    schema: z.enum(choices) as unknown as z.ZodType<C[number]>,
    example: opts.example ?? choices[0],
    choices,
    ...byNameOf(opts),
  };
}

export type OptionsSpec = Record<string, OptionSpec<unknown, boolean>>;

export type ArgsOf<O extends OptionsSpec> = {
  [K in keyof O]: O[K] extends OptionSpec<infer T, infer R> ? (R extends true ? T : T | undefined) : never;
};

/**
 * A form where a form is kinder than typed options (Discord modal, Slack view): it opens when the `trigger` option is
 * missing, and asks for `fields` (Discord shows at most five). Its submission runs exactly the command. A button that
 * runs the command without `trigger` opens it too, where the platform can ("Ask for a sitter").
 */
export interface FormSpec<Name extends string = string> {
  readonly title: string;
  readonly trigger: Name;
  readonly fields: readonly Name[];
  /** What a field starts with when nothing was typed: a template to fill in. */
  readonly template?: Partial<Record<Name, string>>;
  /**
   * 'typed' (the default): the command without `trigger` opens the form, typed or pressed. 'button': only a button
   * opens it; typed without `trigger`, the command runs (`/household card` shows the card; its button writes one).
   */
  readonly opens?: 'typed' | 'button';
  /** The submit button's word where the platform shows one (Slack); "Post" unless said. */
  readonly submit?: string;
}

/** Does typing the command with these options open its form, rather than run it? */
export function typedOpensForm(form: FormSpec | undefined, options: Record<string, unknown>): form is FormSpec {
  return form !== undefined && form.opens !== 'button' && options[form.trigger] === undefined;
}

/** Does pressing a button with these options open its form, rather than run it? */
export function pressOpensForm(form: FormSpec | undefined, options: Record<string, unknown>): form is FormSpec {
  return form !== undefined && options[form.trigger] === undefined;
}

export interface SubcommandSpec<O extends OptionsSpec = OptionsSpec> {
  readonly description: string;
  readonly options: O;
  readonly form?: FormSpec;
  /** Only co-op admins and platform admins may run it. */
  readonly adminOnly?: boolean;
  /**
   * It changes nothing, so it runs in a read transaction in which SQLite refuses any write, and leaves no
   * idempotency row (a repeat is simply answered again). A function decides from the options, for a subcommand
   * that shows something unless it is given something to change (`/coop rules`, `/profile`). A member met for the
   * first time is still joined (starting credits), in a write transaction of its own.
   */
  readonly readOnly?: boolean | ((args: Readonly<Record<string, unknown>>) => boolean);
  /** Runs inside the command's single transaction; a thrown UserError rolls everything back. */
  run(ctx: CommandContext, args: ArgsOf<O>): Reply;
}

/** Whether this run of a subcommand changes nothing (see SubcommandSpec.readOnly). */
export function isReadOnly(spec: SubcommandSpec, args: Readonly<Record<string, unknown>>): boolean {
  return typeof spec.readOnly === 'function' ? spec.readOnly(args) : spec.readOnly === true;
}

/** A subcommand definition; its form may only name its own options. */
export function subcommand<const O extends OptionsSpec>(spec: SubcommandSpec<O> & { form?: FormSpec<keyof O & string> }): SubcommandSpec<O> {
  return spec;
}

export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  /** '' is the command itself when it has no subcommands; 'admin add' is a subcommand in a group. */
  readonly subcommands: Readonly<Record<string, SubcommandSpec>>;
}

export function defineCommand<const C extends CommandSpec>(spec: C): C {
  return spec;
}

const PLACEHOLDER: Record<OptionKind, string> = { text: 'text', integer: 'n', member: '@who', channel: '#channel', choice: 'choice' };

/** "/swap request when:<text> [kids:<n>] [note:<text>]" */
export function usage(command: string, sub: string, spec: SubcommandSpec): string {
  const parts = [`/${command}${sub ? ` ${sub}` : ''}`];
  for (const [name, option] of Object.entries(spec.options)) {
    if (option.buttonsOnly) continue;
    const value = option.choices ? option.choices.join('|') : `<${PLACEHOLDER[option.kind]}>`;
    parts.push(option.required ? `${name}:${value}` : `[${name}:${value}]`);
  }
  return parts.join(' ');
}

/** What a bad value for an option should have looked like, in one line. */
export function describeBadOption(name: string, option: OptionSpec): string {
  switch (option.kind) {
    case 'integer':
      return (option.max ?? 0) > 1000
        ? `\`${name}:\` takes a whole number, like \`${name}:${option.example}\`.`
        : `\`${name}:\` takes a whole number from ${option.min} to ${option.max}, like \`${name}:${option.example}\`.`;
    case 'choice':
      return `\`${name}:\` takes one of ${option.choices?.map((c) => `\`${c}\``).join(', ')}.`;
    case 'member':
      return `\`${name}:\` takes a member, like \`${name}:@name\`.`;
    case 'text':
      return `\`${name}:\` takes text of 1 to ${option.maxLength} characters, like \`${name}:${option.example}\`.`;
    case 'channel':
      return `\`${name}:\` takes a channel, like \`${name}:#general\`.`;
  }
}
