// The contract driver for Slack: the shared scenarios of test/contract/ played through the loopback Slack, the real
// Bolt app and the real dispatcher, in Socket Mode or HTTP mode.
import { advanceTo } from '../../../src/jobs/console-advance.ts';
import { Scheduler } from '../../../src/jobs/scheduler.ts';
import type { SlackMode } from '../../../src/platforms/slack/index.ts';
import type { ContractDriver, OptionValue, Seen, Who } from '../../contract/driver.ts';
import type { RecordedCall } from '../../standins/slack/index.ts';
import { silentLog } from '../../support/harness.ts';
import { buttonsOf, PEOPLE, startSlackWorld, type Delivered } from './world.ts';

const CHANNEL = 'C0COOP';
const NAMES = new Map<string, string>(Object.values(PEOPLE).map((p) => [p.id, p.real_name]));

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function textsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsIn);
  if (!isObject(value)) return [];
  if (value.type === 'button' || value.type === 'actions') return [];
  const own = (value.type === 'mrkdwn' || value.type === 'plain_text') && typeof value.text === 'string' ? [value.text] : [];
  return [...own, ...Object.values(value).flatMap(textsIn)];
}

/** What a person reads: mrkdwn unescaped, mentions as names. */
function plain(text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_, id: string) => NAMES.get(id) ?? id)
    .replace(/<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g, '#$1')
    .replace(/\*/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Slack escapes what people type before it reaches the app. */
const typed = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function commandText(sub: string, options: Record<string, OptionValue>): string {
  const parts = Object.entries(options).map(([name, value]) => {
    if (typeof value === 'number') return `${name}:${value}`;
    if (typeof value === 'string') return `${name}:"${typed(value)}"`;
    return `${name}:<@${PEOPLE[value.person].id}|${value.person}>`;
  });
  return [sub, ...parts].filter(Boolean).join(' ');
}

export async function startSlackContractDriver(mode: SlackMode): Promise<ContractDriver> {
  const world = await startSlackWorld(mode);
  const { standin } = world;
  const calls = new WeakMap<Seen, RecordedCall>();
  let last: Delivered | undefined;

  const see = (call: RecordedCall): Seen => {
    const blocks = call.body.blocks;
    const texts = blocks === undefined ? [String(call.body.text ?? '')] : textsIn(blocks);
    const seen: Seen = { text: plain(texts.join('\n')), buttons: buttonsOf(call).map((b) => b.label) };
    calls.set(seen, call);
    return seen;
  };
  const answerTo = async (delivered: Delivered, afterSeq: number): Promise<Seen> => {
    last = delivered;
    const url = delivered.sent.response_url;
    return see(await standin.waitForCall((c) => c.method === 'response_url' && c.url === url, { afterSeq }));
  };
  const postIn = (channel: string) => (c: RecordedCall) => c.method === 'chat.postMessage' && c.status === 200 && c.response.channel === channel;
  const firstWith = async (channel: string, text: string): Promise<Seen> => {
    const matches = postIn(channel);
    return see(await standin.waitForCall((c) => matches(c) && see(c).text.includes(text)));
  };
  const dmChannel = (who: Who) => standin.dmChannelId(PEOPLE[who].id);

  return {
    platform: 'slack',
    async run(who, command, sub, options = {}) {
      const mark = standin.lastSeq;
      return answerTo(await world.command(who, `/${command}`, commandText(sub, options), { channel: CHANNEL }), mark);
    },
    async press(who, on, label) {
      const call = calls.get(on);
      if (!call) throw new Error('press: that message did not come from this driver');
      const mark = standin.lastSeq;
      return answerTo(await world.press(who, call, label), mark);
    },
    async fillForm(who, on, label, fields) {
      const call = calls.get(on);
      if (!call) throw new Error('fillForm: that message did not come from this driver');
      const mark = standin.lastSeq;
      await world.press(who, call, label);
      const opened = await standin.waitForCall('views.open', { afterSeq: mark });
      // A form's answer rides on the ack: the view it turns into, or errors beside its fields.
      const { payload } = await world.submit(who, opened, fields);
      const ack = isObject(payload) ? payload : {};
      const texts = ack.response_action === 'errors' && isObject(ack.errors) ? Object.values(ack.errors).map(String) : textsIn(ack.view);
      return { text: plain(texts.join('\n')), buttons: [] };
    },
    async repeatLast() {
      if (!last) throw new Error('repeatLast: nothing delivered yet');
      const mark = standin.lastSeq;
      return answerTo(await world.redeliver(last), mark);
    },
    channelPost: (text) => firstWith(CHANNEL, text),
    dm: (who, text) => firstWith(dmChannel(who), text),
    async delivered() {
      await world.relay.drain();
      const of = (channel: string) => standin.calls.filter(postIn(channel)).map(see);
      return { channel: of(CHANNEL), dms: { ana: of(dmChannel('ana')), ben: of(dmChannel('ben')), cleo: of(dmChannel('cleo')) } };
    },
    setTime: (iso) => world.clock.set(Date.parse(iso)),
    advanceTo: (iso) => advanceTo({ store: world.store, clock: world.clock, scheduler: new Scheduler(world.store, world.clock, silentLog), relay: world.relay, platform: 'slack' }, Date.parse(iso)),
    balance: (who) => world.balance(who),
    close: () => world.close(),
  };
}
