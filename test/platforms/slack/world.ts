// A Slack workspace for tests: the loopback stand-in, the real adapter (real Bolt) in Socket Mode or HTTP mode, and
// the real dispatcher over a real SQLite store with a movable clock.
import { commands } from '../../../commands/index.ts';
import { ManualClock } from '../../../src/core/clock.ts';
import { Dispatcher } from '../../../src/app/dispatcher.ts';
import { advanceTo } from '../../../src/jobs/console-advance.ts';
import { OutboxRelay } from '../../../src/jobs/outbox-relay.ts';
import { Scheduler } from '../../../src/jobs/scheduler.ts';
import type { Logger } from '../../../src/logger.ts';
import { startSlack, type SlackAdapter, type SlackMode } from '../../../src/platforms/slack/index.ts';
import { startSlackStandin, type Json, type RecordedCall, type SlackStandin } from '../../standins/slack/index.ts';
import { createStore, silentLog } from '../../support/harness.ts';

export const TEAM = 'T0STANDIN';
export const GENERAL = 'C0GENERAL';
export const COOP_CHANNEL = 'C0COOP';
export const PEOPLE = {
  ana: { id: 'U0ANA', real_name: 'Ana', is_admin: true, tz: 'Europe/London' },
  ben: { id: 'U0BEN', real_name: 'Ben', tz: 'Europe/London' },
  cleo: { id: 'U0CLEO', real_name: 'Cleo', tz: 'Europe/London' },
  olu: { id: 'U0OLU', real_name: 'Olu', is_owner: true },
} as const;
export type Person = keyof typeof PEOPLE;

export interface DeliverOptions {
  /** Deliver it again as Slack's retry: X-Slack-Retry-Num over HTTP, the same envelope with retry_attempt over Socket Mode. */
  retryOf?: Delivered;
  /** HTTP mode only: sign differently. */
  signing?: { badSignature?: boolean; timestampOffsetSeconds?: number };
}

export interface Delivered {
  /** HTTP status (HTTP mode), or 200 once the Socket Mode ack arrived. */
  status: number;
  /** What the app put in its ack (view submissions: response_action…). */
  payload: unknown;
  /** The payload Slack sent. */
  sent: Json;
  envelopeId?: string;
}

export interface SlackWorld {
  mode: SlackMode;
  standin: SlackStandin;
  clock: ManualClock;
  store: ReturnType<typeof createStore>;
  adapter: SlackAdapter;
  relay: OutboxRelay;
  dispatcher: Dispatcher;
  /** Sends a slash command as a person; resolves once the app acked. */
  command(who: Person, command: string, text: string, options?: DeliverOptions & { channel?: string }): Promise<Delivered>;
  /** Presses the button labelled `label` on a recorded message call. */
  press(who: Person, call: RecordedCall, label: string, options?: DeliverOptions): Promise<Delivered>;
  /** Submits a recorded views.open call's form with these values (text, or raw state entries for pickers). */
  submit(who: Person, call: RecordedCall, values: Record<string, string | Json>, options?: DeliverOptions): Promise<Delivered>;
  /** Sends an interactive payload Slack would send (a shortcut…); resolves once the app acked. */
  interact(payload: Json): Promise<Delivered>;
  /** Sends an Events API callback (app_home_opened…); resolves once the app acked. */
  event(payload: Json): Promise<Delivered>;
  /** Sends a slash command and resolves with the answer on its response_url. */
  ask(who: Person, command: string, text: string): Promise<RecordedCall>;
  /** Re-sends an earlier delivery the way Slack retries it. */
  redeliver(delivered: Delivered): Promise<Delivered>;
  /**
   * Lets time pass up to `iso`: each job runs and each message held back (quiet hours, a burst) is delivered as it
   * falls due, as the console's `:advance` does.
   */
  advanceTo(iso: string): Promise<void>;
  balance(who: Person): number | undefined;
  close(): Promise<void>;
}

export function buttonsOf(call: RecordedCall): { label: string; actionId: string }[] {
  const blocks = Array.isArray(call.body.blocks) ? call.body.blocks : [];
  const found: { label: string; actionId: string }[] = [];
  for (const block of blocks) {
    if (typeof block !== 'object' || block === null || !('elements' in block) || !Array.isArray(block.elements)) continue;
    for (const element of block.elements) {
      if (element?.type === 'button') found.push({ label: String(element.text?.text), actionId: String(element.action_id) });
    }
  }
  return found;
}

/** All text a person sees in a recorded message: top-level text and every block's text. */
export function textOf(call: RecordedCall | undefined): string {
  if (!call) return '';
  return JSON.stringify(call.body.blocks ?? call.body.text ?? '').replace(/\\n/g, '\n');
}

export interface WorldOptions {
  start?: string;
  log?: Logger;
  clientPingTimeout?: number;
  /** How long a delivery waits for the stand-in's answer. */
  deliveryTimeoutMs?: number;
}

