import { REST, Routes } from 'discord.js';
import type { CommandSpec } from '../../app/command.ts';
import { commandsJson } from './command-json.ts';
import { contextMenuJson } from './context-menu.ts';

export interface RegistrationTarget {
  token: string;
  appId: string;
  /** Set: the commands appear in that server at once. Unset: global, for every server the bot is in. */
  guildId?: string;
  apiUrl: string;
}

/** Replaces the application's commands with the slash commands generated from commands/ and the Apps menu (one bulk PUT). */
export async function registerCommands(target: RegistrationTarget, commands: readonly CommandSpec[], rest?: REST): Promise<{ scope: 'guild' | 'global'; names: string[] }> {
  const client = rest ?? new REST({ api: target.apiUrl }).setToken(target.token);
  const body = [...commandsJson(commands), ...contextMenuJson()];
  const route = target.guildId ? Routes.applicationGuildCommands(target.appId, target.guildId) : Routes.applicationCommands(target.appId);
  await client.put(route, { body });
  return { scope: target.guildId ? 'guild' : 'global', names: body.map((c) => c.name) };
}
