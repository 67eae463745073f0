import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { Dispatcher } from '../../../src/app/dispatcher.ts';
import { ManualClock } from '../../../src/core/clock.ts';
import { CoopActivitySwitch, WorkspaceVault } from '../../../src/db/workspace-vault.ts';
import { checkHealth } from '../../../src/jobs/health.ts';
import { OutboxRelay } from '../../../src/jobs/outbox-relay.ts';
import { startSlack, type SlackAdapter } from '../../../src/platforms/slack/index.ts';
import { startSlackStandin, type Json, type SlackStandin } from '../../standins/slack/index.ts';
import { createStore } from '../../support/harness.ts';

// OAuth mode end to end against the Slack stand-in: two workspaces install Breather through the "Add to Slack" page,
// each is its own co-op served with its own token, a state that does not match gets one clear line, and an
// uninstall keeps the co-op but sends it nothing.

const KEY = randomBytes(32).toString('base64');
const MAPLE = 'T0STANDIN';
const OAK = 'T0OAK';
const ANA = 'U0ANA';
const OLU = 'U0OLU';

interface World {
  standin: SlackStandin;
  adapter: SlackAdapter;
  store: ReturnType<typeof createStore>;
  vault: WorkspaceVault;
  relay: OutboxRelay;
  logs: string[];
  clock: ManualClock;
}

const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    await w.adapter.stop();
    await w.standin.close();
  }
});

async function start(): Promise<World> {
  const standin = await startSlackStandin();
  standin.addTeam({ id: OAK, domain: 'oak-lane', name: 'Oak Lane Parents' });
  standin.addUser({ id: ANA, real_name: 'Ana', tz: 'Europe/London', is_admin: true });
  standin.addUser({ id: OLU, real_name: 'Olu', tz: 'Europe/London', is_admin: true });
  const logs: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const store = createStore();
  const clock = new ManualClock(Date.parse('2026-11-22T12:00:00Z'));
  const vault = new WorkspaceVault(store, KEY, clock, log);
  const relay = new OutboxRelay(store, clock, log);
  const dispatcher = new Dispatcher({ store, clock, log, commands, defaultTimezone: 'Europe/London', onCommitted: () => void relay.drain().catch(() => undefined) });
  const { identity } = standin;
  let adapter: SlackAdapter | undefined;
  adapter = await startSlack({
    config: { apiUrl: standin.apiUrl, port: 0, signingSecret: identity.signingSecret, oauth: { clientId: identity.clientId, clientSecret: identity.clientSecret, stateSecret: 'state-secret-for-tests' } },
    dispatcher,
    log,
    commands,
    tuning: { host: '127.0.0.1', webRetryConfig: { retries: 0 } },
    workspaces: vault,
    health: () => {
      const report = checkHealth(store, ['slack'], adapter ? [adapter] : [], clock.now());
      return { ok: report.ok, body: report };
    },
  });
  relay.register(adapter.messenger);
  standin.setRedirectUri(`${adapter.url?.replace('/slack/events', '/slack/oauth_redirect')}`);
  const w = { standin, adapter, store, vault, relay, logs, clock };
  worlds.push(w);
  return w;
}

/** The whole flow a workspace admin goes through: the install page, Slack's approval, the redirect back. */
async function install(w: World, team: string, tamper?: (state: string) => string): Promise<{ status: number; page: string }> {
  const landing = await fetch(w.adapter.installUrl ?? '');
  expect(landing.status).toBe(200);
  const cookie = (landing.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const href = /href="([^"]+)"/.exec(await landing.text())?.[1]?.replace(/&#38;/g, '&') ?? '';
  expect(href).toContain('/oauth/v2/authorize?');
  const approved = await fetch(`${href}&team=${team}`, { redirect: 'manual' });
  expect(approved.status).toBe(302);
  const back = new URL(approved.headers.get('location') ?? '');
  if (tamper) back.searchParams.set('state', tamper(back.searchParams.get('state') ?? ''));
  const done = await fetch(back, { headers: { cookie } });
  return { status: done.status, page: await done.text() };
}

