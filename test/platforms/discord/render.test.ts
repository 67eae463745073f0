import { describe, expect, it } from 'vitest';
import type { Card, Message } from '../../../src/core/types.ts';
import { LIMITS, renderMessage, splitText } from '../../../src/platforms/discord/render.ts';

const card = (n: number, extra: Partial<Card> = {}): Card => ({
  title: `#${n} · Ana needs a sitter`,
  fields: [{ label: 'When', value: 'Sat 28 Nov, 19:00–23:00' }],
  buttons: [
    { label: 'Volunteer', style: 'primary', action: { command: 'swap', sub: 'volunteer', options: { id: n } } },
    { label: 'Cancel', style: 'danger', action: { command: 'swap', sub: 'cancel', options: { id: n } } },
  ],
  ...extra,
});

function withinLimits(message: Message, prefix?: string) {
  const pages = renderMessage(message, prefix ? { idPrefix: prefix } : {});
  for (const page of pages) {
    expect([...page.content].length).toBeLessThanOrEqual(LIMITS.content);
    expect(page.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
    expect(page.components.length).toBeLessThanOrEqual(LIMITS.rows);
    const ids = page.components.flatMap((r) => r.components.map((c) => c.custom_id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of page.components) expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
    const size = page.embeds.reduce((n, e) => n + [...(e.title ?? '')].length + [...(e.description ?? '')].length + (e.fields ?? []).reduce((m, f) => m + [...f.name].length + [...f.value].length, 0), 0);
    expect(size).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(page.content || page.embeds.length || page.files.length).toBeTruthy();
  }
  return pages;
}

describe('Discord rendering', () => {
  it('a card is an embed with its buttons in a row; button ids are the action codec ids', () => {
    const [page] = withinLimits({ text: 'Ana needs a sitter — can you help?', cards: [card(1, { text: 'bath & bed' })] });
    expect(page?.content).toBe('Ana needs a sitter — can you help?');
    expect(page?.embeds).toEqual([expect.objectContaining({ title: '#1 · Ana needs a sitter', description: 'bath & bed', fields: [{ name: 'When', value: 'Sat 28 Nov, 19:00–23:00', inline: true }] })]);
    expect(page?.components).toEqual([
      { type: 1, components: [
        { type: 2, style: 1, label: 'Volunteer', custom_id: 'swap.volunteer?id=1' },
        { type: 2, style: 4, label: 'Cancel', custom_id: 'swap.cancel?id=1' },
      ] },
    ]);
  });

  it('twenty cards go over several pages; more than five buttons wrap to a new row', () => {
    const pages = withinLimits({ text: 'Open in this co-op:', cards: Array.from({ length: 20 }, (_, i) => card(i + 1)) });
    expect(pages.length).toBe(4);
    expect(pages.flatMap((p) => p.embeds)).toHaveLength(20);
    const many: Card = { title: 'Volunteers', buttons: Array.from({ length: 7 }, (_, i) => ({ label: `Choose ${i}`, action: { command: 'swap', sub: 'choose', options: { id: 1, member: `1234567890123456${i}` } } })) };
    const [page] = withinLimits({ text: '', cards: [many] });
    expect(page?.components.map((r) => r.components.length)).toEqual([5, 2]);
  });

  it('long text is split at line breaks; long fields and titles are shortened; DMs prefix the co-op', () => {
    const text = Array.from({ length: 120 }, (_, i) => `line ${i} ${'x'.repeat(30)}`).join('\n');
    const pages = withinLimits({ text, cards: [card(1, { title: 't'.repeat(400), fields: Array.from({ length: 30 }, () => ({ label: 'l'.repeat(300), value: 'v'.repeat(2000) })) })] }, '123456789012345678/');
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.map((p) => p.content).join('\n')).toBe(text);
    const last = pages.at(-1);
    expect(last?.embeds[0]?.title?.endsWith('…')).toBe(true);
    expect(last?.components[0]?.components[0]?.custom_id).toBe('123456789012345678/swap.volunteer?id=1');
    expect(splitText('a b', 2)).toEqual(['a', 'b']);
  });

  it('only mentions written on purpose may ping, and files ride on the first page', () => {
    const [page] = withinLimits({
      text: '<@123456789012345678> I could not DM you. @everyone',
      mentions: ['123456789012345678'],
      attachments: [{ filename: 'swap.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR' }],
    });
    expect(page?.mentionUsers).toEqual(['123456789012345678']);
    expect(page?.content).toBe('<@123456789012345678> I could not DM you. @\u200beveryone');
    expect(page?.files).toEqual([{ name: 'swap.ics', data: Buffer.from('BEGIN:VCALENDAR') }]);
  });

  it('a mention nobody put there on purpose (a name, a note) is shown as written, in text and in cards', () => {
    const hostile = '<@123456789012345678> <@!223456789012345678> <@&323456789012345678> <#423456789012345678> @here';
    const [page] = withinLimits({ text: `Zed said: ${hostile}`, cards: [card(1, { text: hostile, fields: [{ label: 'Who', value: hostile }] })] });
    const shown = '\\<@123456789012345678> \\<@!223456789012345678> \\<@&323456789012345678> \\<#423456789012345678> @\u200bhere';
    expect(page?.content).toBe(`Zed said: ${shown}`);
    expect(page?.embeds[0]?.description).toBe(shown);
    expect(page?.embeds[0]?.fields?.[0]?.value).toBe(shown);
    expect(page?.mentionUsers).toEqual([]);
    // Named on purpose, yet only a user mention may ping; a role never.
    const [meant] = withinLimits({ text: '<@123456789012345678> <@&323456789012345678>', mentions: ['123456789012345678', '323456789012345678'] });
    expect(meant?.content).toBe('<@123456789012345678> \\<@&323456789012345678>');
    expect(meant?.mentionUsers).toEqual(['123456789012345678']);
  });

  it("a field holding a time shows it in each reader's zone with timestamp markup", () => {
    const startsAt = Date.parse('2026-11-28T19:00:00Z');
    const [page] = withinLimits({ text: '', cards: [card(1, { fields: [{ label: 'When', value: 'Sat 28 Nov, 19:00–23:00', time: { startsAt, endsAt: startsAt + 4 * 3_600_000 } }] })] });
    expect(page?.embeds[0]?.fields?.[0]?.value).toBe(`<t:${startsAt / 1000}:F>–<t:${startsAt / 1000 + 4 * 3600}:t>`);
  });
});
