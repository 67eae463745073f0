import type { CommandSpec } from '../../../src/app/command.ts';
import { UserError } from '../../../src/domain/errors.ts';
import type { MemberRef } from '../../../src/core/types.ts';

// The `name:value` parser as it was before free text came, kept verbatim as the reference: the named form is the
// public interface scripts use, so every line it read must still read exactly the same.

export interface ParsedLine {
  command: string;
  sub: string;
  options: Record<string, unknown>;
}

export type MentionReader = (token: string) => MemberRef | undefined;

const MAX_LINE = 4000;

/** Splits on spaces, keeping "quoted text" together (straight or curly quotes); a lone quote runs to the end. */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote || (quote === '“' && ch === '”')) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === '“') {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) tokens.push(current);
      current = '';
      started = false;
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) tokens.push(current);
  return tokens;
}

export function oldParseCommandLine(line: string, commands: readonly CommandSpec[], readMention: MentionReader): ParsedLine {
  if (line.length > MAX_LINE) throw new UserError(`That line is too long (${line.length} characters). Keep commands under ${MAX_LINE}.`);
  const tokens = tokenize(line.trim().replace(/^\//, ''));
  const name = tokens.shift()?.toLowerCase();
  if (!name || !/^[a-z]+$/.test(name)) throw new UserError('Commands look like `/swap list`. `/help` lists them all.');
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UserError(`I don't know \`/${name}\`. \`/help\` lists what I can do.`);

  const words: string[] = [];
  const pairs: [string, string][] = [];
  for (const token of tokens) {
    const match = /^([a-z_]+):(.*)$/is.exec(token);
    const last = pairs.at(-1);
    if (match) pairs.push([match[1]!.toLowerCase(), match[2]!]);
    else if (last) last[1] = `${last[1]} ${token}`; // `when:sat 19:00-23:00` reads as people type it
    else words.push(token);
  }

  let sub = words.join(' ').toLowerCase();
  if (!Object.hasOwn(command.subcommands, sub)) {
    // `/help swap`: a command without subcommands takes loose words as its first option.
    const root = command.subcommands[''];
    const first = root && Object.keys(root.options)[0];
    if (root && first && words.length > 0 && pairs.length === 0) {
      pairs.push([first, words.join(' ')]);
      sub = '';
    }
  }
  const spec = command.subcommands[sub];
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
  return { command: command.name, sub, options };
}
