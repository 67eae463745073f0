import {
  ApplicationCommandOptionType,
  GuildMember,
  PermissionFlagsBits,
  type APIInteractionDataResolvedGuildMember,
  type APIInteractionGuildMember,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type User,
} from 'discord.js';
import type { Invocation, MemberRef } from '../../core/types.ts';

// Discord in, neutral out: who acts (a display name, the Manage Server permission), where (guild = co-op, channel),
// and the typed options ("admin add" for a subcommand in a group, users as { ref, name }, channels as ids).

export type Identity = Pick<Invocation, 'platform' | 'coopRef' | 'coopName' | 'channelRef' | 'member' | 'isPlatformAdmin'>;

type AnyMember = GuildMember | APIInteractionGuildMember | APIInteractionDataResolvedGuildMember | null | undefined;

/** The name people see: server nickname, else global display name, else username. */
export function displayName(member: AnyMember, user: User | undefined): string {
  if (member instanceof GuildMember) return member.displayName;
  if (member?.nick) return member.nick;
  return user ? (user.globalName ?? user.username) : '';
}

export function memberRef(user: User, member: AnyMember): MemberRef {
  return { ref: user.id, name: displayName(member, user) };
}

/** The acting member in a guild interaction; undefined outside a guild (a DM with the bot). */
export function guildIdentity(interaction: Interaction): Identity | undefined {
  if (!interaction.inGuild()) return undefined;
  const identity: Identity = {
    platform: 'discord',
    coopRef: interaction.guildId,
    member: memberRef(interaction.user, interaction.member),
    isPlatformAdmin: interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild),
  };
  if (interaction.guild?.name) identity.coopName = interaction.guild.name;
  if (interaction.channelId) identity.channelRef = interaction.channelId;
  return identity;
}

export function idempotencyKey(interaction: Interaction): string {
  return `discord:${interaction.id}`;
}

/** "admin add" for a subcommand in a group, "request" for a subcommand, '' for a command without any. */
export function subcommandOf(interaction: { options: { getSubcommandGroup(required: false): string | null; getSubcommand(required: false): string | null } }): string {
  const group = interaction.options.getSubcommandGroup(false);
  const sub = interaction.options.getSubcommand(false) ?? '';
  return group ? `${group} ${sub}` : sub;
}

function optionValue(option: CommandInteractionOption): unknown {
  switch (option.type) {
    case ApplicationCommandOptionType.User:
      return option.user ? memberRef(option.user, option.member) : option.value;
    case ApplicationCommandOptionType.Channel:
      return option.channel?.id ?? option.value;
    default:
      return option.value;
  }
}

/** The leaf options, whatever subcommand or group they sit in. */
export function readOptions(interaction: ChatInputCommandInteraction): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const walk = (list: readonly CommandInteractionOption[]) => {
    for (const option of list) {
      if (option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup) {
        walk(option.options ?? []);
      } else {
        const value = optionValue(option);
        if (value !== undefined) options[option.name] = value;
      }
    }
  };
  walk(interaction.options.data);
  return options;
}
