// Proves the loopback Slack stand-in with the real @slack/bolt App (Socket Mode and HTTP mode) and web client.
import { Server } from 'node:http';
import { App, SocketModeReceiver, webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSilentLogger, startSlackStandin, type SlackStandin } from './slack/index.ts';

let standin: SlackStandin;
let stops: (() => Promise<unknown>)[] = [];
let retryNums: (number | undefined)[] = [];

const swapModal = {
  type: 'modal' as const,
  callback_id: 'swap_form',
  private_metadata: 'coop:1',
  title: { type: 'plain_text' as const, text: 'New swap' },
  submit: { type: 'plain_text' as const, text: 'Ask' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'when',
      label: { type: 'plain_text' as const, text: 'When?' },
      element: { type: 'plain_text_input' as const, action_id: 'text' },
    },
  ],
};

/** The same tiny co-op app for both modes. */
function addHandlers(app: App): App {
  app.command('/swap', async ({ ack, command, client, context }) => {
    await ack();
    retryNums.push(context.retryNum);
    await client.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, text: `Swap for ${command.text}?` });
    await client.views.open({ trigger_id: command.trigger_id, view: swapModal });
  });
  app.action('swap_accept', async ({ ack, body, client, respond }) => {
    await ack();
    const channel = body.channel?.id ?? 'C0GENERAL';
    await client.chat.postMessage({ channel, text: `<@${body.user.id}> will babysit` });
    await respond({ text: 'Thanks!', replace_original: false });
  });
  app.view('swap_form', async ({ ack, view, body, client }) => {
    await ack();
    const when = view.state.values.when?.text?.value ?? '';
    await client.chat.postMessage({ channel: body.user.id, text: `Asked for ${when} (${view.private_metadata})` });
  });
  return app;
}

function socketApp(receiver?: SocketModeReceiver): App {
  const logger = createSilentLogger();
  const common = { token: standin.identity.botToken, logger, clientOptions: { slackApiUrl: standin.apiUrl, retryConfig: { retries: 0 } } };
  const app = receiver
    ? new App({ ...common, receiver })
    : new App({ ...common, appToken: standin.identity.appToken, socketMode: true });
  stops.push(() => app.stop());
  return addHandlers(app);
}

beforeEach(async () => {
  standin = await startSlackStandin();
  standin.addUser({ id: 'U1', real_name: 'Ana Costa', tz: 'Asia/Kathmandu', is_admin: true });
  standin.addUser({ id: 'U2', real_name: 'Ben Ode' });
  stops = [];
  retryNums = [];
});

afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  await standin.close();
});

describe('Socket Mode', () => {
  it('connects with the app token, acks a slash command, posts ephemerally and opens a modal once', async () => {
    await socketApp().start();
    const open = await standin.waitForCall('apps.connections.open');
    expect(open.token).toBe(standin.identity.appToken);

    const payload = standin.payloads.slashCommand({ command: '/swap', text: 'Friday 6pm', user_id: 'U1', channel_id: 'C1' });
    const ack = await standin.socket.sendSlashCommand(payload);
    expect(ack.envelope_id).toBe(standin.socket.envelopes[0]?.envelope_id);

    const ephemeral = await standin.waitForCall('chat.postEphemeral');
    expect(ephemeral.token).toBe(standin.identity.botToken);
    expect(ephemeral.body).toMatchObject({ channel: 'C1', user: 'U1', text: 'Swap for Friday 6pm?' });
    const opened = await standin.waitForCall('views.open');
    expect(opened.response).toMatchObject({ ok: true, view: { callback_id: 'swap_form', private_metadata: 'coop:1' } });

    // Slack redelivers; Bolt does not dedupe, so the handler runs again and the used trigger is refused.
    const again = await standin.socket.redeliver(ack.envelope_id);
    expect(again.envelope_id).toBe(ack.envelope_id);
    expect(standin.socket.envelopes[1]).toMatchObject({ retry_attempt: 1, retry_reason: 'timeout' });
    const second = await standin.waitForCall('views.open', { afterSeq: opened.seq });
    expect(second.response).toEqual({ ok: false, error: 'exchanged_trigger_id' });
    expect(retryNums).toEqual([0, 1]);
  });

  it('refuses an expired trigger', async () => {
    await socketApp().start();
    const payload = standin.payloads.slashCommand({ command: '/swap', text: 'Sat', user_id: 'U1' });
    standin.expireTriggers();
    await standin.socket.sendSlashCommand(payload);
    const opened = await standin.waitForCall('views.open');
    expect(opened.response).toEqual({ ok: false, error: 'expired_trigger_id' });
  });

  it('acks a button press, posts to the channel and answers on the response_url; a modal submission arrives', async () => {
    await socketApp().start();
    const press = standin.payloads.buttonPress({ action_id: 'swap_accept', value: 'swap:42', user_id: 'U2', channel_id: 'C1' });
    await standin.socket.sendInteractive(press);
    const posted = await standin.waitForCall('chat.postMessage');
    expect(posted.body).toMatchObject({ channel: 'C1', text: '<@U2> will babysit' });
    const responded = await standin.waitForCall('response_url');
    expect(responded.body).toMatchObject({ text: 'Thanks!', replace_original: false });
    expect(responded.url).toBe(press.response_url);

    const submission = standin.payloads.viewSubmission({
      user_id: 'U1',
      callback_id: 'swap_form',
      private_metadata: 'coop:1',
      values: { when: { text: 'Friday 6pm' } },
    });
    await standin.socket.sendInteractive(submission);
    const dm = await standin.waitForCall((call) => call.method === 'chat.postMessage' && call.body.channel === 'U1');
    expect(dm.body.text).toBe('Asked for Friday 6pm (coop:1)');
    expect(dm.response).toMatchObject({ ok: true, channel: standin.dmChannelId('U1') });
  });

  it('survives a dropped connection: the app reconnects through apps.connections.open', async () => {
    const receiver = new SocketModeReceiver({
      appToken: standin.identity.appToken,
      logger: createSilentLogger(),
      clientPingTimeout: 150, // also the reconnect delay
      installerOptions: { clientOptions: { slackApiUrl: standin.apiUrl } },
    });
    await socketApp(receiver).start();
    await standin.socket.dropConnection();
    expect(standin.socket.isConnected).toBe(false);
    await standin.socket.sendSlashCommand(standin.payloads.slashCommand({ command: '/swap', text: 'Sun', user_id: 'U1' }));
    expect(standin.socket.connectionsOpened).toBe(2);
    expect(standin.callsOf('apps.connections.open')).toHaveLength(2);
  });
});

