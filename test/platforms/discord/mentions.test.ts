import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { opt, type StoredMessage } from '../../standins/discord/index.ts';
import { startDiscordWorld, textOf, type DiscordWorld } from './world.ts';

// Mentions only where the bot put them: a member whose name and note are made of mention markup pings nobody, in
// the channel, in DMs or in answers; the bot's own mentions (the sit's thread hello) still ping exactly those two.

/** Mentions Discord would render live in a text: `<@id>` / `<@!id>` / `<@&id>` not escaped with a backslash. */
const live = (text: string) => [...text.matchAll(/(?<!\\)<@[!&]?(\d+)>/g)].map((m) => m[1]);

/** Every text of a stored message where a mention would render: content, descriptions, field values. */
function renderedTexts(m: StoredMessage): string[] {
  const out = [m.content];
  for (const e of m.embeds) {
    out.push(String(e.description ?? ''));
    for (const f of (e.fields ?? []) as { value: string }[]) out.push(f.value);
  }
  return out;
}

describe('Discord: mentions only where the bot put them', () => {
  let w: DiscordWorld;
  beforeEach(async () => {
    w = await startDiscordWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  it('a hostile display name and note ping nobody anywhere; the bot still pings the sit’s two people in their thread', async () => {
    const { ana, ben } = w.people;
    const zed = w.standin.addUser({ username: 'zed', globalName: `<@${ana.id}> @everyone` });
    w.standin.addMember(w.guild.id, zed, { nick: `<@${ben.id}> @here` });
    await w.ask('ana', 'coop', 'setup', [opt.string('timezone', 'Europe/London')]);
    const note = `<!channel> <@U999> <@${ben.id}> <@!${ana.id}> <@&${w.guild.id}> <#${w.general.id}> @everyone`;
    await w.ask(zed, 'swap', 'request', [opt.string('when', 'sat 19:00-23:00'), opt.string('note', note)]);

    const card = await w.channelPost('needs a sitter');
    expect(card.content).toBe(`\\<@${ben.id}> @\u200bhere needs a sitter — can you help?`);
    const description = String(card.embeds[0]?.description);
    expect(description).toBe(`<!channel> <@U999> \\<@${ben.id}> \\<@!${ana.id}> \\<@&${w.guild.id}> \\<#${w.general.id}> @\u200beveryone`);

    await w.tap('ben', card, 'Volunteer');
    const choices = await w.standin.waitForMessage((m) => m.channelId === w.standin.dmChannel(zed.id).id && textOf(m).includes('Ben volunteered'));
    const button = choices.components.flatMap((r) => (r.components as { label: string; custom_id: string }[]) ?? []).find((b) => b.label === 'Choose Ben');
    await w.standin.waitForReply(w.standin.dispatchButton({ user: zed, customId: String(button?.custom_id), message: choices.id }).id);
    await w.dm('ben', 'chose you');
    const hello = await w.standin.waitForMessage((m) => m.content.includes('private thread for #1'));
    await w.relay.drain();

    // The thread hello is the one message that mentions on purpose: Zed and Ben, by id, and nobody else.
    expect(hello.content.startsWith(`<@${zed.id}> <@${ben.id}>\n`)).toBe(true);
    expect(hello.content).toContain(`Hello \\<@${ben.id}> @\u200bhere and Ben!`); // the name is not Ben, though it reads like him
    const sent = w.standin.calls.filter((c) => c.method !== 'GET' && typeof c.body === 'object' && c.body !== null && ('content' in c.body || 'embeds' in c.body || 'data' in c.body));
    expect(sent.length).toBeGreaterThan(5);
    for (const call of sent) {
      const body = (call.body as { data?: Record<string, unknown> }).data ?? (call.body as Record<string, unknown>);
      const allowed = body.allowed_mentions as { parse?: unknown[]; users?: string[] } | undefined;
      if (!('content' in body) && !('embeds' in body)) continue;
      expect(allowed?.parse, `${call.method} ${call.path}`).toEqual([]);
      const isHello = typeof body.content === 'string' && body.content.includes('private thread for #1');
      expect(allowed?.users ?? [], `${call.method} ${call.path}`).toEqual(isHello ? [zed.id, ben.id] : []);
    }
    // What members read: no live mention of Ana anywhere, and Ben's only in the hello.
    const everything = w.standin.calls.length > 0 ? [...w.channelPosts(), ...w.dms('ana'), ...w.dms('ben'), ...w.standin.dmsTo(zed.id), hello] : [];
    for (const message of everything) {
      for (const text of renderedTexts(message)) {
        expect(live(text), text).not.toContain(ana.id);
        if (message.id !== hello.id) expect(live(text), text).toEqual([]);
      }
    }
  });
});
