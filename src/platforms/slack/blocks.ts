import type { types } from '@slack/bolt';
import { encodeAction } from '../../core/action-codec.ts';
import type { Button, Card, Message } from '../../core/types.ts';
import { clip, escapeMrkdwn, slackTime, splitText } from './mrkdwn.ts';

// Block Kit for a neutral Message: text as sections, each card as a title section, a fields section and a row of
// buttons; only the message's own mentions stay live, and a field holding a time shows it in each reader's zone.
// Slack's limits hold: ≤ 50 blocks a message (longer messages become several), ≤ 3000 characters a section,
// ≤ 10 fields of ≤ 2000, button labels ≤ 75, ≤ 25 elements an actions block. Nothing is cut mid-word.

export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;
const MAX_FIELDS = 10;
const MAX_FIELD_TEXT = 2000;
const MAX_BUTTON_LABEL = 75;
const MAX_ELEMENTS = 25;
const MAX_FALLBACK_TEXT = 3000;

export type Block = types.KnownBlock;

export interface SlackMessage {
  /** Notification and screen-reader text; Slack shows the blocks. */
  text: string;
  blocks: Block[];
}

// verbatim: Slack must not look for mentions or channel names of its own; the only live ones are ours (mrkdwn.ts).
const section = (text: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } });

const NOBODY: ReadonlySet<string> = new Set();

function textBlocks(text: string, live: ReadonlySet<string>): Block[] {
  return splitText(escapeMrkdwn(text, live), MAX_SECTION_TEXT).map(section);
}

function slackButton(button: Button): types.Button {
  const element: types.Button = {
    type: 'button',
    action_id: encodeAction(button.action),
    text: { type: 'plain_text', text: clip(button.label, MAX_BUTTON_LABEL), emoji: true },
  };
  // Slack has two styles; "success" reads best as primary, "secondary" is Slack's default look.
  if (button.style === 'primary' || button.style === 'success') element.style = 'primary';
  if (button.style === 'danger') element.style = 'danger';
  return element;
}

export function cardBlocks(card: Card, options: { buttons?: boolean; live?: ReadonlySet<string> } = {}): Block[] {
  const live = options.live ?? NOBODY;
  const head = `*${escapeMrkdwn(card.title, live)}*${card.text ? `\n${escapeMrkdwn(card.text, live)}` : ''}`;
  const blocks: Block[] = splitText(head, MAX_SECTION_TEXT).map(section);
  const fields = card.fields ?? [];
  for (let i = 0; i < fields.length; i += MAX_FIELDS) {
    blocks.push({
      type: 'section',
      fields: fields.slice(i, i + MAX_FIELDS).map((f) => ({
        type: 'mrkdwn' as const,
        verbatim: true,
        text: clip(`*${escapeMrkdwn(f.label, live)}*\n${f.time ? slackTime(f.time, f.value) : escapeMrkdwn(f.value, live)}`, MAX_FIELD_TEXT),
      })),
    });
  }
  const buttons = options.buttons === false ? [] : (card.buttons ?? []);
  for (let i = 0; i < buttons.length; i += MAX_ELEMENTS) {
    blocks.push({ type: 'actions', elements: buttons.slice(i, i + MAX_ELEMENTS).map(slackButton) });
  }
  return blocks;
}

function fallbackText(message: Message, live: ReadonlySet<string>): string {
  const titles = (message.cards ?? []).map((c) => c.title);
  const text = [message.text, ...titles].filter(Boolean).join('\n');
  return clip(escapeMrkdwn(text || 'Breather', live), MAX_FALLBACK_TEXT);
}

/**
 * One Message as one or more Slack messages of ≤ 50 blocks each; a card is never split across two. With more than
 * `maxMessages` the last one kept says how much was left out.
 */
export function renderMessage(message: Message, options: { maxMessages?: number; buttons?: boolean } = {}): SlackMessage[] {
  const live = new Set(message.mentions ?? []);
  const groups: Block[][] = [];
  if (message.text.trim()) groups.push(textBlocks(message.text, live));
  for (const card of message.cards ?? []) {
    groups.push([{ type: 'divider' }, ...cardBlocks(card, { ...options, live })]);
  }
  for (const file of message.attachments ?? []) {
    groups.push([{ type: 'context', elements: [{ type: 'mrkdwn', text: `:paperclip: ${escapeMrkdwn(file.filename)} (sent as a file)` }] }]);
  }
  const pages: Block[][] = [];
  let page: Block[] = [];
  for (const group of groups.flatMap((g) => chunk(g, MAX_BLOCKS - 1))) {
    // One block of room is kept on every page for the "more" hint.
    if (page.length + group.length > MAX_BLOCKS - 1 && page.length > 0) {
      pages.push(page);
      page = [];
    }
    page.push(...group);
  }
  if (page.length > 0 || pages.length === 0) pages.push(page.length ? page : [section('…')]);

  const max = options.maxMessages ?? Number.POSITIVE_INFINITY;
  const kept = pages.slice(0, max);
  const left = pages.slice(max).reduce((n, p) => n + p.filter((b) => b.type === 'divider').length, 0);
  if (pages.length > max) {
    const last = kept[kept.length - 1];
    const what = left > 0 ? `${left} more not shown` : 'The rest was left out';
    last?.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${what}. Narrow it down and ask again.` }] });
  }
  const text = fallbackText(message, live);
  return kept.map((blocks, i) => ({ text: i === 0 ? text : `${text.split('\n')[0]} (${i + 1}/${kept.length})`, blocks }));
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
