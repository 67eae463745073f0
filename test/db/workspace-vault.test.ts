import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { Notification } from '../../src/core/types.ts';
import { keyFrom, open, seal, SecretBoxError } from '../../src/db/secret-box.ts';
import { WorkspaceVault } from '../../src/db/workspace-vault.ts';
import { OutboxRelay } from '../../src/jobs/outbox-relay.ts';
import { createStore, silentLog } from '../support/harness.ts';

const KEY = randomBytes(32).toString('base64');
const TOKEN = 'xoxb-secret-token-of-team-one';
const record = (team: string, token = TOKEN) => JSON.stringify({ team: { id: team, name: `Team ${team}` }, bot: { token, userId: 'UBOT' } });
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the secret box', () => {
  it('opens what it sealed, and only with the same key and for the same owner', () => {
    const key = keyFrom(KEY);
    const sealed = seal(key, 'hello', 'team:T1');
    expect(sealed).not.toContain('hello');
    expect(open(key, sealed, 'team:T1')).toBe('hello');
    expect(() => open(keyFrom(randomBytes(32).toString('hex')), sealed, 'team:T1')).toThrow(SecretBoxError);
    expect(() => open(key, sealed, 'team:T2')).toThrow(SecretBoxError);
    const [v, nonce, tag, body = ''] = sealed.split('.');
    // One bit of the ciphertext flipped (in the bytes: a changed base64 character may already be the one there).
    const bytes = Buffer.from(body, 'base64url');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const flipped = `${v}.${nonce}.${tag}.${bytes.toString('base64url')}`;
    expect(() => open(key, flipped, 'team:T1')).toThrow(SecretBoxError);
    expect(seal(key, 'hello', 'team:T1')).not.toBe(sealed); // a fresh nonce each time
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => keyFrom('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});

describe('the workspace vault', () => {
  function world() {
    const dir = mkdtempSync(join(tmpdir(), 'breather-vault-'));
    dirs.push(dir);
    const path = join(dir, 'breather.db');
    const store = createStore(path);
    const clock = new ManualClock(Date.parse('2026-11-22T12:00:00Z'));
    return { path, store, clock, vault: new WorkspaceVault(store, KEY, clock, silentLog) };
  }

  it('keeps each installation sealed: the token is nowhere in the database file', () => {
    const { path, store, vault } = world();
    vault.save({ platform: 'slack', teamRef: 'T1', teamName: 'Maple', record: record('T1') });
    expect(vault.find('slack', 'T1')).toBe(record('T1'));
    expect(vault.find('slack', 'T2')).toBeUndefined();
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(path).includes(Buffer.from('secret-token'))).toBe(false);
    // Another key (BREATHER_SECRET_KEY changed) reads nothing rather than garbage.
    expect(new WorkspaceVault(store, randomBytes(32).toString('base64'), new ManualClock(0), silentLog).find('slack', 'T1')).toBeUndefined();
  });

  it('a sealed record moved onto another workspace row does not open', () => {
    const { store, vault } = world();
    vault.save({ platform: 'slack', teamRef: 'T1', record: record('T1') });
    const sealed = store.workspaceInstalls.find('slack', 'T1')?.sealed ?? '';
    store.workspaceInstalls.save({ platform: 'slack', teamRef: 'T2', sealed }, 0);
    expect(vault.find('slack', 'T2')).toBeUndefined();
  });

  it('an uninstall keeps the co-op, marks it inactive and holds its outbox rows; installing again sends them', async () => {
    const { store, clock, vault } = world();
    vault.save({ platform: 'slack', teamRef: 'T1', record: record('T1') });
    const coop = store.coops.create('slack', 'T1', 'Maple', 'Europe/London', clock.now());
    const other = store.coops.create('slack', 'T2', 'Oak', 'Europe/London', clock.now());
    const sent: Notification[] = [];
    const relay = new OutboxRelay(store, clock, silentLog);
    relay.register({ platform: 'slack', send: async (n) => (sent.push(n), { ok: true }) });
    const note = (coopRef: string): Notification => ({ destination: { kind: 'channel', platform: 'slack', coopRef, channelRef: 'C1' }, message: { text: `hi ${coopRef}` } });

    vault.deactivate('slack', 'T1', 'uninstalled');
    expect(vault.find('slack', 'T1')).toBeUndefined();
    expect(store.coopActivity.coopsOf('slack').find((c) => c.id === coop.id)).toMatchObject({ inactiveSince: clock.now(), inactiveReason: 'uninstalled' });
    store.outbox.add({ coopId: coop.id, notification: note('T1'), at: clock.now() });
    store.outbox.add({ coopId: other.id, notification: note('T2'), at: clock.now() });
    await relay.drain();
    expect(sent.map((n) => n.message.text)).toEqual(['hi T2']);
    expect(store.queues.at(clock.now())).toMatchObject({ outboxUnsent: 1 });

    clock.advance(60_000);
    vault.save({ platform: 'slack', teamRef: 'T1', record: record('T1', 'xoxb-new-token') });
    await relay.drain();
    expect(sent.map((n) => n.message.text)).toEqual(['hi T2', 'hi T1']);
    expect(store.coopActivity.coopsOf('slack').find((c) => c.id === coop.id)?.inactiveSince).toBeNull();
    expect(store.coops.get(coop.id).name).toBe('Maple');
  });
});
