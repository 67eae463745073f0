import { describe, expect, it } from 'vitest';
import { createHarness } from '../../support/harness.ts';

describe('/coop report', () => {
  it('gives admins every balance and a CSV that spreadsheets cannot run as formulas', () => {
    const h = createHarness();
    h.run('Alice', '/help');
    h.run('Bob', '/help');
    h.run('Alice', '/credits adjust member:@alice amount:+2 reason:earned');
    h.run('Alice', '/credits give member:@bob amount:2');
    h.run('Alice', '/coop admin add member:@bob');
    const reply = h.run('Alice', '/coop report');
    expect(reply.text).toContain('Bob: 7 h');
    expect(reply.text).toContain('Alice: 5 h');
    const csv = reply.attachments?.[0]?.content ?? '';
    expect(csv.split('\r\n')[0]).toBe('household,members,balance_hours');
    expect(csv).toContain('Bob,Bob,7');
  });

  it('is for admins only', () => {
    const h = createHarness();
    h.run('Alice', '/help');
    expect(h.run('Bob', '/coop report').text).toMatch(/Only co-op admins/);
  });

  it('never shows another co-op', () => {
    const h = createHarness();
    h.run('Alice', '/help', 'coop-a');
    h.run('Mallory', '/help', 'coop-b');
    expect(h.run('Mallory', '/coop report', 'coop-b').text).not.toContain('Alice');
  });
});
