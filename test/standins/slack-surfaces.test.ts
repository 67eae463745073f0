// The stand-in's Home tab, shortcuts and pickers hold an app to what Slack documents, with the real web client and
// Bolt: views.publish refuses what Slack refuses, and the payloads Slack sends reach Bolt's own listeners.
import { App, webApi, type GlobalShortcut, type MessageShortcut } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSilentLogger, startSlackStandin, type SlackStandin } from './slack/index.ts';

let standin: SlackStandin;
let client: webApi.WebClient;

beforeEach(async () => {
  standin = await startSlackStandin();
  standin.addUser({ id: 'U1', real_name: 'Ana' });
  client = new webApi.WebClient(standin.identity.botToken, { slackApiUrl: standin.apiUrl, retryConfig: { retries: 0 }, logger: createSilentLogger() });
});
afterEach(async () => {
  await standin.close();
});

const section = { type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'hello' } };
const error = async (work: Promise<unknown>) => {
  try {
    await work;
    return 'ok';
  } catch (e) {
    return e instanceof Error && 'data' in e ? (e.data as { error: string }).error : String(e);
  }
};

describe('Slack stand-in: the Home tab', () => {
  it('publishes a home view per user, and refuses an unknown user, a modal, more than 100 blocks, or a disabled tab', async () => {
    expect(await error(client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [section] } }))).toBe('ok');
    expect(standin.home('U1')).toMatchObject({ type: 'home', blocks: [section] });
    const second = await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [section, section] } });
    expect(second.view?.id).toBe(standin.home('U1')?.id); // one home per user, updated in place
    expect(await error(client.views.publish({ user_id: 'U9', view: { type: 'home', blocks: [section] } }))).toBe('invalid_arguments');
    expect(await error(client.views.publish({ user_id: 'U1', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } }))).toBe('invalid_arguments');
    expect(await error(client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: Array.from({ length: 101 }, () => section) } }))).toBe('invalid_arguments');
    expect(await error(client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [section] }, hash: 'stale' }))).toBe('hash_conflict');
    standin.setHomeTab(false);
    expect(await error(client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [section] } }))).toBe('not_enabled');
  });

  it('checks date and time pickers in forms like any input element', async () => {
    const modal = (element: Record<string, unknown>) => ({
      trigger_id: standin.issueTrigger(),
      view: { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'x' }, blocks: [{ type: 'input', block_id: 'b', label: { type: 'plain_text', text: 'Day' }, element }] },
    });
    expect(await error(client.views.open(modal({ type: 'datepicker', action_id: 'v', initial_date: '2026-11-28' }) as never))).toBe('ok');
    expect(await error(client.views.open(modal({ type: 'datepicker', action_id: 'v', initial_date: '28/11/2026' }) as never))).toBe('invalid_arguments');
    expect(await error(client.views.open(modal({ type: 'timepicker', action_id: 'v', initial_time: '7pm' }) as never))).toBe('invalid_arguments');
    expect(await error(client.views.open(modal({ type: 'button', action_id: 'v', text: { type: 'plain_text', text: 'x' } }) as never))).toBe('invalid_arguments');
  });
});

describe('Slack stand-in: shortcuts and app_home_opened reach Bolt', () => {
  it('delivers a global shortcut, a message shortcut and the Home tab opening over Socket Mode', async () => {
    const app = new App({ token: standin.identity.botToken, appToken: standin.identity.appToken, socketMode: true, logger: createSilentLogger(), clientOptions: { slackApiUrl: standin.apiUrl } });
    const seen: string[] = [];
    let all: () => void = () => {};
    const three = new Promise<void>((resolve) => {
      all = resolve;
    });
    const note = (what: string) => {
      seen.push(what);
      if (seen.length === 3) all();
    };
    app.shortcut<GlobalShortcut>('ask', async ({ ack, shortcut }) => {
      await ack();
      note(`global:${shortcut.user.id}:${shortcut.trigger_id ? 'trigger' : ''}`);
    });
    app.shortcut<MessageShortcut>('offer', async ({ ack, shortcut }) => {
      await ack();
      note(`message:${shortcut.message.text ?? ''}:${shortcut.channel.id}:${shortcut.response_url.startsWith(standin.baseUrl) ? 'url' : ''}`);
    });
    app.event('app_home_opened', async ({ event }) => {
      note(`home:${event.user}:${event.tab}`);
    });
    await app.start();
    try {
      await standin.socket.sendInteractive(standin.payloads.globalShortcut({ callback_id: 'ask', user_id: 'U1' }));
      await standin.socket.sendInteractive(standin.payloads.messageShortcut({ callback_id: 'offer', user_id: 'U1', channel_id: 'C7', message: { text: 'anyone free?' } }));
      await standin.socket.sendEvent(standin.payloads.appHomeOpened({ user: 'U1' }));
      await three; // Bolt acks an event before its listener runs
      expect(seen).toEqual(['global:U1:trigger', 'message:anyone free?:C7:url', 'home:U1:home']);
    } finally {
      await app.stop();
    }
  });
});
