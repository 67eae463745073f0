import { REST, Routes } from 'discord.js';
import type { CommandSpec } from '../../app/command.ts';
import { commandsJson } from './command-json.ts';

export interface RegistrationTarget {
  token: string;
  appId: string;
  /** Set: the commands appear in that server at once. Unset: global, for every server the bot is in. */
  guildId?: string;
  apiUrl: string;
}

/** Replaces the application's slash commands with those generated from commands/ (one bulk PUT). */
export async function registerCommands(target: RegistrationTarget, commands: readonly CommandSpec[], rest?: REST): Promise<{ scope: 'guild' | 'global'; names: string[] }> {
  const client = rest ?? new REST({ api: target.apiUrl }).setToken(target.token);
  const body = commandsJson(commands);
  const route = target.guildId ? Routes.applicationGuildCommands(target.appId, target.guildId) : Routes.applicationCommands(target.appId);
  await client.put(route, { body });
  return { scope: target.guildId ? 'guild' : 'global', names: body.map((c) => c.name) };
}
