import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

// The link an organiser opens to add the bot to their server: the bot and its slash commands, and only the
// permissions it uses: see channels, post, embed cards, attach files (.ics, CSV), and each accepted sit's private
// thread (open it, post in it, add the two families and archive it after the sit: Manage Threads, because nobody
// else may invite people into it). No privileged intents are needed.

export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.CreatePrivateThreads |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.ManageThreads;

export function inviteUrl(appId: string, guildId?: string): string {
  const params = new URLSearchParams({
    client_id: appId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: BOT_PERMISSIONS.toString(),
  });
  if (guildId) params.set('guild_id', guildId);
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}
