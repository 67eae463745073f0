import type { CommandSpec, SubcommandSpec } from './command.ts';
import { UserError } from '../domain/errors.ts';
import type { MemberRef } from '../core/types.ts';
import { readFreeText, type FreeQuestion, type Token } from './command-line-free.ts';
import { unknownCommand, unknownSub, optionSlip } from './command-hints.ts';

// One parser for typed commands, shared by the console and Slack: `/swap request when:"sat 19:00-23:00" kids:2`, or
// the same typed the way people talk, `/swap request sat 7-11pm 2 kids`. The leading words pick the command and
// subcommand; `name:value` pairs are read exactly as they always were (scripts drive them); everything else is free
// text, read from the subcommand's own definition (command-line-free.ts). Mentions become MemberRefs through the
// platform's own reader (`@name` in the console, `<@U123|name>` in Slack).

export interface ParsedLine {
  command: string;
  sub: string;
  options: Record<string, unknown>;
}

export type LineReading =
  | ({ kind: 'command' } & ParsedLine & { /** How an uncertain free-text reading was read, in the named form. */ readAs?: string })
  | ({ kind: 'question' } & FreeQuestion);

export type MentionReader = (token: string) => MemberRef | undefined;

const MAX_LINE = 4000;
const PAIR = /^([a-z_]+):(.*)$/is;

function splitTokens(line: string): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  let quoted = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote || (quote === '“' && ch === '”')) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === '“') {
      quote = ch;
      if (!started) quoted = true;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) tokens.push({ text: current, quoted });
      current = '';
      started = false;
      quoted = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) tokens.push({ text: current, quoted });
  return tokens;
}

/** Splits on spaces, keeping "quoted text" together (straight or curly quotes); a lone quote runs to the end. */
export function tokenize(line: string): string[] {
  return splitTokens(line).map((t) => t.text);
}

/** The subcommand the leading words name: the longest match, so "admin add" wins over a one-word reading. */
function pickSub(command: CommandSpec, words: readonly Token[]): { sub: string; used: number } | undefined {
  for (let n = Math.min(2, words.length); n >= 1; n -= 1) {
    const head = words.slice(0, n);
    if (head.some((w) => w.quoted)) continue;
    const sub = head.map((w) => w.text.toLowerCase()).join(' ');
    if (sub !== '' && Object.hasOwn(command.subcommands, sub)) return { sub, used: n };
  }
  return Object.hasOwn(command.subcommands, '') ? { sub: '', used: 0 } : undefined;
}

function findCommand(name: string, commands: readonly CommandSpec[]): CommandSpec {
  const command = commands.find((c) => c.name === name);
  if (command) return command;
  throw unknownCommand(name, commands.map((c) => c.name));
}

function readPairs(pairs: readonly [string, string][], spec: SubcommandSpec | undefined, readMention: MentionReader): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, raw] of pairs) {
    if (Object.hasOwn(options, key)) throw new UserError(`\`${key}:\` is there twice; give it once.`);
    const option = spec?.options[key];
    if (option?.kind === 'member') {
      const ref = readMention(raw);
      if (!ref) throw new UserError(`\`${key}:\` takes a member, like \`${key}:@name\`.`);
      options[key] = ref;
    } else if (option?.kind === 'channel') {
      options[key] = raw.replace(/^<#([A-Z0-9]+)(\|[^>]*)?>$/, '$1');
    } else {
      options[key] = raw;
    }
  }
  return options;
}

