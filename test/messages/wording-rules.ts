// The wording rules every text the bot builds must keep (PRODUCT.md's voice): what a sample breaks, as readable
// problems. Kept apart from the test so it can be checked against planted bad texts.
import type { Message } from '../../src/core/types.ts';
import type { Audience } from './wording-samples.ts';

/** Things a template must never leak: a missing value, a number gone wrong, an object printed. */
const BROKEN = /\bundefined\b|\bNaN\b|\[object |\bnull\b|\$\{|\bInfinity\b/;

/** The co-op's internal words: members read "family", "credit", "the co-op's limit"; admins may read these. */
const INTERNAL = /\bhouseholds?\b|\bfloor\b|\bcap\b|\blate_cancel_\w+|\bstarting_credits\b|\bextra_child_rate\b|\b(?:member|household|coop|swap)_?[iI]d\b|\bexternalRef\b/i;

/** Lines the issue found cold or muddled; none may come back. */
const BANNED = [/sit for someone first/i, /lowest balance first/i, /room for 0 kids/i, /\d h for \d+ kids?: /, /\bplease\s+note\b/i, /^(?:open|accepted|completed|cancelled|expired|disputed)$/];

/** Mention markup: the messages room writes names as plain text; mentions are the adapters' business. */
const MARKUP = /<[@#!]/;

/** Slips a template makes: two spaces, a space before punctuation, a doubled full stop, a label "1." (shown "1.: Ana"). */
const SLIPS = [/\S {2,}\S/, / [.,;!?](?:\s|$)/, /[^.]\.\.(?:[^.]|$)/, /^\d+\.$/];

export const LIMITS = { text: 2000, title: 256, cardText: 3000, label: 256, value: 1024, button: 75, buttons: 25, refusal: 300 };

/** Code spans (`/swap list`, `name:cap`) are commands to type, not words said to the member. */
function spoken(text: string): string {
  return text.replace(/`[^`]*`/g, '`…`');
}

interface Piece {
  where: string;
  text: string;
  max: number;
}

function pieces(message: Message): Piece[] {
  const out: Piece[] = [{ where: 'text', text: message.text, max: LIMITS.text }];
  for (const [i, card] of (message.cards ?? []).entries()) {
    out.push({ where: `card ${i} title`, text: card.title, max: LIMITS.title });
    if (card.text !== undefined) out.push({ where: `card ${i} text`, text: card.text, max: LIMITS.cardText });
    for (const f of card.fields ?? []) out.push({ where: `card ${i} field label`, text: f.label, max: LIMITS.label }, { where: `card ${i} field "${f.label}"`, text: f.value, max: LIMITS.value });
    for (const b of card.buttons ?? []) out.push({ where: `card ${i} button`, text: b.label, max: LIMITS.button });
  }
  for (const file of message.attachments ?? []) out.push({ where: `file ${file.filename}`, text: file.content.replace(/\r\n /g, ''), max: Number.POSITIVE_INFINITY });
  return out;
}

/** Everything a sample breaks; empty when it keeps every rule. */
export function wordingProblems(message: Message, audience: Audience, dbIds: readonly number[] = []): string[] {
  const problems: string[] = [];
  for (const { where, text, max } of pieces(message)) {
    const said = spoken(text);
    const isFile = where.startsWith('file');
    if (BROKEN.test(text)) problems.push(`${where}: a broken value in "${text.slice(0, 80)}"`);
    if ([...text].length > max) problems.push(`${where}: ${[...text].length} characters, over ${max}`);
    if (!isFile && audience !== 'admin' && INTERNAL.test(said)) problems.push(`${where}: an internal word (${INTERNAL.exec(said)?.[0]}) in "${text.slice(0, 80)}"`);
    for (const banned of BANNED) if (banned.test(text)) problems.push(`${where}: a banned line (${banned}) in "${text.slice(0, 80)}"`);
    if (!isFile && MARKUP.test(text)) problems.push(`${where}: mention markup in "${text.slice(0, 80)}"`);
    if (!isFile) for (const slip of SLIPS) if (slip.test(said)) problems.push(`${where}: a slip (${slip}) in "${text.slice(0, 80)}"`);
    // A calendar file's UID is the one place an id belongs: calendars need it stable and unique.
    if (!isFile) for (const id of dbIds) if (new RegExp(`(?<![\\d.:])${id}(?!\\d|[.:]\\d)`).test(text)) problems.push(`${where}: the database id ${id}`);
  }
  const buttons = (message.cards ?? []).map((c) => c.buttons?.length ?? 0);
  if (buttons.some((n) => n > LIMITS.buttons)) problems.push(`a card with more than ${LIMITS.buttons} buttons`);
  if (audience === 'refusal') {
    if (message.text.includes('\n')) problems.push('a refusal over more than one line');
    if ([...message.text].length > LIMITS.refusal) problems.push(`a refusal of ${[...message.text].length} characters, over ${LIMITS.refusal}`);
  }
  return problems;
}