async function command(w: World, team: string, user: string, text: string): Promise<Json> {
  const payload = w.standin.payloadsFor(team).slashCommand({ command: '/swap', text, user_id: user });
  const sent = await w.standin.http.postSlashCommand(w.adapter.url ?? '', payload);
  expect(sent.status).toBe(200);
  return (await w.standin.waitForCall((c) => c.method === 'response_url' && c.url === payload.response_url)).body;
}

const tokenOf = (w: World, team: string) => w.standin.tokensOf(team).at(-1)?.token ?? '';

describe('many Slack workspaces on one install (OAuth mode)', () => {
  it('installs two workspaces, serves each as its own co-op with its own token, and keeps the tokens sealed', async () => {
    const w = await start();
    expect((await install(w, MAPLE)).page).toContain('Breather is in standin-coop');
    expect((await install(w, OAK)).page).toContain('Breather is in Oak Lane Parents');
    const mapleToken = tokenOf(w, MAPLE);
    const oakToken = tokenOf(w, OAK);
    expect(mapleToken).not.toBe(oakToken);
    expect(w.store.workspaceInstalls.all('slack').map((r) => r.teamRef).sort()).toEqual([OAK, MAPLE]);
    expect(JSON.stringify(w.store.workspaceInstalls.all('slack'))).not.toContain(oakToken);

    expect(JSON.stringify(await command(w, MAPLE, ANA, 'offer sat 19:00-23:00'))).toContain('#1');
    expect(JSON.stringify(await command(w, OAK, OLU, 'list'))).toContain('Nothing is open');
    const maple = w.store.coops.find('slack', MAPLE);
    const oak = w.store.coops.find('slack', OAK);
    expect(maple && oak && maple.id !== oak.id).toBe(true);
    expect(w.store.members.find(oak?.id ?? 0, ANA)).toBeUndefined();

    // Each workspace's lookups and posts went out with that workspace's token.
    const lookups = w.standin.callsOf('users.info');
    expect(lookups.find((c) => c.body.user === OLU)?.token).toBe(oakToken);
    expect(lookups.find((c) => c.body.user === ANA)?.token).toBe(mapleToken);
    // Maple: the offer's post and Ana's welcome; Oak: only Olu's welcome.
    await w.relay.drain();
    const posts = w.standin.callsOf('chat.postMessage');
    expect(posts.filter((c) => c.token === mapleToken)).toHaveLength(2);
    expect(posts.filter((c) => c.token === oakToken).map((c) => c.body.text)).toEqual([expect.stringContaining('Welcome to oak-lane, Olu')]);
    expect(posts).toHaveLength(3);

    const health = await fetch(w.adapter.url?.replace('/slack/events', '/healthz') ?? '');
    expect(health.status).toBe(200);
    const body = await health.text();
    expect(JSON.parse(body)).toMatchObject({ ok: true, database: 'ok', platforms: { slack: 'connected' } });
    for (const secret of [mapleToken, oakToken, w.standin.identity.clientSecret, w.standin.identity.signingSecret, 'state-secret']) {
      expect(body).not.toContain(secret);
      expect(w.logs.join('\n')).not.toContain(secret);
    }
  });

  it('an uninstall keeps the co-op, marked inactive, and sends it nothing; tokens_revoked does the same', async () => {
    const w = await start();
    await install(w, MAPLE);
    await install(w, OAK);
    await command(w, OAK, OLU, 'list');
    await w.relay.drain(); // Olu's welcome goes out while Oak is still installed
    const sentBefore = w.standin.callsOf('chat.postMessage').length;
    const oak = w.store.coops.find('slack', OAK);
    const uninstalled = await w.standin.http.postEvent(w.adapter.url ?? '', w.standin.payloadsFor(OAK).appUninstalled());
    expect(uninstalled.status).toBe(200);
    expect(w.vault.find('slack', OAK)).toBeUndefined();
    expect(w.store.coopActivity.coopsOf('slack').find((c) => c.externalRef === OAK)).toMatchObject({ inactiveReason: 'uninstalled' });

    w.store.outbox.add({ coopId: oak?.id ?? 0, notification: { destination: { kind: 'channel', platform: 'slack', coopRef: OAK, channelRef: 'C0OAK' }, message: { text: 'for Oak' } }, at: w.clock.now() });
    await w.relay.drain();
    expect(w.standin.callsOf('chat.postMessage').slice(sentBefore)).toEqual([]);
    expect(w.store.queues.at(Date.now()).outboxUnsent).toBe(1);
    expect(w.store.coops.get(oak?.id ?? 0).name).toBeTruthy();

    await command(w, MAPLE, ANA, 'list');
    await w.relay.drain(); // and Ana's, before Maple revokes its tokens
    await w.standin.http.postEvent(w.adapter.url ?? '', w.standin.payloadsFor(MAPLE).tokensRevoked());
    expect(w.store.coopActivity.coopsOf('slack').find((c) => c.externalRef === MAPLE)).toMatchObject({ inactiveReason: 'tokens_revoked' });

    // Installing again brings Oak back, and what waited (less than a week) is sent with the new token.
    await install(w, OAK);
    await w.relay.drain();
    expect(w.standin.callsOf('chat.postMessage').slice(sentBefore + 1).map((c) => [c.body.text, c.token])).toEqual([['for Oak', tokenOf(w, OAK)]]);
  });

  it('a state that does not match gets one clear line, and nothing is installed', async () => {
    const w = await start();
    const refused = await install(w, OAK, (state) => `${state}x`);
    expect(refused.status).toBe(400);
    expect(refused.page).toContain('This install link does not match this browser');
    expect(w.store.workspaceInstalls.all('slack')).toEqual([]);
    expect(w.standin.callsOf('oauth.v2.access')).toEqual([]);
    expect(w.logs.filter((l) => l.includes('does not match this browser'))).toHaveLength(1);
  });
});

