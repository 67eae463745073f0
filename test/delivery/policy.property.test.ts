import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/types.ts';
import { sendToMember } from '../../src/delivery/member-messages.ts';
import { SIT_SOON, UNPROMPTED_PER_WEEK, type Delivery } from '../../src/domain/delivery.ts';
import { quietHoursOf, timezoneOf } from '../../src/domain/members.ts';
import { isQuietAt } from '../../src/domain/quiet-hours.ts';
import { weekKey } from '../../src/domain/weeks.ts';
import { createWorld, HOUR, MINUTE } from '../jobs/world.ts';
import { logDeliveries } from '../support/delivery-log.ts';

// The delivery policy over random schedules: messages of every kind, at random times, to members in random zones
// with random quiet hours, across the spring clock changes, with the real scheduler gathering what was held and
// the real weekly check-ins going out. Whatever the schedule: nothing in quiet hours but answers and sits about to
// start, never more than two unprompted messages in a member's local week, and every held message delivered once,
// after quiet hours, unless it became old news first.

const ZONES = ['Europe/London', 'Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'];
const QUIET = ['21:00-08:00', '22:30-06:30', '13:00-15:00', '20:00-09:00', 'off'];
const NAMES = ['Ana', 'Ben', 'Cat'];

const kind = fc.constantFrom('unprompted', 'optional', 'expiring', 'sit', 'answer', 'update', 'update-anytime', 'sit-news');
const send = fc.record({ gapMinutes: fc.integer({ min: 0, max: 36 * 60 }), who: fc.integer({ min: 0, max: NAMES.length - 1 }), kind, startInHours: fc.integer({ min: -3, max: 60 }) });
const setup = fc.record({ zones: fc.array(fc.constantFrom(...ZONES), { minLength: 3, maxLength: 3 }), quiet: fc.array(fc.constantFrom(...QUIET), { minLength: 3, maxLength: 3 }), start: fc.integer({ min: 0, max: 20 }) });

type Sent = { kind: string; startsAt: number };

function deliveryOf(k: string, startsAt: number): Delivery {
  switch (k) {
    case 'optional':
      return { kind: 'unprompted', optional: true };
    case 'expiring':
      return { kind: 'unprompted', expiresAt: startsAt };
    case 'sit':
      return { kind: 'sit', startsAt };
    case 'sit-news':
      return { kind: 'unprompted', expiresAt: startsAt, sitStartsAt: startsAt };
    case 'answer':
      return { kind: 'answer' };
    case 'update':
    case 'update-anytime':
      return { kind: 'update', anytime: k === 'update-anytime' };
    default:
      return { kind: 'unprompted' };
  }
}

describe('the delivery policy over random schedules (property)', () => {
  it('keeps quiet hours and the weekly two, and delivers every held message once', async () => {
    await fc.assert(
      fc.asyncProperty(setup, fc.array(send, { minLength: 10, maxLength: 60 }), async (s, sends) => {
        const w = createWorld({ start: new Date(Date.parse('2027-03-08T00:00:00Z') + s.start * 24 * HOUR).toISOString() });
        const db = w.store.db;
        const log = logDeliveries(db);
        await w.say('Ana', '/coop setup timezone:Europe/London');
        for (const [i, name] of NAMES.entries()) {
          await w.say(name, `/profile timezone:${s.zones[i]}`);
          await w.say(name, `/profile quiet:${s.quiet[i] === 'off' ? 'off' : `"${s.quiet[i]}"`}`);
        }
        const coop = w.store.coops.find('console', 'console')!;
        const answeredAt = new Set<string>();
        const sent = new Map<string, Sent>(); // by the tag in the text
        for (const [n, x] of sends.entries()) {
          await w.advanceBy(x.gapMinutes * MINUTE);
          const now = w.clock.now();
          const member = w.store.members.find(coop.id, NAMES[x.who]!.toLowerCase())!;
          const startsAt = now + x.startInHours * HOUR;
          const tag = `[m${n} ${x.kind}]`;
          sent.set(tag, { kind: x.kind, startsAt });
          if (x.kind === 'answer') answeredAt.add(`${member.id}@${now}`);
          w.store.db.transaction(() => sendToMember(w.store, { coop, member, message: { text: tag }, delivery: deliveryOf(x.kind, startsAt), now }))();
          await w.advanceBy(0);
        }
        await w.advanceBy(21 * 24 * HOUR); // three weeks: whatever waits leaves

        const members = new Map(NAMES.map((name) => [name.toLowerCase(), w.store.members.find(coop.id, name.toLowerCase())!]));
        const rows = log.sentDms();
        const perWeek = new Map<string, number>();
        const carried = new Map<string, number>();
        for (const row of rows) {
          const member = members.get((JSON.parse(row.destination) as { memberRef: string }).memberRef)!;
          const message = JSON.parse(row.message) as Message;
          const zone = timezoneOf(member, coop);
          const tags = message.text.match(/\[m\d+ [a-z-]+\]/g) ?? [];
          for (const tag of tags) carried.set(tag, (carried.get(tag) ?? 0) + 1);
          if ((message.cards ?? []).some((c) => c.buttons?.some((b) => b.label === 'Quiet for a week'))) {
            const key = `${member.id} ${weekKey(row.sentAt, zone)}`;
            perWeek.set(key, (perWeek.get(key) ?? 0) + 1);
          }
          if (!isQuietAt(row.sentAt, zone, quietHoursOf(member))) continue;
          // In quiet hours: only an answer, an update the parent allows at any hour, or a sit about to start.
          const own = tags.length === 1 ? sent.get(tags[0]!) : undefined;
          const allowed =
            (own?.kind === 'answer' && answeredAt.has(`${member.id}@${row.sentAt}`)) ||
            own?.kind === 'update-anytime' ||
            ((own?.kind === 'sit' || own?.kind === 'sit-news') && own.startsAt > row.sentAt && own.startsAt - row.sentAt <= SIT_SOON) ||
            message.text.startsWith('Welcome');
          expect(allowed, `sent in quiet hours to ${member.displayName} at ${new Date(row.sentAt).toISOString()}: ${message.text.slice(0, 120)}`).toBe(true);
        }
        for (const [key, n] of perWeek) expect(n, `unprompted in member-week ${key}`).toBeLessThanOrEqual(UNPROMPTED_PER_WEEK);
        // Every message went at most once; every one held went once unless it was old news or optional.
        for (const [tag, n] of carried) expect(n, `${tag} delivered ${n} times`).toBe(1);
        const texts = rows.map((r) => (JSON.parse(r.message) as Message).text);
        for (const h of log.held()) {
          const text = (JSON.parse(h.message) as Message).text;
          if (h.expiresAt !== null) continue;
          if (sent.has(text)) expect(carried.get(text), `${text} held and never delivered`).toBe(1);
          else expect(texts.filter((t) => t.includes(text)).length, `"${text}" held and never delivered`).toBeGreaterThanOrEqual(1); // the world's own (a check-in, the admins' note)
        }
        expect(db.prepare('SELECT count(*) FROM held_messages').pluck().get()).toBe(0);
      }),
      { numRuns: 40, seed: 20270308, endOnFailure: true },
    );
  }, 240_000);
});
