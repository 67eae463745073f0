import type { MemberRef, TimeSpan } from '../../core/types.ts';

// Slack sends typed text HTML-escaped (&amp; &lt; &gt;) with mentions as <@U123|name>; it renders mrkdwn back.
// Text we show is escaped again: only the user and channel mentions a message names on purpose (Message.mentions)
// stay live, so a display name or a note can never ping anyone, @channel least of all.

const MENTION = /^<@([UW][A-Z0-9]{2,30})(?:\|([^<>]{0,80}))?>$/;
/** `<@U1>`, `<@U1|ana>`, `<#C1|general>`, `<!channel>`, `<!subteam^S1|@team>`: anything Slack might make live. */
const TOKEN = /<([@#!])([^<>|\s]{1,80})(?:\|([^<>]{0,80}))?>/g;
const BROADCASTS = new Set(['channel', 'here', 'everyone']);
const NOBODY: ReadonlySet<string> = new Set();

/** `<@U123|ana>` or `<@U123>` → { ref: 'U123', name }; anything else (a bare `@ana`) → undefined. */
export function readSlackMention(token: string): MemberRef | undefined {
  const match = MENTION.exec(token.trim());
  if (!match) return undefined;
  const [, ref = '', label] = match;
  // Without a label Slack still renders <@U123> as the person's name wherever we show it.
  return { ref, name: label ? unescapeSlack(label) : `<@${ref}>` };
}

export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Escapes &, < and > for mrkdwn. Only the <@U…> and <#C…> mentions whose ids are in `live` stay working; any other
 * mention reads as plain words (`<@U1|ana>` → "@ana", `<!channel>` → "@channel", `<#C1|general>` → "#general") or,
 * without a label, as typed. "@channel", "@here" and "@everyone" as words get a zero-width space, so no client
 * setting can turn them into a ping.
 */
export function escapeMrkdwn(text: string, live: ReadonlySet<string> = NOBODY): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const [whole, sigil = '', id = '', label] = match;
    const kept = sigil !== '!' && live.has(id) ? whole : readable(sigil, id, label);
    if (kept === undefined) continue; // left for plain() below: shown as typed
    out += plain(text.slice(last, match.index)) + kept;
    last = match.index + whole.length;
  }
  return out + plain(text.slice(last));
}

function readable(sigil: string, id: string, label: string | undefined): string | undefined {
  if (sigil === '!') return BROADCASTS.has(id) ? plain(`@${id}`) : undefined;
  return label ? plain(`${sigil}${label}`) : undefined;
}

const plain = (text: string) => escapeAll(text).replace(/@(channel|here|everyone)\b/gi, '@\u200b$1');

/**
 * A time each reader sees in their own zone: `<!date^…^{date_short_pretty} {time}|fallback>`, and the end as
 * `{time}`. The fallback (`value`, "Sat 13 Mar, 19:00–23:00") is split at its dash so each token keeps its half.
 */
export function slackTime(span: TimeSpan, value: string): string {
  const dash = value.indexOf('–');
  const [from, to] = dash === -1 ? [value, ''] : [value.slice(0, dash).trim(), value.slice(dash + 1).trim()];
  const token = (ms: number, format: string, fallback: string) => `<!date^${Math.floor(ms / 1000)}^${format}|${escapeAll(fallback).replace(/\|/g, '/') || '·'}>`;
  const start = token(span.startsAt, '{date_short_pretty} {time}', from);
  return span.endsAt === undefined ? start : `${start}–${token(span.endsAt, '{time}', to)}`;
}

function escapeAll(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts `text` to at most `max` characters at a line or word boundary, marking the cut with "…". */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const at = Math.max(room.lastIndexOf('\n'), room.lastIndexOf(' '));
  return `${(at > max / 2 ? room.slice(0, at) : room).trimEnd()}…`;
}

/** Splits text into pieces of at most `max` characters, at paragraph, line or word boundaries. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const room = rest.slice(0, max + 1);
    let at = room.lastIndexOf('\n\n');
    if (at < max / 2) at = room.lastIndexOf('\n');
    if (at < max / 2) at = room.lastIndexOf(' ');
    if (at <= 0) at = max; // one unbroken word longer than a block: nothing else to do
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}