export async function startSlackWorld(mode: SlackMode, options: WorldOptions = {}): Promise<SlackWorld> {
  const standin = await startSlackStandin();
  for (const person of Object.values(PEOPLE)) standin.addUser({ ...person });
  const store = createStore();
  const clock = new ManualClock(Date.parse(options.start ?? '2026-11-22T12:00:00Z'));
  const relay = new OutboxRelay(store, clock, silentLog);
  const dispatcher = new Dispatcher({ store, clock, log: silentLog, commands, defaultTimezone: 'Europe/London', onCommitted: () => void relay.drain().catch(() => undefined) });
  const { identity } = standin;
  const config = {
    botToken: identity.botToken,
    apiUrl: standin.apiUrl,
    port: 0,
    ...(mode === 'socket' ? { appToken: identity.appToken } : { signingSecret: identity.signingSecret }),
  };
  const adapter = await startSlack({
    config,
    dispatcher,
    log: options.log ?? silentLog,
    commands,
    tuning: {
      host: '127.0.0.1',
      socketRetryConfig: { retries: 0 },
      webRetryConfig: { retries: 0 },
      ...(options.clientPingTimeout ? { clientPingTimeout: options.clientPingTimeout } : {}),
      ...(options.deliveryTimeoutMs ? { deliveryTimeoutMs: options.deliveryTimeoutMs } : {}),
    },
  });

  relay.register(adapter.messenger);

  async function send(kind: 'slash' | 'interactive', payload: Json, options: DeliverOptions = {}): Promise<Delivered> {
    if (mode === 'socket') {
      if (options.retryOf?.envelopeId) {
        const ack = await standin.socket.redeliver(options.retryOf.envelopeId);
        return { status: 200, payload: ack.payload, sent: options.retryOf.sent, envelopeId: ack.envelope_id };
      }
      const ack = kind === 'slash' ? await standin.socket.sendSlashCommand(payload) : await standin.socket.sendInteractive(payload);
      return { status: 200, payload: ack.payload, sent: payload, envelopeId: ack.envelope_id };
    }
    const url = adapter.url ?? '';
    const sent = options.retryOf?.sent ?? payload;
    const signing = { ...options.signing, ...(options.retryOf ? { retryNum: 1, retryReason: 'http_timeout' } : {}) };
    const result = kind === 'slash' ? await standin.http.postSlashCommand(url, sent, signing) : await standin.http.postInteractive(url, sent, signing);
    const body: unknown = result.body ? JSON.parse(result.body) : undefined;
    return { status: result.status, payload: body, sent };
  }
  const kinds = new WeakMap<Json, 'slash' | 'interactive'>();
  const track = async (kind: 'slash' | 'interactive', payload: Json, options?: DeliverOptions) => {
    kinds.set(payload, kind);
    return send(kind, payload, options);
  };

  const answerTo = (delivered: Delivered) => {
    const url = delivered.sent.response_url;
    return standin.waitForCall((c) => c.method === 'response_url' && c.url === url);
  };
  const command: SlackWorld['command'] = (who, name, text, options = {}) =>
    track('slash', standin.payloads.slashCommand({ command: name, text, user_id: PEOPLE[who].id, channel_id: options.channel ?? GENERAL, channel_name: 'general' }), options);
  const press: SlackWorld['press'] = (who, call, label, options) => {
    const button = buttonsOf(call).find((b) => b.label === label);
    if (!button) throw new Error(`no button "${label}" in call ${call.seq}: ${buttonsOf(call).map((b) => b.label).join(', ')}`);
    return track('interactive', standin.payloads.buttonPress({ from: call, action_id: button.actionId, user_id: PEOPLE[who].id }), options);
  };

  return {
    mode,
    standin,
    clock,
    store,
    adapter,
    relay,
    dispatcher,
    command,
    press,
    ask: async (who, name, text) => answerTo(await command(who, name, text)),
    submit: (who, call, values, options) => {
      const state = Object.fromEntries(Object.entries(values).map(([block, value]) => [block, { value: typeof value === 'string' ? { type: 'plain_text_input', value } : value }]));
      return track('interactive', standin.payloads.viewSubmission({ from: call, user_id: PEOPLE[who].id, values: state }), options);
    },
    interact: (payload) => track('interactive', payload),
    event: async (payload) => {
      if (mode === 'socket') {
        const ack = await standin.socket.sendEvent(payload);
        return { status: 200, payload: ack.payload, sent: payload, envelopeId: ack.envelope_id };
      }
      const result = await standin.http.postEvent(adapter.url ?? '', payload);
      return { status: result.status, payload: result.body, sent: payload };
    },
    redeliver: (delivered) => send(kinds.get(delivered.sent) ?? 'interactive', delivered.sent, { retryOf: delivered }),
    advanceTo: (iso) => advanceTo({ store, clock, scheduler: new Scheduler(store, clock, silentLog), relay, platform: 'slack' }, Date.parse(iso)),
    balance: (who) => {
      const coop = store.coops.find('slack', TEAM);
      const member = coop && store.members.find(coop.id, PEOPLE[who].id);
      return member && store.ledger.balance(store.ledger.accountOfHousehold(member.householdId));
    },
    async close() {
      await adapter.stop();
      await standin.close();
    },
  };
}
