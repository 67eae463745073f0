import type { MemberRef } from '../../core/types.ts';

// Slack sends typed text HTML-escaped (&amp; &lt; &gt;) with mentions as <@U123|name>; it renders mrkdwn back.
// Text we show is escaped again, except real user and channel mentions, so a note can never ping @channel.

const MENTION = /^<@([UW][A-Z0-9]{2,30})(?:\|([^<>]{0,80}))?>$/;
const SAFE_TOKEN = /<[@#][A-Z0-9]{2,30}(?:\|[^<>]{0,80})?>/g;

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

/** Escapes &, < and > for mrkdwn, keeping <@U…> and <#C…> mentions working. */
export function escapeMrkdwn(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(SAFE_TOKEN)) {
    out += escapeAll(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeAll(text.slice(last));
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
