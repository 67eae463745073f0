import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { defineCommand, subcommand } from '../../src/app/command.ts';
import { Dispatcher } from '../../src/app/dispatcher.ts';
import { APOLOGY } from '../../src/messages/errors.ts';
import { createHarness, silentLog } from '../support/harness.ts';

// Commands that change nothing write nothing: no idempotency row, no transaction to commit (so no wait for the disk),
// and a write, if one tries, fails the command and is rolled back. The first command of a new member still joins them (starting credits).

type Harness = ReturnType<typeof createHarness>;

/** Rows changed by this connection since it opened: unchanged means nothing was written. */
const changes = (h: Harness) => h.store.db.prepare<[], { n: number }>('SELECT total_changes() AS n').get()?.n ?? 0;
const count = (h: Harness, table: string) => h.store.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;

async function coopWithHistory(): Promise<Harness> {
  const h = createHarness({ start: '2027-03-03T12:00:00Z' });
  h.run('Alice', '/help'); // the first member of a console co-op is its admin
  h.run('Bob', '/help');
  h.run('Alice', '/swap request when:"sat 19:00-23:00"');
  h.run('Bob', '/swap volunteer id:1');
  h.run('Alice', '/swap choose id:1 member:@Bob');
  await h.deliver();
  return h;
}

const READS = [
  '/credits balance',
  '/credits history',
  '/credits balance member:@Bob',
  '/swap list',
  '/swap list show:mine',
  '/swap quote when:"sun 10:00-12:00" kids:2',
  '/swap length id:1',
  '/break stats',
  '/coop report',
  '/coop rules',
  '/profile',
  '/help',
  '/help swap',
];

describe('read-only commands', () => {
  it.each(READS)('%s answers and writes nothing', async (line) => {
    const h = await coopWithHistory();
    const before = { changes: changes(h), invocations: count(h, 'invocations') };
    const reply = h.run('Alice', line);
    expect(reply.text).not.toBe(APOLOGY);
    expect(reply.refusal).toBeUndefined();
    expect({ changes: changes(h), invocations: count(h, 'invocations') }).toEqual(before);
  });

  it('answers a repeated delivery again, the same way', async () => {
    const h = await coopWithHistory();
    const invocation = { platform: 'console' as const, coopRef: 'console', member: { ref: 'alice', name: 'Alice' }, isPlatformAdmin: false, command: 'credits', sub: 'balance', options: {}, idempotencyKey: 'twice' };
    const first = h.dispatcher.dispatch(invocation);
    expect(h.dispatcher.dispatch(invocation)).toEqual(first);
    expect(first.text).toMatch(/^You have 5 h/);
  });

  it("joins a member met for the first time (starting credits), then writes nothing on the next one", async () => {
    const h = await coopWithHistory();
    const invocations = count(h, 'invocations');
    const first = h.run('Carol', '/credits balance');
    expect(first.text).toMatch(/^You have 5 h/);
    expect(h.balanceOf('Carol')).toBe(300);
    expect(count(h, 'invocations')).toBe(invocations);
    const before = changes(h);
    h.run('Carol', '/credits balance');
    expect(changes(h)).toBe(before);
  });

  it('still keeps a changed display name or a newly offered channel (a write, once)', async () => {
    const h = await coopWithHistory();
    const renamed = h.dispatcher.dispatch({ platform: 'console', coopRef: 'console', member: { ref: 'bob', name: 'Robert' }, isPlatformAdmin: false, command: 'credits', sub: 'balance', options: {}, idempotencyKey: 'rename' });
    expect(renamed.text).toMatch(/^You have/);
    const coop = h.store.coops.find('console', 'console')!;
    expect(h.store.members.find(coop.id, 'bob')?.displayName).toBe('Robert');
  });

  it('changes something when given something to change: /coop rules with a value is a write', async () => {
    const h = await coopWithHistory();
    const before = count(h, 'invocations');
    expect(h.run('Alice', '/coop rules name:cap value:30').text).toMatch(/^`cap` is now/);
    expect(count(h, 'invocations')).toBe(before + 1);
    expect(h.run('Alice', '/profile quiet:off').text).toMatch(/^Saved/);
    expect(count(h, 'invocations')).toBe(before + 2);
    // Every /profile option writes: the "Quiet for a week" button, ending the pause, the sitter's updates.
    expect(h.run('Alice', '/profile pause:week').text).toMatch(/^Paused until/);
    expect(h.run('Alice', '/profile pause:off').text).toMatch(/^Welcome back/);
    expect(h.run('Alice', '/profile updates:anytime').text).not.toMatch(/^Sorry/);
    expect(count(h, 'invocations')).toBe(before + 5);
  });

  it('refuses, with the apology and nothing written, a read-only command that tries to write', async () => {
    const h = await coopWithHistory();
    const sneaky = defineCommand({
      name: 'sneaky',
      description: 'reads, it says',
      subcommands: { '': subcommand({ description: 'x', readOnly: true, options: {}, run: (ctx) => (ctx.post({ text: 'oops' }), { visibility: 'private', text: 'done' }) }) },
    });
    const dispatcher = new Dispatcher({ store: h.store, clock: h.clock, log: silentLog, commands: [...commands, sneaky], defaultTimezone: 'Europe/London' });
    const outbox = count(h, 'outbox');
    const reply = dispatcher.dispatch({ platform: 'console', coopRef: 'console', member: { ref: 'alice', name: 'Alice' }, isPlatformAdmin: false, command: 'sneaky', sub: '', options: {}, idempotencyKey: 'x' });
    expect(reply.text).toBe(APOLOGY);
    expect(count(h, 'outbox')).toBe(outbox);
    // The connection is writable again afterwards.
    expect(h.run('Alice', '/credits give member:@Bob amount:0.5').text).not.toBe(APOLOGY);
  });
});
