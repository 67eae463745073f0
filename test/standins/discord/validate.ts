import { DiscordError, asArray, asObject, asObjects, errors } from './http-util.ts';
import type { JsonObject } from './types.ts';

/** Discord's documented limits, so a bot that breaks them fails here as it would in production. */

const IS_COMPONENTS_V2 = 1 << 15;

function length(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

function embedProblems(embeds: JsonObject[], problems: Record<string, string>): void {
  if (embeds.length > 10) problems.embeds = 'Must be 10 or fewer in length.';
  let total = 0;
  embeds.forEach((embed, i) => {
    const limits: [string, unknown, number][] = [
      ['title', embed.title, 256],
      ['description', embed.description, 4096],
      ['footer.text', asObject(embed.footer).text, 2048],
      ['author.name', asObject(embed.author).name, 256],
    ];
    for (const [key, value, max] of limits) {
      total += length(value);
      if (length(value) > max) problems[`embeds.${i}.${key}`] = `Must be ${max} or fewer in length.`;
    }
    const fields = asObjects(embed.fields);
    if (fields.length > 25) problems[`embeds.${i}.fields`] = 'Must be 25 or fewer in length.';
    fields.forEach((field, f) => {
      total += length(field.name) + length(field.value);
      if (length(field.name) > 256) problems[`embeds.${i}.fields.${f}.name`] = 'Must be 256 or fewer in length.';
      if (length(field.value) > 1024) problems[`embeds.${i}.fields.${f}.value`] = 'Must be 1024 or fewer in length.';
    });
  });
  if (total > 6000) problems.embeds = 'Embed size exceeds maximum size of 6000';
}

function componentProblems(rows: JsonObject[], problems: Record<string, string>): void {
  if (rows.length > 5) problems.components = 'Must be 5 or fewer in length.';
  const seen = new Set<string>();
  rows.forEach((row, r) => {
    if (row.type !== 1) {
      problems[`components.${r}.type`] = 'Top-level components must be action rows (set IS_COMPONENTS_V2 otherwise).';
      return;
    }
    const children = asObjects(row.components);
    const buttons = children.filter((c) => c.type === 2).length;
    if (children.length === 0) problems[`components.${r}.components`] = 'Must be between 1 and 5 in length.';
    if (buttons > 5) problems[`components.${r}.components`] = 'Must be 5 or fewer in length.';
    if (buttons > 0 && buttons !== children.length) {
      problems[`components.${r}.components`] = 'An action row holds either buttons or one select menu.';
    }
    if (buttons === 0 && children.length > 1) problems[`components.${r}.components`] = 'Must be 1 or fewer in length.';
    children.forEach((child, c) => {
      const at = `components.${r}.components.${c}`;
      const isLink = child.type === 2 && (child.style === 5 || child.style === 6);
      if (!isLink && (typeof child.custom_id !== 'string' || child.custom_id.length === 0)) {
        problems[`${at}.custom_id`] = 'This field is required';
      }
      if (length(child.custom_id) > 100) problems[`${at}.custom_id`] = 'Must be 100 or fewer in length.';
      if (typeof child.custom_id === 'string') {
        if (seen.has(child.custom_id)) problems[`${at}.custom_id`] = 'Component custom id cannot be duplicated';
        seen.add(child.custom_id);
      }
      if (length(child.label) > 80) problems[`${at}.label`] = 'Must be 80 or fewer in length.';
    });
  });
}

/** Throws the DiscordError Discord would answer for this message create/edit payload. */
export function validateMessage(body: unknown, fileCount: number, creating: boolean): void {
  const message = asObject(body);
  const problems: Record<string, string> = {};
  if (length(message.content) > 2000) problems.content = 'Must be 2000 or fewer in length.';
  if (typeof message.nonce === 'string' && message.nonce.length > 25) problems.nonce = 'Must be 25 or fewer in length.';
  embedProblems(asObjects(message.embeds), problems);
  const flags = typeof message.flags === 'number' ? message.flags : 0;
  if ((flags & IS_COMPONENTS_V2) === 0) componentProblems(asObjects(message.components), problems);
  if (Object.keys(problems).length > 0) throw errors.invalidForm(problems);
  if (!creating) return;
  const hasContent =
    length(message.content) > 0 ||
    asArray(message.embeds).length > 0 ||
    asArray(message.components).length > 0 ||
    asArray(message.sticker_ids).length > 0 ||
    message.poll !== undefined ||
    fileCount > 0;
  if (!hasContent) throw errors.emptyMessage();
}

/** Modal (callback type 9) limits: title ≤ 45, custom_id ≤ 100, 1–5 top-level components. */
export function validateModal(data: unknown): void {
  const modal = asObject(data);
  const problems: Record<string, string> = {};
  if (length(modal.title) === 0 || length(modal.title) > 45) problems['data.title'] = 'Must be between 1 and 45 in length.';
  if (length(modal.custom_id) === 0 || length(modal.custom_id) > 100) {
    problems['data.custom_id'] = 'Must be between 1 and 100 in length.';
  }
  const rows = asArray(modal.components).length;
  if (rows < 1 || rows > 5) problems['data.components'] = 'Must be between 1 and 5 in length.';
  if (Object.keys(problems).length > 0) throw errors.invalidForm(problems);
}

export function isDiscordError(value: unknown): value is DiscordError {
  return value instanceof DiscordError;
}