describe('one workspace with SLACK_BOT_TOKEN', () => {
  it('an uninstall marks its co-op inactive; a start with a working token makes it active again', async () => {
    const standin = await startSlackStandin();
    standin.addUser({ id: ANA, real_name: 'Ana', tz: 'Europe/London', is_admin: true });
    const store = createStore();
    const clock = new ManualClock(Date.parse('2026-11-22T12:00:00Z'));
    const activity = new CoopActivitySwitch(store, clock, pino({ level: 'silent' }));
    const dispatcher = new Dispatcher({ store, clock, log: pino({ level: 'silent' }), commands, defaultTimezone: 'Europe/London' });
    const { identity } = standin;
    const begin = () =>
      startSlack({
        config: { apiUrl: standin.apiUrl, port: 0, signingSecret: identity.signingSecret, botToken: identity.botToken },
        dispatcher,
        log: pino({ level: 'silent' }),
        commands,
        tuning: { host: '127.0.0.1', webRetryConfig: { retries: 0 } },
        activity,
      });
    const first = await begin();
    try {
      const payload = standin.payloads.slashCommand({ command: '/swap', text: 'list', user_id: ANA });
      await standin.http.postSlashCommand(first.url ?? '', payload);
      await standin.waitForCall((c) => c.method === 'response_url' && c.url === payload.response_url);
      await standin.http.postEvent(first.url ?? '', standin.payloads.appUninstalled());
      expect(store.coopActivity.coopsOf('slack')).toMatchObject([{ externalRef: MAPLE, inactiveReason: 'uninstalled' }]);
    } finally {
      await first.stop();
    }
    const again = await begin();
    await again.stop();
    await standin.close();
    expect(store.coopActivity.coopsOf('slack')).toMatchObject([{ externalRef: MAPLE, inactiveSince: null }]);
  });
});

