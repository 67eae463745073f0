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
      'This week in the co-op: 3 parents took a break, 1 sit done, 3 h of credit traded. 1 offer is open — `/swap list` to book one. Time out is money in the sanity bank.',
    );
    for (const name of ['Alice', 'Bob', 'Carol', 'Dave', 'Eve', 'Finn']) expect(digest?.message.text).not.toContain(name);
    expect(digest?.message.text).not.toMatch(/balance|-\d/);

    // a quiet week posts nothing; the next digest counts only its own week
    await w.advanceUntil('2027-03-15T12:00:00Z');
    const digests = () => w.posts().filter((n) => /^(This week in the co-op|A quiet week in the co-op)/.test(n.message.text));
    expect(digests()[1]?.message.text).toBe('A quiet week in the co-op. 1 offer is open — `/swap list` to book one. Time out is money in the sanity bank.');
    await w.advanceUntil('2027-03-29T12:00:00Z');
    expect(digests()).toHaveLength(2);
  });

  it('says "a few" when so few took a break that a number could point at someone', async () => {
    const w = createWorld({ start: '2027-03-02T09:00:00Z' });
    await w.say('Alice', '/coop setup timezone:Europe/London checkin:"sun 19:00"');
    for (const name of ['Alice', 'Bob', 'Carol']) await w.say(name, '/profile timezone:Europe/London quiet:off');
    await w.say('Bob', '/break log');
    await w.say('Carol', '/break log');
    await w.advanceUntil('2027-03-08T10:00:00Z');
    const [digest] = w.posts().filter((n) => n.message.text.startsWith('This week in the co-op'));
    expect(digest?.message.text).toMatch(/^This week in the co-op: a few parents took a break\. Nothing is on offer yet/);
    expect(digest?.message.text).not.toMatch(/\b[12] parents?\b/);
  });

  it('has an off switch for admins, on the digest itself and in /coop setup', async () => {
    const w = createWorld({ start: '2027-03-02T09:00:00Z' });
    await w.say('Alice', '/coop setup timezone:Europe/London checkin:"sun 19:00"');
    await w.say('Bob', '/break log');
    await w.advanceUntil('2027-03-08T10:00:00Z');
    const [digest] = w.posts().filter((n) => n.message.text.startsWith('This week in the co-op'));
    const off = digest?.message.cards?.flatMap((c) => c.buttons ?? []).find((b) => b.label === 'Turn this summary off');
    expect(off?.action).toEqual({ command: 'coop', sub: 'setup', options: { timezone: 'Europe/London', digest: 'off' } });
    // Bob is not an admin: pressing it changes nothing.
    expect(w.press('Bob', off!.action).text).toContain('Only co-op admins');
    expect(w.store.coops.find('console', 'console')?.digestOn).toBe(true);
    expect(w.press('Alice', off!.action).text).toContain('The weekly summary in the channel is off');
    await w.say('Bob', '/break log');
    await w.advanceUntil('2027-03-22T12:00:00Z');
    expect(w.posts().filter((n) => /in the co-op/.test(n.message.text))).toHaveLength(1);
    expect(w.run('Alice', '/coop setup timezone:Europe/London digest:on').text).toContain('The weekly summary in the channel is on');
    await w.say('Bob', '/break log');
    await w.advanceUntil('2027-03-29T12:00:00Z');
    expect(w.posts().filter((n) => /in the co-op/.test(n.message.text))).toHaveLength(2);
  });
});
