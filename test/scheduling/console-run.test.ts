import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { readLines, runConsole, type Shown } from './console-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'breather-console-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const checkins = (shown: Shown[], name: string) =>
  shown.filter((s) => s.audience === `DM → ${name}` && s.text.startsWith(`Hi ${name} — did you take a break this week?`)).map((s) => s.localTime);
const digests = (shown: Shown[]) => shown.filter((s) => s.audience === '#general' && /^(This week|A quiet week) in the co-op/.test(s.text));
const at = (dates: string[], time: string) => dates.map((d) => `2027-${d} ${time}`);

describe('a scripted console run over six weeks across both DST changes', () => {
  it('sends every check-in at 19:00 local on Sunday in two timezones, obeys pause/resume/off/on and quiet hours, and digests anonymously', async () => {
    const script = [
      ':as Alice',
      '/coop setup timezone:Europe/London checkin:"sun 19:00"',
      '/profile timezone:Europe/London',
      '/break log note:"walk by the river"',
      ':as Bob',
      '/profile timezone:America/New_York',
      '/swap offer when:"wed 18:00-21:00"',
      ':as Carol',
      '/profile timezone:Europe/London',
      '/checkin pause until:2027-03-15',
      ':as Dave',
      '/profile timezone:America/New_York',
      '/checkin off',
      '/swap offer when:"2027-04-20 10:00-12:00"',
      ':as Erin',
      '/profile timezone:Europe/London quiet:"18:00-09:00"',
      '/break log',
      ':as Frank',
      '/profile timezone:Europe/London',
      '/checkin pause until:2027-04-30',
      ':as Alice',
      '/swap book id:1',
      ':advance 3d',
      '/swap done id:1',
      ':advance 4d',
      ':advance 7d',
      ':advance 7d',
      ':as Dave',
      '/checkin on',
      ':advance 1d',
      ':as Frank',
      '/checkin resume',
      ':advance 6d',
      ':advance 7d',
      ':advance 7d',
      ':now',
    ];
    const { stdout, code } = await runConsole(join(dir, 'six-weeks.db'), '2027-03-01T12:00Z', script);
    expect(code).toBe(0);
    const shown = readLines(stdout);
    expect(shown.at(-1)?.text).toBe('It is 2027-04-12 13:00 Europe/London.');

    const sundays = ['03-07', '03-14', '03-21', '03-28', '04-04', '04-11'];
    expect(checkins(shown, 'Alice')).toEqual(at(sundays, '19:00')); // London moves on 28 March
    expect(checkins(shown, 'Bob')).toEqual(at(sundays, '19:00')); // New York moves on 14 March
    expect(checkins(shown, 'Carol')).toEqual(at(['03-21', '03-28', '04-04', '04-11'], '19:00')); // paused until 15 March
    expect(checkins(shown, 'Dave')).toEqual(at(['03-28', '04-04', '04-11'], '19:00')); // off, then on on 22 March
    expect(checkins(shown, 'Frank')).toEqual(at(['03-28', '04-04', '04-11'], '19:00')); // paused, resumed on 23 March
    // Erin's quiet hours run 18:00–09:00: her check-in waits for the morning.
    expect(checkins(shown, 'Erin')).toEqual(at(['03-08', '03-15', '03-22', '03-29', '04-05', '04-12'], '09:00'));

    // The default quiet hours hold Alice's completion prompt (the sit ended 02:00 her time) until 08:00.
    const prompt = shown.find((s) => s.audience === 'DM → Alice' && s.text.startsWith('How did #1 with Bob go?'));
    expect(prompt?.localTime).toBe('2027-03-04 08:00');
    // Bob's reminders are his local times, one day and two hours before his Wednesday 18:00.
    const reminders = shown.filter((s) => s.audience === 'DM → Bob' && /^(Tomorrow|In 2 hours):/.test(s.text)).map((s) => s.localTime);
    expect(reminders).toEqual(['2027-03-02 18:00', '2027-03-03 16:00']);

    const posted = digests(shown);
    expect(posted[0]?.localTime).toBe('2027-03-08 10:00');
    expect(posted[0]?.text).toBe(
      'This week in the co-op: a few parents took a break, 1 sit done, 3 h of credit traded. 1 offer is open — `/swap list` to book one. Time out is money in the sanity bank.',
    );
    expect(posted.map((p) => p.localTime)).toEqual(at(['03-08', '03-15', '03-22', '03-29', '04-05', '04-12'], '10:00'));
    for (const p of posted) expect(p.text).not.toMatch(/Alice|Bob|Carol|Dave|Erin|Frank/);
    // nothing unprompted beyond two a week for anyone
    for (const name of ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank']) {
      const byWeek = new Map<string, number>();
      for (const s of shown) {
        if (s.audience !== `DM → ${name}` || !s.localTime || !/did you take a break|banked|Just between us/.test(s.text)) continue;
        const week = Math.floor((Date.parse(`${s.localTime.slice(0, 10)}T00:00:00Z`) - Date.parse('2027-03-01T00:00:00Z')) / (7 * 86_400_000));
        byWeek.set(String(week), (byWeek.get(String(week)) ?? 0) + 1);
      }
      for (const n of byWeek.values()) expect(n).toBeLessThanOrEqual(2);
    }
  });
});

