import { ButtonStyle as DiscordButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed } from 'discord.js';
import { encodeAction, MAX_ACTION_ID_LENGTH } from '../../core/action-codec.ts';
import type { Button, ButtonStyle, Card, Message } from '../../core/types.ts';
import { discordTime, pingedUsers, safeDiscordText } from './markup.ts';

// A neutral Message as one or more Discord messages: text as content, each card as an embed with its buttons in
// action rows. Discord's limits hold on every page: content ≤ 2000, ≤ 10 embeds and ≤ 6000 characters across them,
// ≤ 5 rows of ≤ 5 buttons, custom ids ≤ 100 and unique. Whatever does not fit goes on the next page.
// Only the message's own mentions are live (markup.ts); a field holding a time shows it in each reader's zone.

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  rows: 5,
  buttonsPerRow: 5,
  label: 80,
} as const;

const COLOUR = 0x7fb8a4; // a calm green

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export interface DiscordFile {
  name: string;
  data: Buffer;
}

export interface DiscordPage {
  content: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  files: DiscordFile[];
  /** Users the content mentions on purpose; nobody else is pinged (never @everyone, never roles). */
  mentionUsers: string[];
}

export interface RenderOptions {
  /** Put before every custom id: DMs carry their co-op (`<guild id>/`) because a DM has no guild of its own. */
  idPrefix?: string;
}

const STYLE: Record<ButtonStyle, APIButtonComponentWithCustomId['style']> = {
  primary: DiscordButtonStyle.Primary,
  secondary: DiscordButtonStyle.Secondary,
  success: DiscordButtonStyle.Success,
  danger: DiscordButtonStyle.Danger,
};

export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Splits at line breaks, else at spaces, else anywhere; every piece ≤ max characters. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while ([...rest].length > max) {
    const head = [...rest].slice(0, max).join('');
    let cut = head.lastIndexOf('\n');
    if (cut < max / 2) cut = head.lastIndexOf(' ');
    if (cut < max / 2) cut = head.length;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

function embedSize(embed: APIEmbed): number {
  const len = (s: string | undefined) => [...(s ?? '')].length;
  return len(embed.title) + len(embed.description) + (embed.fields ?? []).reduce((n, f) => n + len(f.name) + len(f.value), 0);
}

const NOBODY: ReadonlySet<string> = new Set();

/** A card as an embed. Titles and field names show no mentions on Discord; text and values are made safe. */
export function cardEmbed(card: Card, live: ReadonlySet<string> = NOBODY): APIEmbed {
  const embed: APIEmbed = { title: clip(card.title, LIMITS.title), color: COLOUR };
  if (card.text) embed.description = clip(safeDiscordText(card.text, live), LIMITS.description);
  const fields = (card.fields ?? []).slice(0, LIMITS.fields).map((f) => ({
    name: clip(f.label || '·', LIMITS.fieldName),
    value: clip(f.time ? discordTime(f.time) : safeDiscordText(f.value, live) || '·', LIMITS.fieldValue),
    inline: true,
  }));
  if (fields.length) embed.fields = fields;
  // One embed alone may not pass 6000 characters: drop fields from the end, then shorten the text.
  while (embedSize(embed) > LIMITS.embedTotal && embed.fields?.length) embed.fields.pop();
  if (embedSize(embed) > LIMITS.embedTotal && embed.description) {
    embed.description = clip(embed.description, Math.max(1, LIMITS.embedTotal - embedSize({ ...embed, description: '' })));
  }
  return embed;
}

function buttonJson(button: Button, prefix: string): APIButtonComponentWithCustomId | undefined {
  const id = `${prefix}${encodeAction(button.action)}`;
  if (id.length > MAX_ACTION_ID_LENGTH) return undefined;
  return { type: ComponentType.Button, style: STYLE[button.style ?? 'secondary'], label: clip(button.label, LIMITS.label), custom_id: id };
}

export function buttonRows(buttons: readonly Button[], prefix = ''): ButtonRow[] {
  const json = buttons.flatMap((b) => buttonJson(b, prefix) ?? []).slice(0, LIMITS.rows * LIMITS.buttonsPerRow);
  const rows: ButtonRow[] = [];
  for (let i = 0; i < json.length; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: json.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return rows;
}

export function renderMessage(message: Message, options: RenderOptions = {}): DiscordPage[] {
  const prefix = options.idPrefix ?? '';
  const live = new Set(message.mentions ?? []);
  const emptyPage = (content = ''): DiscordPage => ({ content, embeds: [], components: [], files: [], mentionUsers: pingedUsers(content, live) });
  const pages = splitText(safeDiscordText(message.text, live), LIMITS.content).map((chunk) => emptyPage(chunk));
  let page = pages.at(-1) ?? emptyPage();
  if (pages.length === 0) pages.push(page);
  const ids = new Set<string>();
  for (const card of message.cards ?? []) {
    const embed = cardEmbed(card, live);
    const rows = buttonRows(card.buttons ?? [], prefix);
    const cardIds = rows.flatMap((r) => r.components.map((c) => c.custom_id));
    const fits =
      page.embeds.length < LIMITS.embeds &&
      page.components.length + rows.length <= LIMITS.rows &&
      page.embeds.reduce((n, e) => n + embedSize(e), 0) + embedSize(embed) <= LIMITS.embedTotal &&
      cardIds.every((id) => !ids.has(id));
    if (!fits) {
      page = emptyPage();
      pages.push(page);
      ids.clear();
    }
    page.embeds.push(embed);
    page.components.push(...rows);
    for (const id of cardIds) ids.add(id);
  }
  const first = pages[0] ?? page;
  first.files = (message.attachments ?? []).map((a) => ({ name: a.filename, data: Buffer.from(a.content, 'utf8') }));
  for (const p of pages) if (!p.content && p.embeds.length === 0 && p.files.length === 0) p.content = '…';
  return pages;
}
