import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandSpec, OptionSpec, SubcommandSpec } from '../../app/command.ts';
import { clip } from './render.ts';
import { formOptional } from './forms.ts';

// The slash commands Discord shows, generated from commands/ (never written twice): a command without subcommands
// takes its options directly; "admin add" becomes the subcommand `add` of the group `admin`.

export type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;
const description = (text: string) => clip(text.trim() || '…', 100);

function checkName(name: string, where: string): string {
  if (!NAME.test(name)) throw new Error(`${where}: "${name}" is not a valid Discord command or option name`);
  return name;
}

function optionJson(name: string, option: OptionSpec, required: boolean): APIApplicationCommandBasicOption {
  const base = { name: checkName(name, 'option'), description: description(option.description), required };
  switch (option.kind) {
    case 'text': {
      const text = { ...base, type: ApplicationCommandOptionType.String, min_length: 1, max_length: option.maxLength ?? 6000 } as const;
      return option.autocomplete ? { ...text, autocomplete: true } : text;
    }
    case 'choice':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: (option.choices ?? []).slice(0, 25).map((c) => ({ name: c, value: c })),
      };
    case 'integer': {
      const limits = {
        ...(option.min !== undefined ? { min_value: option.min } : {}),
        ...(option.max !== undefined ? { max_value: option.max } : {}),
      };
      return option.autocomplete
        ? { ...base, ...limits, type: ApplicationCommandOptionType.Integer, autocomplete: true }
        : { ...base, ...limits, type: ApplicationCommandOptionType.Integer };
    }
    case 'member':
      return { ...base, type: ApplicationCommandOptionType.User };
    case 'channel':
      return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] };
  }
}

/** Discord wants required options first; the order among each kind is kept. */
function optionsJson(command: string, sub: string, spec: SubcommandSpec): APIApplicationCommandBasicOption[] {
  const typed = Object.entries(spec.options).filter(([, option]) => !option.buttonsOnly);
  const all = typed.map(([name, option]) => optionJson(name, option, option.required && !formOptional(spec, name)));
  if (all.length > 25) throw new Error(`/${command} ${sub}: more than 25 options`);
  return [...all.filter((o) => o.required), ...all.filter((o) => !o.required)];
}

function subcommandJson(command: string, sub: string, name: string, spec: SubcommandSpec): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: checkName(name, `/${command}`),
    description: description(spec.description),
    options: optionsJson(command, sub, spec),
  };
}

export function commandJson(command: CommandSpec): CommandJson {
  const subs = Object.entries(command.subcommands);
  const base: CommandJson = {
    type: ApplicationCommandType.ChatInput,
    name: checkName(command.name, 'command'),
    description: description(command.description),
    // Server-only: a co-op is a server. Install to a server, not to a person's account.
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
  const bare = command.subcommands[''];
  if (bare) {
    if (subs.length > 1) throw new Error(`/${command.name} mixes options of its own with subcommands; Discord allows one or the other`);
    return { ...base, options: optionsJson(command.name, '', bare) };
  }
  const options: (APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption)[] = [];
  const groups = new Map<string, APIApplicationCommandSubcommandGroupOption>();
  for (const [sub, spec] of subs) {
    const [first = '', second, ...extra] = sub.split(' ');
    if (extra.length) throw new Error(`/${command.name} ${sub}: Discord nests at most a group and a subcommand`);
    if (second === undefined) {
      options.push(subcommandJson(command.name, sub, first, spec));
      continue;
    }
    let group = groups.get(first);
    if (!group) {
      group = { type: ApplicationCommandOptionType.SubcommandGroup, name: checkName(first, `/${command.name}`), description: first, options: [] };
      groups.set(first, group);
      options.push(group);
    }
    group.options?.push(subcommandJson(command.name, sub, second, spec));
  }
  for (const group of groups.values()) group.description = description(`${group.name}: ${(group.options ?? []).map((o) => o.name).join(', ')}`);
  if (options.length > 25) throw new Error(`/${command.name}: more than 25 subcommands`);
  return { ...base, options };
}

export function commandsJson(commands: readonly CommandSpec[]): CommandJson[] {
  if (commands.length > 100) throw new Error('Discord allows 100 slash commands');
  return commands.map(commandJson);
}
