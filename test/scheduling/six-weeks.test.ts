import { beforeAll, describe, expect, it } from 'vitest';
import { UNPROMPTED_PER_WEEK } from '../../src/domain/delivery.ts';
import { checkInvariants } from '../support/invariants.ts';
import { allowedInQuiet, figures, sixWeeks, type SixWeeks } from './six-weeks.ts';

// Issue 11's six-week simulation as a test: six members in three timezones, across both spring clock changes, and
// what each of them received, read from the database as an observer outside the bot would.

describe('six weeks of a co-op, as the members received it', () => {
  let run: SixWeeks;
  beforeAll(async () => {
    run = await sixWeeks();
  }, 120_000);

  it('was a busy co-op: many commands, messages of every kind, and some held back', () => {
    expect(run.commands).toBeGreaterThan(200);
    expect(run.delivered.length).toBeGreaterThan(150);
    expect(run.delivered.some((d) => d.unprompted)).toBe(true);
    expect(run.held.length).toBeGreaterThan(10);
    checkInvariants(run.world.store.db);
  });

  it('sends nothing in a member’s quiet hours but news of a sit starting within three hours', () => {
    const offending = run.delivered.filter((d) => d.quiet && !allowedInQuiet(d, run));
    expect(offending.map((d) => `${d.member} at ${d.local}: ${d.text.slice(0, 80)}`)).toEqual([]);
  });

  it('keeps every member within two unprompted messages a week, and every one of them carries its one-tap control', () => {
    const over = figures(run).filter((f) => f.unprompted > UNPROMPTED_PER_WEEK);
    expect(over).toEqual([]);
    // What the bot counted is exactly what went with the "Quiet for a week" button.
    const shown = new Map<string, number>();
    for (const d of run.delivered.filter((x) => x.unprompted)) shown.set(`${d.member} ${d.week}`, (shown.get(`${d.member} ${d.week}`) ?? 0) + 1);
    expect(shown).toEqual(run.recorded);
  });

  it('delivers every held message once, after quiet hours, unless it became old news first', () => {
    expect(run.world.store.db.prepare('SELECT count(*) FROM held_messages').pluck().get()).toBe(0);
    for (const h of run.held) {
      const carriers = run.delivered.filter((d) => d.member === h.member && d.sentAt >= h.heldAt && d.text.includes(h.text.trim()));
      const expired = h.expiresAt !== null && (carriers[0]?.sentAt ?? Infinity) >= h.expiresAt;
      if (expired) {
        expect(carriers.filter((c) => c.sentAt < (h.expiresAt ?? 0)), `held #${h.id} for ${h.member}`).toEqual([]);
        continue;
      }
      // The same words may be sent again later for another reason (a second gift): the first carrier is the one.
      expect(carriers.length, `held #${h.id} for ${h.member}: "${h.text.slice(0, 60)}"`).toBeGreaterThanOrEqual(1);
      expect(carriers[0]!.quiet && !allowedInQuiet(carriers[0]!, run), `held #${h.id} left in quiet hours`).toBe(false);
    }
  });
});
