import type { TimeSpan } from '../../core/types.ts';

// What in a text may be live on Discord. Only the mentions a message names on purpose (Message.mentions) stay
// mentions: any other `<@id>`, `<@!id>`, `<@&role>` or `<#id>` (a display name, a typed note) is shown as the plain
// characters, and `@everyone` / `@here` never read as a ping even if allowed_mentions were lost on the way.

const MARKUP = /(?<!\\)<(@[!&]?|#)(\d{15,25})>/g; // one already shown as written stays so
const NOBODY: ReadonlySet<string> = new Set();
const BROADCAST = /@(everyone|here)\b/gi;

/** The text with every mention not in `live` shown as written, never as a mention. */
export function safeDiscordText(text: string, live: ReadonlySet<string> = NOBODY): string {
  return text
    .replace(MARKUP, (whole: string, kind: string, id: string) => (kind !== '@&' && live.has(id) ? whole : `\\${whole}`))
    .replace(BROADCAST, (_whole: string, word: string) => `@\u200b${word}`);
}

/** The users a page's content pings: those it mentions on purpose, in the order written, at most 100. */
export function pingedUsers(content: string, live: ReadonlySet<string>): string[] {
  const found = [...content.matchAll(/(?<!\\)<@!?(\d{15,25})>/g)].map((m) => m[1] ?? '').filter((id) => live.has(id));
  return [...new Set(found)].slice(0, 100);
}

/** A time each reader sees in their own zone: `<t:…:F>`, and the end as `<t:…:t>` when there is one. */
export function discordTime(span: TimeSpan): string {
  const at = (ms: number, style: string) => `<t:${Math.floor(ms / 1000)}:${style}>`;
  return span.endsAt === undefined ? at(span.startsAt, 'F') : `${at(span.startsAt, 'F')}–${at(span.endsAt, 't')}`;
}
