import { describe, expect, it } from 'vitest';
import { buildSwapCalendar } from '../../src/domain/calendar.ts';
import { jsonRedactor, REMOVED_NOTE, searchTerms, textRedactor, type Secrets } from '../../src/domain/redaction.ts';

const secrets: Secrets = { name: 'Zoe Quill', ref: { from: 'U0ZOEQ1', to: 'forgotten:7' }, notes: ['pickles on Tuesdays', 'ok'] };

describe('redaction of text that stays after /privacy forget', () => {
  it('replaces the name as a whole word in any case, the platform id, and notes of four characters or more', () => {
    const redact = textRedactor(secrets);
    expect(redact('zoe quill chose you; ZOE QUILL said "pickles on Tuesdays". <@U0ZOEQ1> ok')).toBe(
      `a former member chose you; a former member said "${REMOVED_NOTE}". <@forgotten:7> ok`,
    );
    expect(redact('Zoe Quillson is someone else')).toBe('Zoe Quillson is someone else');
  });

  it('replaces a short platform id (a console name) only as a whole word', () => {
    const redact = textRedactor({ name: 'Al', ref: { from: 'al', to: 'forgotten:3' }, notes: [] });
    expect(redact('Also al and Al, but not Alice')).toBe('Also forgotten:3 and a former member, but not Alice');
  });

  it('redacts every string of a JSON message, buttons included, and keeps it JSON', () => {
    const message = {
      text: 'Zoe Quill volunteered',
      cards: [{ title: 'Volunteers', buttons: [{ label: 'Choose Zoe Quill', action: { command: 'swap', sub: 'choose', options: { id: 1, member: 'U0ZOEQ1' } } }] }],
    };
    const out = JSON.parse(jsonRedactor(secrets)(JSON.stringify(message))) as typeof message;
    expect(out.text).toBe('a former member volunteered');
    expect(out.cards[0]?.buttons[0]).toEqual({ label: 'Choose a former member', action: { command: 'swap', sub: 'choose', options: { id: 1, member: 'forgotten:7' } } });
  });

  it('unfolds a calendar file before redacting it, so a name split by folding is still found', () => {
    const summary = `Babysitting #12 with a rather long description: Ben Sitter sits for Zoe Quill and family`;
    const content = buildSwapCalendar({ uid: 'swap-12@breather.local', sequence: 0, startsAt: 0, endsAt: 3_600_000, summary, description: 'pickles on Tuesdays', now: 0 });
    expect(content.replace(/\r\n /g, '')).toContain('Zoe Quill');
    const out = JSON.parse(jsonRedactor(secrets)(JSON.stringify({ attachments: [{ content }] }))) as { attachments: { content: string }[] };
    const redacted = out.attachments[0]!.content;
    expect(redacted.replace(/\r\n /g, '')).not.toMatch(/Zoe|Quill|pickles/);
    expect(redacted.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
  });

  it('searches for notes as JSON and iCalendar write them too', () => {
    const terms = searchTerms({ ...secrets, notes: ['say "hi", then\nleave'] });
    expect(terms).toEqual(expect.arrayContaining(['Zoe Quill', 'U0ZOEQ1', 'say \\"hi\\", then\\nleave', 'say "hi"\\, then\\nleave']));
  });
});

describe('a remembered /privacy export', () => {
  it('is emptied when it holds their platform id, and left alone when it is someone else’s', () => {
    const theirs = { text: 'Here is everything', attachments: [{ filename: 'breather-export.json', contentType: 'application/json', content: '{"platformUserId":"U0ZOEQ1","timezone":"Pacific/Auckland"}' }] };
    const others = { text: 'Here is everything', attachments: [{ filename: 'breather-export.json', contentType: 'application/json', content: '{"platformUserId":"U0BEN42","partner":"Zoe Quill"}' }] };
    const redact = jsonRedactor(secrets);
    expect((JSON.parse(redact(JSON.stringify(theirs))) as typeof theirs).attachments[0]?.content).toBe('');
    expect((JSON.parse(redact(JSON.stringify(others))) as typeof others).attachments[0]?.content).toBe('{"platformUserId":"U0BEN42","partner":"a former member"}');
  });

  it('is redacted string by string when it is someone else’s: a name or a note on a line of its own goes, the layout stays', () => {
    const card = 'Children: Milo, 4\nBedtime: pickles on Tuesdays';
    const data = { messages: [{ text: 'While you were away:\n\nZoe Quill updated your card.' }], card: { text: card, writtenBy: 'Zoe Quill' } };
    const content = `${JSON.stringify(data, null, 2)}\n`;
    const others = { text: 'Here is everything', attachments: [{ filename: 'breather-export.json', contentType: 'application/json', content }] };
    const redact = jsonRedactor({ ...secrets, notes: [card] });
    const out = (JSON.parse(redact(JSON.stringify(others))) as typeof others).attachments[0]?.content ?? '';
    expect(out).toBe(`${JSON.stringify({ messages: [{ text: 'While you were away:\n\na former member updated your card.' }], card: { text: REMOVED_NOTE, writtenBy: 'a former member' } }, null, 2)}\n`);
    // Nothing of hers in it: the same file comes back unchanged, byte for byte.
    const untouched = JSON.stringify({ ...others, attachments: [{ ...others.attachments[0], content: out }] });
    expect(redact(untouched)).toBe(untouched);
  });

  it('is searched for a note as JSON writes it inside the answer: escaped twice', () => {
    const note = 'Children: Milo, 4\nBedtime: "whale songs"';
    const stored = JSON.stringify({ attachments: [{ content: JSON.stringify({ card: note }) }] });
    const terms = searchTerms({ ...secrets, notes: [note] });
    expect(terms.some((t) => stored.includes(t))).toBe(true);
    expect(terms.filter((t) => t !== note && stored.includes(t))).toEqual([JSON.stringify(JSON.stringify(note).slice(1, -1)).slice(1, -1)]);
  });
});
