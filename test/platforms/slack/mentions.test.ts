import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Json, RecordedCall } from '../../standins/slack/index.ts';
import { buttonsOf, COOP_CHANNEL, PEOPLE, startSlackWorld, textOf, type SlackWorld } from './world.ts';

// Mentions only where the bot put them: a member named like a ping, writing a note full of pings (as Slack sends
// them: `<!channel>`, `<@U…|name>`, and a typed `<@U999>` as `&lt;…&gt;`), pings nobody; the bot's own mention stays.

const ZED = { id: 'U0ZED', real_name: '<!channel> <@U0ANA> @here', tz: 'Europe/London' };

/** Every `<…>` Slack would treat as markup in a message body, our own date tokens aside. */
function markup(call: RecordedCall): string[] {
  const texts = JSON.stringify({ text: call.body.text, blocks: call.body.blocks });
  return [...texts.matchAll(/<[@#!][^<>]*>/g)].map((m) => m[0]).filter((t) => !t.startsWith('<!date^'));
}

/** Every mrkdwn text object of a message: Slack must not look for mentions in them itself. */
function mrkdwnObjects(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnObjects);
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Json;
  return [...(object.type === 'mrkdwn' ? [object] : []), ...Object.values(object).flatMap(mrkdwnObjects)];
}

describe('Slack: mentions only where the bot put them', () => {
  let world: SlackWorld;
  beforeEach(async () => {
    world = await startSlackWorld('socket');
    world.standin.addUser({ ...ZED });
  });
  afterEach(async () => {
    await world.close();
  });

  const asZed = (command: string, text: string) =>
    world.standin.socket.sendSlashCommand(world.standin.payloads.slashCommand({ command, text, user_id: ZED.id, channel_id: 'C0GENERAL', channel_name: 'general' }));
  const post = (channel: string, contains: string, afterSeq = 0) =>
    world.standin.waitForCall((c: RecordedCall) => c.method === 'chat.postMessage' && c.body.channel === channel && textOf(c).includes(contains), { afterSeq });

  it('a hostile display name and note stay plain words in the channel and in DMs', async () => {
    const setup = await world.ask('ana', '/coop', `setup timezone:Europe/London channel:<#${COOP_CHANNEL}|coop>`);
    expect([...new Set(markup(setup))]).toEqual([`<#${COOP_CHANNEL}>`]); // the bot's own: where announcements go
    const start = world.standin.lastSeq;
    await asZed('/swap', 'request when:"sat 19:00-23:00" note:"<!channel> <@U0BEN|ben> &lt;@U999&gt; <!here> <#C0GENERAL|general> @everyone"');
    const card = await post(COOP_CHANNEL, 'Volunteer');
    const seen = textOf(card);
    expect(seen).toContain('@\u200bchannel &lt;@U0ANA&gt; @\u200bhere needs a sitter');
    expect(seen).toContain('@\u200bchannel @ben &lt;@U999&gt; @\u200bhere #general @\u200beveryone');
    expect(markup(card)).toEqual([]);

    const mark = world.standin.lastSeq;
    await world.press('ben', card, 'Volunteer');
    const choices = await post(world.standin.dmChannelId(ZED.id), 'Choose Ben', mark);
    const choose = buttonsOf(choices).find((b) => b.label === 'Choose Ben');
    await world.standin.socket.sendInteractive(world.standin.payloads.buttonPress({ from: choices, action_id: String(choose?.actionId), user_id: ZED.id }));
    const taken = await post(COOP_CHANNEL, 'is taken', mark);
    expect(textOf(taken)).toContain('Ben is sitting for @\u200bchannel &lt;@U0ANA&gt; @\u200bhere');
    await post(world.standin.dmChannelId(PEOPLE.ben.id), 'chose you', mark);

    const messages = world.standin.calls.filter((c) => c.seq > start && (c.method === 'chat.postMessage' || c.method === 'response_url'));
    expect(messages.length).toBeGreaterThan(5);
    for (const call of messages) {
      expect(markup(call), textOf(call)).toEqual([]);
      for (const object of mrkdwnObjects(call.body.blocks)) expect(object.verbatim, JSON.stringify(object)).toBe(true);
    }
  });

  it("the bot's own mention stays live, someone else's in the same text does not", async () => {
    await world.ask('ana', '/coop', `setup timezone:Europe/London channel:<#${COOP_CHANNEL}|coop>`);
    const result = await world.adapter.messenger.send({
      destination: { kind: 'channel', platform: 'slack', coopRef: 'T0STANDIN', channelRef: COOP_CHANNEL },
      message: { text: `<@${PEOPLE.ben.id}> I couldn't send you a private message. (Not <@${PEOPLE.ana.id}>.)`, mentions: [PEOPLE.ben.id] },
    });
    expect(result).toEqual({ ok: true });
    const sent = await post(COOP_CHANNEL, "couldn't send you");
    expect(markup(sent)).toEqual([`<@${PEOPLE.ben.id}>`, `<@${PEOPLE.ben.id}>`]); // in the blocks and in the notification text
    expect(textOf(sent)).toContain(`(Not &lt;@${PEOPLE.ana.id}&gt;.)`);
  });
});