/** Reads one typed line: the command to run, or a question when free text could mean two things. */
export function readCommandLine(line: string, commands: readonly CommandSpec[], readMention: MentionReader): LineReading {
  if (line.length > MAX_LINE) throw new UserError(`That line is too long (${line.length} characters). Keep commands under ${MAX_LINE}.`);
  const tokens = joinLoneColons(splitTokens(line.trim().replace(/^\//, '')));
  const name = tokens.shift()?.text.toLowerCase();
  if (!name || !/^[a-z]+$/.test(name)) throw new UserError('Commands look like `/swap list`. `/help` lists them all.');
  const command = findCommand(name, commands);

  const firstPair = tokens.findIndex((t) => PAIR.test(t.text) && !(t.quoted && !isOptionOf(command, PAIR.exec(t.text)?.[1])));
  const lead = firstPair === -1 ? tokens : tokens.slice(0, firstPair);
  const picked = pickSub(command, lead);
  if (!picked) {
    // Nothing readable names a subcommand: a typo, a number or a subcommand written as an option gets a hint; else,
    // as before, the dispatcher says what `/swap` alone needs.
    const typed = lead[0]?.text.toLowerCase() ?? '';
    if (typed && /^#?[a-z]*\d*$/.test(typed) && firstPair === -1) throw unknownSub(command, typed);
    const asOption = firstPair === 0 ? PAIR.exec(tokens[0]?.text ?? '') : null;
    const subAsOption = asOption?.[1]?.toLowerCase();
    if (subAsOption && Object.hasOwn(command.subcommands, subAsOption)) {
      const value = [asOption?.[2], ...tokens.slice(1).map((t) => t.text)].filter(Boolean).join(' ');
      throw new UserError(`Did you mean \`/${command.name} ${subAsOption}${value ? ` ${value}` : ''}\`? (No colon after \`${subAsOption}\`.)`, { code: 'unknown_command' });
    }
    return { kind: 'command', command: command.name, sub: lead.map((t) => t.text).join(' ').toLowerCase(), options: readPairs(pairsOf(tokens.slice(lead.length)), undefined, readMention) };
  }
  const { sub } = picked;
  const spec = command.subcommands[sub];
  if (!spec) throw unknownSub(command, sub);

  // A text value runs on until the next `name:` (`when:sat 19:00-23:00`), exactly as before; after any other value,
  // and before the first pair, words are free text.
  const loose: Token[] = [...lead.slice(picked.used)];
  const pairs: [string, string][] = [];
  let appending = false;
  for (const token of tokens.slice(lead.length)) {
    const match = PAIR.exec(token.text);
    const key = match?.[1]?.toLowerCase();
    const last = pairs.at(-1);
    if (match && key !== undefined && !(token.quoted && !Object.hasOwn(spec.options, key))) {
      pairs.push([key, match[2] ?? '']);
      appending = spec.options[key]?.kind === 'text' || !Object.hasOwn(spec.options, key);
    } else if (last && appending) {
      last[1] = `${last[1]} ${token.text}`;
    } else {
      loose.push(token);
    }
  }
  const named = readPairs(pairs, spec, readMention);
  if (loose.length === 0) return { kind: 'command', command: command.name, sub, options: named };
  let read: ReturnType<typeof readFreeText>;
  try {
    read = readFreeText({ command: command.name, sub, spec }, loose, named, readMention);
  } catch (error) {
    // Unreadable as free text: if it is `id 1` or `id=1`, say where the colon goes rather than what was not read.
    const slip = error instanceof UserError && optionSlip(command.name, sub, Object.keys(spec.options), tokens.slice(picked.used));
    throw slip || error;
  }
  if (read.kind === 'question') return read;
  return { kind: 'command', command: command.name, sub, options: read.options, ...(read.readAs ? { readAs: read.readAs } : {}) };
}

/** `id: 1` is `id:1`: a name with its colon and nothing after takes the next word, unless that is a pair itself. */
function joinLoneColons(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (/^[a-z_]+:$/i.test(token.text) && !token.quoted && next && !PAIR.test(next.text)) {
      out.push({ text: `${token.text}${next.text}`, quoted: false });
      i += 1;
    } else {
      out.push(token);
    }
  }
  return out;
}

function isOptionOf(command: CommandSpec, key: string | undefined): boolean {
  return key !== undefined && Object.values(command.subcommands).some((s) => Object.hasOwn(s.options, key.toLowerCase()));
}

function pairsOf(tokens: readonly Token[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const token of tokens) {
    const match = PAIR.exec(token.text);
    const last = pairs.at(-1);
    if (match) pairs.push([match[1]!.toLowerCase(), match[2]!]);
    else if (last) last[1] = `${last[1]} ${token.text}`;
  }
  return pairs;
}

/** For callers that cannot ask: a question becomes a refusal that names the choices. */
export function parseCommandLine(line: string, commands: readonly CommandSpec[], readMention: MentionReader): ParsedLine {
  const reading = readCommandLine(line, commands, readMention);
  if (reading.kind === 'question') throw new UserError(reading.text, { code: 'bad_option' });
  return { command: reading.command, sub: reading.sub, options: reading.options };
}