describe('HTTP mode', () => {
  async function httpApp(): Promise<string> {
    const app = addHandlers(
      new App({
        token: standin.identity.botToken,
        signingSecret: standin.identity.signingSecret,
        logger: createSilentLogger(),
        clientOptions: { slackApiUrl: standin.apiUrl },
      }),
    );
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    stops.push(() => app.stop());
    const address = server instanceof Server ? server.address() : null;
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}/slack/events`;
  }

  it('accepts a signed slash command and passes the retry number on', async () => {
    const url = await httpApp();
    const payload = standin.payloads.slashCommand({ command: '/swap', text: 'Friday', user_id: 'U1', channel_id: 'C1' });
    const result = await standin.http.postSlashCommand(url, payload, { retryNum: 2, retryReason: 'http_timeout' });
    expect(result.status).toBe(200);
    await standin.waitForCall('views.open');
    expect(retryNums).toEqual([2]);
  });

  it('accepts a signed button press (form-encoded payload=…)', async () => {
    const url = await httpApp();
    const press = standin.payloads.buttonPress({ action_id: 'swap_accept', user_id: 'U2', channel_id: 'C7' });
    expect((await standin.http.postInteractive(url, press)).status).toBe(200);
    expect((await standin.waitForCall('chat.postMessage')).body.channel).toBe('C7');
  });

  it('rejects a bad signature and a stale timestamp with 401', async () => {
    const url = await httpApp();
    const payload = () => standin.payloads.slashCommand({ command: '/swap', text: 'x', user_id: 'U1' });
    expect((await standin.http.postSlashCommand(url, payload(), { badSignature: true })).status).toBe(401);
    expect((await standin.http.postSlashCommand(url, payload(), { signingSecret: 'other' })).status).toBe(401);
    expect((await standin.http.postSlashCommand(url, payload(), { timestampOffsetSeconds: -6 * 60 })).status).toBe(401);
    expect(standin.calls.filter((call) => call.method !== 'auth.test')).toEqual([]);
  });
});

describe('Web API', () => {
  const client = (token = standin.identity.botToken, retryConfig: webApi.RetryOptions = { retries: 0 }) =>
    new webApi.WebClient(token, { slackApiUrl: standin.apiUrl, logger: createSilentLogger(), retryConfig });

  it('retries a 429 after Retry-After and delivers', async () => {
    standin.faults.rateLimit('chat.postMessage', { retryAfterSeconds: 1 });
    const result = await client(undefined, { retries: 2, factor: 1, minTimeout: 0, maxTimeout: 0 }).chat.postMessage({
      channel: 'C1',
      text: 'Reminder: swap tonight',
    });
    expect(result.ok).toBe(true);
    const [limited, delivered] = standin.callsOf('chat.postMessage');
    expect(limited?.status).toBe(429);
    expect(delivered?.status).toBe(200);
    expect((delivered?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('answers invalid_auth for a wrong token and injected errors for a method', async () => {
    await expect(client('xoxb-wrong').auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    await expect(client(standin.identity.appToken).auth.test()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
    standin.faults.error('conversations.open', 'cannot_dm_bot', { when: (body) => body.users === 'U2' });
    await expect(client().conversations.open({ users: 'U2' })).rejects.toMatchObject({ data: { error: 'cannot_dm_bot' } });
    expect((await client().conversations.open({ users: 'U1' })).channel?.id).toBe(standin.dmChannelId('U1'));
    const auth = await client().auth.test();
    expect(auth).toMatchObject({ bot_id: standin.identity.botId, user_id: standin.identity.botUserId, team_id: 'T0STANDIN' });
  });

  it('knows users, holds a call until released, updates messages and records file uploads', async () => {
    const info = await client().users.info({ user: 'U1' });
    expect(info.user).toMatchObject({ is_admin: true, is_owner: false, tz: 'Asia/Kathmandu', tz_offset: 20700, real_name: 'Ana Costa' });

    const held = standin.faults.hold('chat.postMessage');
    const posting = client().chat.postMessage({ channel: 'C1', text: 'first' });
    await held.arrived;
    expect(standin.callsOf('chat.postMessage')).toHaveLength(0);
    held.release();
    const posted = await posting;
    await client().chat.update({ channel: 'C1', ts: posted.ts ?? '', text: 'edited' });
    expect(standin.message('C1', posted.ts ?? '')?.text).toBe('edited');
    await expect(client().chat.update({ channel: 'C1', ts: '1.2', text: 'x' })).rejects.toMatchObject({ data: { error: 'message_not_found' } });

    await client().filesUploadV2({ channel_id: 'C1', content: 'swap,credits', filename: 'ledger.csv', title: 'Ledger' });
    expect(standin.callsOf('file_upload')[0]?.body).toMatchObject({ filename: 'ledger.csv', content: 'swap,credits' });
    expect(standin.callsOf('files.completeUploadExternal')[0]?.body).toMatchObject({ channel_id: 'C1' });
  });

  it('judges trigger_ids (3 s, once) and response_urls (5 uses) by the stand-in clock', async () => {
    let now = Date.UTC(2027, 2, 10, 12);
    const clocked = await startSlackStandin({ now: () => now });
    stops.push(() => clocked.close());
    const web = new webApi.WebClient(clocked.identity.botToken, { slackApiUrl: clocked.apiUrl, logger: createSilentLogger(), retryConfig: { retries: 0 } });
    const stale = clocked.issueTrigger();
    const fresh = clocked.issueTrigger();
    now += 3_001;
    await expect(web.views.open({ trigger_id: stale, view: swapModal })).rejects.toMatchObject({ data: { error: 'expired_trigger_id' } });
    const late = clocked.issueTrigger();
    now += 2_999;
    expect((await web.views.open({ trigger_id: late, view: swapModal })).ok).toBe(true);
    expect(fresh).not.toBe(late);

    const { response_url: responseUrl } = clocked.payloads.slashCommand({ command: '/swap', user_id: 'U1' });
    const post = async () => (await fetch(String(responseUrl), { method: 'POST', body: '{"text":"hi"}' })).status;
    const statuses = [await post(), await post(), await post(), await post(), await post(), await post()];
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect(clocked.callsOf('response_url').at(-1)?.response).toEqual({ ok: false, error: 'used_url' });
  });

  it('builds a button press from a posted message and a submission from an opened view', async () => {
    const blocks = [
      { type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Swap on Friday?' } },
      {
        type: 'actions' as const,
        block_id: 'swap:42',
        elements: [{ type: 'button' as const, action_id: 'swap_accept', value: 'accept:42', text: { type: 'plain_text' as const, text: 'Accept' } }],
      },
    ];
    await client().chat.postMessage({ channel: 'C1', text: 'Swap on Friday?', blocks });
    const posted = await standin.waitForCall('chat.postMessage');
    const press = standin.payloads.buttonPress({ from: posted, action_id: 'swap_accept', user_id: 'U2' });
    expect(press).toMatchObject({
      container: { type: 'message', channel_id: 'C1', message_ts: posted.response.ts, is_ephemeral: false },
      actions: [{ action_id: 'swap_accept', block_id: 'swap:42', value: 'accept:42', text: { text: 'Accept' } }],
    });
    expect(() => standin.payloads.buttonPress({ from: posted, action_id: 'nope', user_id: 'U2' })).toThrow(/no button nope/);

    await client().views.open({ trigger_id: standin.issueTrigger(), view: swapModal });
    const opened = await standin.waitForCall('views.open');
    const submission = standin.payloads.viewSubmission({ from: opened, user_id: 'U1', values: { when: { text: 'Sat 9am' } } });
    expect(submission).toMatchObject({
      type: 'view_submission',
      view: { callback_id: 'swap_form', private_metadata: 'coop:1', state: { values: { when: { text: { value: 'Sat 9am' } } } } },
    });
  });

  it('rejects over-long messages the way Slack does', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' as const }));
    await expect(client().chat.postMessage({ channel: 'C1', blocks, text: 'x' })).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
  });
});
