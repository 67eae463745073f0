import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness.ts';

describe('dispatcher', () => {
  it('runs a request → volunteer → choose → done cycle and moves the quoted credits', async () => {
    const h = createHarness();
    h.run('Alice', '/coop setup timezone:Europe/London');
    expect(h.run('Alice', '/swap request when:"sat 19:00-23:00" kids:2').text).toContain('6 h');
    h.run('Bob', '/swap volunteer id:1');
    h.run('Alice', '/swap choose id:1 member:@bob');
    h.clock.advance(7 * 86_400_000);
    expect(h.run('Alice', '/swap done id:1').text).toContain('#1 is settled: 6 h of credit went from your family to Bob.');
    expect(h.balanceOf('Alice')).toBe(300 - 360);
    expect(h.balanceOf('Bob')).toBe(300 + 360);
    await h.deliver();
    expect(h.sent.some((n) => n.destination.kind === 'dm' && n.destination.memberName === 'Bob' && n.message.text.includes('chose you'))).toBe(true);
  });

  it('answers a re-delivered invocation once, with the first answer', () => {
    const h = createHarness();
    const invocation = {
      platform: 'console' as const,
      coopRef: 'console',
      member: { ref: 'alice', name: 'Alice' },
      isPlatformAdmin: false,
      command: 'swap',
      sub: 'request',
      options: { when: 'sat 19:00-23:00' },
      idempotencyKey: 'same-key',
    };
    const first = h.dispatcher.dispatch(invocation);
    const second = h.dispatcher.dispatch(invocation);
    expect(second).toEqual(first);
    expect(h.run('Alice', '/swap list show:mine').cards).toHaveLength(1);
  });

  it('refuses privately and leaves nothing behind', () => {
    const h = createHarness();
    h.run('Alice', '/help');
    const before = h.balanceOf('Alice');
    const reply = h.run('Alice', '/credits give member:@nobody amount:1');
    expect(reply.visibility).toBe('private');
    expect(reply.text).toMatch(/hasn't used Breather/);
    expect(h.balanceOf('Alice')).toBe(before);
    expect(h.store.coops.find('console', 'console')).toBeDefined();
  });

  it("reads when: in the member's platform profile timezone until they set one", () => {
    const h = createHarness();
    const base = {
      platform: 'console' as const,
      coopRef: 'console',
      member: { ref: 'olu', name: 'Olu' },
      memberTimezone: 'America/New_York',
      isPlatformAdmin: false,
      command: 'swap',
      sub: 'request',
    };
    h.dispatcher.dispatch({ ...base, options: { when: 'sat 19:00-23:00' }, idempotencyKey: 'k1' });
    const coop = h.store.coops.find('console', 'console')!;
    expect(new Date(h.store.swaps.findByNumber(coop.id, 1)!.startsAt).toISOString()).toBe('2026-11-29T00:00:00.000Z');
    h.dispatcher.dispatch({ ...base, command: 'profile', sub: '', options: { timezone: 'Europe/London' }, idempotencyKey: 'k2' });
    h.dispatcher.dispatch({ ...base, options: { when: 'sat 19:00-23:00' }, idempotencyKey: 'k3' });
    expect(new Date(h.store.swaps.findByNumber(coop.id, 2)!.startsAt).toISOString()).toBe('2026-11-28T19:00:00.000Z');
  });

  it('names the option a refusal is about, so forms can show it by the field', () => {
    const h = createHarness();
    expect(h.run('Alice', '/swap request when:yesterday').refusal).toEqual({ option: 'when', code: 'bad_option' });
    expect(h.run('Alice', '/swap request when:"sat 19:00-23:00" kids:99').refusal).toEqual({ option: 'kids', code: 'bad_option' });
    expect(h.run('Alice', '/swap request when:"sat 19:00-23:00"').refusal).toBeUndefined();
  });
});
