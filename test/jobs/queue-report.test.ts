import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startScheduler } from '../../src/jobs/cron.ts';
import { checkHealth } from '../../src/jobs/health.ts';
import { createWorld, HOUR, MINUTE } from './world.ts';

// The hourly queue-depth line comes from the scheduler's tick on its Clock, so a manual clock drives it.

function capture() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, reports: () => lines.filter((l) => l.msg === 'queue depths') };
}

describe('the hourly queue report', () => {
  it('logs jobs due, unsent notifications and the oldest one’s age at start and then once an hour', async () => {
    const w = createWorld();
    const { log, reports } = capture();
    // A notification nobody can deliver (no messenger for Slack here) waits in the outbox.
    const coop = w.store.coops.create('slack', 'T1', 'Maple', 'Europe/London', w.clock.now());
    w.store.outbox.add({ coopId: coop.id, notification: { destination: { kind: 'channel', platform: 'slack', coopRef: 'T1', channelRef: 'C1' }, message: { text: 'hi' } }, at: w.clock.now() });
    const running = startScheduler({ store: w.store, clock: w.clock, log, relay: w.relay, expression: '0 0 1 1 *' });
    await running.tick();
    await running.tick();
    expect(reports()).toHaveLength(1);
    expect(reports()[0]).toMatchObject({ level: 30, jobsDue: 0, outboxUnsent: 1, oldestUnsentMs: 0 });

    w.clock.advance(59 * MINUTE);
    await running.tick();
    expect(reports()).toHaveLength(1);
    w.clock.advance(MINUTE);
    await running.tick();
    expect(reports()).toHaveLength(2);
    expect(reports()[1]).toMatchObject({ outboxUnsent: 1, oldestUnsentMs: HOUR, oldestUnsentMinutes: 60 });
    w.clock.advance(3 * HOUR);
    await running.tick();
    await running.stop();
    expect(reports()).toHaveLength(3);
  });
});

describe('health', () => {
  it('is healthy when the database answers and every configured platform is connected', () => {
    const w = createWorld();
    let connected = true;
    const slack = { platform: 'slack' as const, connected: () => connected };
    expect(checkHealth(w.store, ['slack'], [slack], w.clock.now())).toMatchObject({ ok: true, database: 'ok', platforms: { slack: 'connected' } });
    connected = false;
    expect(checkHealth(w.store, ['slack'], [slack], w.clock.now())).toMatchObject({ ok: false, platforms: { slack: 'disconnected' } });
    expect(checkHealth(w.store, ['discord', 'slack'], [{ platform: 'slack' }], w.clock.now())).toMatchObject({ ok: false, platforms: { discord: 'starting', slack: 'connected' } });
    w.store.db.close();
    expect(checkHealth(w.store, ['slack'], [{ platform: 'slack' }], w.clock.now())).toMatchObject({ ok: false, database: 'failing' });
  });
});
