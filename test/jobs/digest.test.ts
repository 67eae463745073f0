import { describe, expect, it } from 'vitest';
import { createWorld } from './world.ts';

describe('the weekly digest', () => {
  it('posts anonymous totals in the co-op channel the morning after check-in day, never names or balances', async () => {
    const w = createWorld({ start: '2027-03-02T09:00:00Z' });
    await w.say('Alice', '/coop setup timezone:Europe/London checkin:"sun 19:00"');
    for (const name of ['Alice', 'Bob', 'Carol', 'Dave', 'Eve', 'Finn']) await w.say(name, '/profile timezone:Europe/London quiet:off');
    await w.say('Carol', '/swap request when:"tue 18:00-21:00"');
    await w.say('Dave', '/swap volunteer id:1');
    await w.say('Carol', '/swap choose id:1 member:@dave');
    await w.say('Eve', '/swap offer when:"2027-03-20 10:00-12:00"');
    await w.say('Alice', '/break log note:"long bath"');
    await w.say('Alice', '/break log'); // two breaks, still one parent
    await w.advanceUntil('2027-03-03T12:00:00Z');
    await w.say('Carol', '/swap done id:1');
    await w.advanceUntil('2027-03-07T20:00:00Z');
    await w.say('Bob', '/checkin answer reply:yes week:2027-03-01');
    await w.advanceUntil('2027-03-08T09:59:00Z');
    expect(w.posts().filter((n) => n.message.text.startsWith('This week in the co-op'))).toHaveLength(0);
    await w.advanceUntil('2027-03-08T10:00:00Z');
    const [digest] = w.posts().filter((n) => n.message.text.startsWith('This week in the co-op'));
    expect(digest?.localTime).toBe('2027-03-08 10:00');
    expect(digest?.message.text).toBe(
      'This week in the co-op: 3 parents took a break, 1 sit done, 3 h traded. 1 offer is open — `/swap list` to book one. Time out is money in the sanity bank.',
    );
    for (const name of ['Alice', 'Bob', 'Carol', 'Dave', 'Eve', 'Finn']) expect(digest?.message.text).not.toContain(name);
    expect(digest?.message.text).not.toMatch(/balance|-\d/);

    // a quiet week posts nothing; the next digest counts only its own week
    await w.advanceUntil('2027-03-15T12:00:00Z');
    const second = w.posts().filter((n) => n.message.text.startsWith('This week in the co-op'))[1];
    expect(second?.message.text).toContain('0 parents took a break, 0 sits done, 0 h traded. 1 offer is open');
    await w.advanceUntil('2027-03-29T12:00:00Z');
    expect(w.posts().filter((n) => n.message.text.startsWith('This week in the co-op'))).toHaveLength(2);
  });
});