describe('restarts', () => {
  it('delivers a check-in claimed before a stop once after the restart, and no second one that week', async () => {
    const db = join(dir, 'restart.db');
    const first = await runConsole(db, '2027-03-07T18:00Z', [':as Alice', '/profile timezone:Europe/London', ':advance 1h']);
    expect(checkins(readLines(first.stdout), 'Alice')).toEqual(['2027-03-07 19:00']);
    // The state a stop between claim and delivery leaves: the job is done, its outbox row not yet delivered.
    const raw = new Database(db);
    const reset = raw
      .prepare("UPDATE outbox SET status = 'pending', sent_at = NULL WHERE message LIKE '%did you take a break%'")
      .run();
    const job = raw.prepare<[number], { status: string }>("SELECT status FROM jobs WHERE kind = 'checkin' AND due_at = ?").get(Date.parse('2027-03-07T19:00:00Z'));
    raw.close();
    expect(reset.changes).toBe(1);
    expect(job?.status).toBe('done');

    const second = await runConsole(db, '2027-03-07T19:05Z', [':as Alice', '/checkin time when:"sun 21:30"', ':advance 6d', ':advance 1d14h']);
    const shown = readLines(second.stdout);
    // the first line of output is the redelivery, before any command
    expect(shown[0]?.text).toContain('Hi Alice — did you take a break this week?');
    expect(checkins(shown, 'Alice')).toEqual(['2027-03-07 19:00', '2027-03-15 08:00']); // 21:30 is quiet: next morning
  });

  it('after three days down, sends no burst of stale messages', async () => {
    const db = join(dir, 'downtime.db');
    await runConsole(db, '2027-03-05T12:00Z', [
      ':as Alice',
      '/profile timezone:Europe/London',
      '/break log',
      ':as Bob',
      '/profile timezone:Europe/London',
      '/swap offer when:"2027-03-09 19:00-21:00"',
      ':as Alice',
      '/swap book id:1',
    ]);
    // Back on Tuesday noon: Sunday's check-ins and Monday's digest are stale; the 24 h reminder is still useful.
    const back = await runConsole(db, '2027-03-09T12:00Z', [':now', ':advance 6d']);
    const shown = readLines(back.stdout);
    const beforeNow = shown.slice(0, shown.findIndex((s) => s.text.startsWith('It is 2027-03-09 12:00')));
    const heads = beforeNow.filter((s) => !/^(#1 ·|\[No more|\(file)/.test(s.text));
    expect(heads.map((s) => [s.audience, s.localTime, s.text.slice(0, 12)])).toEqual([
      ['DM → Bob', '2027-03-09 12:00', 'In 7 hours: '],
      ['DM → Alice', '2027-03-09 12:00', 'In 7 hours: '],
    ]);
    expect(checkins(shown, 'Alice')).toEqual(['2027-03-14 19:00']);
    expect(digests(shown).map((d) => d.localTime)).toEqual(['2027-03-15 10:00']);
  });
});
