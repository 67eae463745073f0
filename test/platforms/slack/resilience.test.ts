// A dropped Socket Mode connection, refused DMs, a co-op with no channel yet, and logs that never hold a secret.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { createLogger } from '../../../src/logger.ts';
import { startSlack } from '../../../src/platforms/slack/index.ts';
import { silentLog } from '../../support/harness.ts';
import type { Notification } from '../../../src/core/types.ts';
import { PEOPLE, startSlackWorld, TEAM, textOf, type SlackWorld } from './world.ts';

let world: SlackWorld;
afterEach(async () => {
  await world.close();
});

const dmTo = (who: keyof typeof PEOPLE, text: string): Notification => ({
  destination: { kind: 'dm', platform: 'slack', coopRef: TEAM, memberRef: PEOPLE[who].id, memberName: PEOPLE[who].real_name },
  message: { text },
});

describe('Slack adapter resilience', () => {
  it('reconnects after a dropped Socket Mode connection and keeps answering', async () => {
    world = await startSlackWorld('socket', { clientPingTimeout: 100 });
    await world.standin.socket.dropConnection();
    expect(textOf(await world.ask('ben', '/credits', 'balance'))).toContain('5 h');
    expect(world.standin.socket.connectionsOpened).toBe(2);
  });

  it('reports a refused DM as permanent and an outage as transient', async () => {
    world = await startSlackWorld('http');
    world.standin.faults.error('conversations.open', 'user_not_found', { times: 1 });
    expect(await world.adapter.messenger.send(dmTo('ben', 'hello'))).toEqual({ ok: false, permanent: true, error: 'user_not_found' });
    world.standin.faults.error('chat.postMessage', 'internal_error', { times: 1 });
    expect(await world.adapter.messenger.send(dmTo('ben', 'hello'))).toMatchObject({ ok: false, permanent: false });
    expect(await world.adapter.messenger.send(dmTo('ben', 'hello'))).toEqual({ ok: true, dmChannel: 'D0BEN' }); // kept by the relay
    expect(world.standin.callsOf('conversations.open').filter((c) => c.status === 200 && c.response.ok)).toHaveLength(1); // cached
  });

  it('holds channel posts of a co-op with no channel until it is used somewhere', async () => {
    world = await startSlackWorld('http');
    const post: Notification = { destination: { kind: 'channel', platform: 'slack', coopRef: TEAM, channelRef: null }, message: { text: 'hi all' } };
    expect(await world.adapter.messenger.send(post)).toMatchObject({ ok: false, permanent: false, retryAfterMs: 300_000 });
    await world.ask('ben', '/help', '');
    expect(await world.adapter.messenger.send(post)).toEqual({ ok: true });
    expect(world.standin.callsOf('chat.postMessage').filter((c) => c.body.channel === 'C0GENERAL').map((c) => c.body.text)).toEqual(['hi all']);
  });

  it('never logs a token or the signing secret, even at trace level and on failures', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    for (const mode of ['socket', 'http'] as const) {
      world = await startSlackWorld(mode, { log: createLogger('trace', sink) });
      world.standin.faults.error('chat.postMessage', 'invalid_auth', { times: 1 });
      world.standin.faults.error('users.info', 'ratelimited', { times: 1 });
      await world.ask('ana', '/swap', 'offer when:"sat 10:00-12:00"');
      await world.relay.drain();
      await world.command('ana', '/credits', 'balance', mode === 'http' ? { signing: { badSignature: true } } : {});
      await world.close();
    }
    world = await startSlackWorld('http');
    const { identity } = world.standin;
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(1000);
    for (const secret of [identity.botToken, identity.appToken, identity.signingSecret, 'xoxb-', 'xapp-']) expect(all).not.toContain(secret);
  });
});

describe('Slack start-up', () => {
  it('fails to start with a wrong bot token, saying why and without the token', async () => {
    world = await startSlackWorld('http');
    const { standin } = world;
    const starting = startSlack({
      config: { botToken: 'xoxb-wrong', signingSecret: 's', apiUrl: standin.apiUrl, port: 0 },
      dispatcher: world.dispatcher,
      log: silentLog,
      commands,
      tuning: { host: '127.0.0.1', webRetryConfig: { retries: 0 } },
    });
    await expect(starting).rejects.toThrow(/invalid_auth/);
  });
});
