import type { Platform } from '../core/types.ts';
import type { QueueDepths } from '../db/repositories/queue-depths.ts';
import type { Store } from '../db/store.ts';

// What GET /healthz answers: healthy when the database answers and every configured platform is connected. The
// body names states and counts only, never a token, a workspace or a person.

export type PlatformHealth = 'connected' | 'disconnected' | 'starting';

export interface HealthReport {
  ok: boolean;
  database: 'ok' | 'failing';
  platforms: Partial<Record<Platform, PlatformHealth>>;
  queues?: QueueDepths;
  at: string;
}

/** A running platform as health sees it; one that cannot tell counts as connected while it runs. */
export interface PlatformState {
  readonly platform: Platform;
  connected?(): boolean;
}

export function checkHealth(store: Store, expected: readonly Platform[], running: readonly PlatformState[], now: number): HealthReport {
  let queues: QueueDepths | undefined;
  try {
    queues = store.queues.at(now);
  } catch {
    queues = undefined;
  }
  const platforms: Partial<Record<Platform, PlatformHealth>> = {};
  for (const platform of expected) {
    const state = running.find((r) => r.platform === platform);
    platforms[platform] = !state ? 'starting' : (state.connected?.() ?? true) ? 'connected' : 'disconnected';
  }
  const ok = queues !== undefined && Object.values(platforms).every((p) => p === 'connected');
  return { ok, database: queues ? 'ok' : 'failing', platforms, ...(queues ? { queues } : {}), at: new Date(now).toISOString() };
}
