import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import type { OptionSpec } from '../../../src/app/command.ts';
import { commandsJson, inviteUrl, registerCommands } from '../../../src/platforms/discord/index.ts';
import { startDiscordStandin, type DiscordStandin, type JsonObject } from '../../standins/discord/index.ts';

// Discord's option type numbers, written out here rather than taken from the code under test.
const TYPE = { subcommand: 1, group: 2, string: 3, integer: 4, user: 6, channel: 7 } as const;
const KIND_TYPE = { text: TYPE.string, choice: TYPE.string, integer: TYPE.integer, member: TYPE.user, channel: TYPE.channel } as const;

type Option = JsonObject & { name: string; type: number; required?: boolean; options?: Option[] };

/** The registered leaf options of `/command sub` ("admin add" = group admin, subcommand add). */
function registeredOptions(body: JsonObject, sub: string): Option[] {
  const top = (body.options ?? []) as Option[];
  if (sub === '') return top;
  const [first, second] = sub.split(' ');
  const level = second ? top.find((o) => o.name === first && o.type === TYPE.group)?.options ?? [] : top;
  const leaf = level.find((o) => o.name === (second ?? first) && o.type === TYPE.subcommand);
  if (!leaf) throw new Error(`/${String(body.name)} ${sub} is not registered`);
  return leaf.options ?? [];
}

function expected(name: string, option: OptionSpec, required: boolean): JsonObject {
  const out: JsonObject = { name, type: KIND_TYPE[option.kind], required };
  if (option.kind === 'text') Object.assign(out, { max_length: option.maxLength });
  if (option.kind === 'integer') Object.assign(out, { min_value: option.min, max_value: option.max });
  if (option.autocomplete) out.autocomplete = true;
  if (option.choices) out.choices = option.choices.map((c) => ({ name: c, value: c }));
  return out;
}

describe('npm run register: the slash commands Discord gets are generated from commands/', () => {
  let standin: DiscordStandin;
  beforeAll(async () => {
    standin = await startDiscordStandin();
  });
  afterAll(async () => {
    await standin.close();
  });

  it('PUTs every command, subcommand and option with its type and limits, guild-scoped when a guild is set', async () => {
    const target = { token: standin.token, appId: standin.applicationId, guildId: standin.guild.id, apiUrl: standin.apiUrl };
    const result = await registerCommands(target, commands);
    // The slash commands, then the Apps menu's "Ask to sit" on a member.
    const names = [...commands.map((c) => c.name), 'Ask to sit'];
    expect(result).toEqual({ scope: 'guild', names });
    const put = await standin.waitForCall((c) => c.route === 'PUT /applications/:app/guilds/:guildId/commands');
    expect(put.status).toBe(200);
    const registered = standin.commands(standin.guild.id);
    expect(registered.map((c) => c.name)).toEqual(names);
    expect(registered.at(-1)?.body).toEqual({ type: 2, name: 'Ask to sit', contexts: [0], integration_types: [0] });

    let checked = 0;
    for (const command of commands) {
      const body = registered.find((c) => c.name === command.name)?.body ?? {};
      expect(body).toMatchObject({ type: 1, description: command.description, contexts: [0] });
      for (const [sub, spec] of Object.entries(command.subcommands)) {
        const options = registeredOptions(body, sub);
        // Every option a member types; what only the bot's buttons fill in (a question's draft) is not offered.
        const typed = Object.entries(spec.options).filter(([, option]) => !option.buttonsOnly);
        expect(options.map((o) => o.name).sort()).toEqual(typed.map(([name]) => name).sort());
        // Discord wants the required options first.
        const required = options.map((o) => o.required === true);
        expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
        for (const [name, option] of typed) {
          // The one deliberate difference: a subcommand with a form (posting a request, offer or session) opens it
          // when its trigger (`when:`) is missing, instead of being refused.
          const hasForm = command.name === 'swap' && ['request', 'offer', 'session'].includes(sub);
          const required = option.required && !(hasForm && name === 'when');
          expect(options.find((o) => o.name === name), `/${command.name} ${sub} ${name}:`).toMatchObject(expected(name, option, required));
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    // The grouped subcommand: /coop admin add member:@who.
    expect(registeredOptions(registered.find((c) => c.name === 'coop')?.body ?? {}, 'admin add')).toEqual([
      expect.objectContaining({ name: 'member', type: TYPE.user, required: true }),
    ]);
  });

  it('registers globally without a guild id, and the JSON stays within Discord limits', async () => {
    const rest = new REST({ api: standin.apiUrl, timeout: 2_000, retries: 1 }).setToken(standin.token);
    const result = await registerCommands({ token: standin.token, appId: standin.applicationId, apiUrl: standin.apiUrl }, commands, rest);
    expect(result.scope).toBe('global');
    expect(standin.commands(null).map((c) => c.name)).toEqual([...commands.map((c) => c.name), 'Ask to sit']);
    const walk = (options: Option[]): void => {
      expect(options.length).toBeLessThanOrEqual(25);
      for (const o of options) {
        expect(o.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(String(o.description).length).toBeLessThanOrEqual(100);
        walk(o.options ?? []);
      }
    };
    for (const json of commandsJson(commands)) walk([json as unknown as Option]);
  });

  it('prints an invite link with the bot and commands scopes and only the permissions the bot uses', () => {
    const url = new URL(inviteUrl('123456789012345678'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channels, Send Messages, Embed Links, Attach Files; Manage Threads, Create Private Threads and Send
    // Messages in Threads for each sit's private thread.
    const threads = (1n << 34n) | (1n << 36n) | (1n << 38n);
    expect(url.searchParams.get('permissions')).toBe(String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | threads));
  });
});
