import { encodeAction } from '../../core/action-codec.ts';
import type { Message } from '../../core/types.ts';

/** Plain-text lines for a message: cards as indented blocks, buttons as [Label](ID) for `:press ID`. */
export function renderLines(message: Message): string[] {
  const lines = message.text.split('\n');
  for (const card of message.cards ?? []) {
    lines.push(`  ${card.title}`);
    if (card.fields?.length) lines.push(`  ${card.fields.map((f) => `${f.label}: ${f.value}`).join(' · ')}`);
    if (card.text) for (const line of card.text.split('\n')) lines.push(`  ${line}`);
    if (card.buttons?.length) lines.push(`  ${card.buttons.map((b) => `[${b.label}](${encodeAction(b.action)})`).join(' ')}`);
  }
  for (const file of message.attachments ?? []) lines.push(`  (file ${file.filename}, ${file.content.length} bytes)`);
  return lines;
}

/** Every line starts with who sees it, so a script can grep one member's view. */
export function withAudience(prefix: string, message: Message, localTime?: string): string {
  const lead = localTime ? `${prefix} ${localTime}` : prefix;
  return renderLines(message)
    .map((line) => `${lead} ${line}`.trimEnd())
    .join('\n');
}
