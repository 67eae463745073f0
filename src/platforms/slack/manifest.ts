import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandSpec } from '../../app/command.ts';

// The Slack app manifest a newcomer pastes into "Create an app → From a manifest", generated from the command list
// so a new command can't be forgotten. `npm run manifest` rewrites slack-manifest.json.

export const BOT_SCOPES = [
  'commands', // the slash commands
  'chat:write', // channel posts, DMs
  'chat:write.public', // post in the co-op channel without being invited first
  'im:write', // conversations.open for DMs
  'users:read', // users.info: names, timezones, workspace admins
  'files:write', // exports and calendar files
  // conversations.history: after a send that got no answer, whether the message is there before sending it again
  'channels:history',
  'groups:history',
  'im:history',
] as const;

const SLACK_HINT_MAX = 100;

function usageHint(command: CommandSpec): string {
  const subs = Object.keys(command.subcommands).filter(Boolean);
  const root = command.subcommands[''];
  const hint = subs.length ? subs.join(' | ') : Object.keys(root?.options ?? {}).map((o) => `[${o}:…]`).join(' ');
  return hint.length > SLACK_HINT_MAX ? `${hint.slice(0, hint.lastIndexOf(' | ', SLACK_HINT_MAX - 2))} | …` : hint;
}

export function slackManifest(commands: readonly CommandSpec[]) {
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Breather',
      description: 'Babysitting swaps, co-op credits and gentle weekly break check-ins for parents.',
      background_color: '#2f5d62',
    },
    features: {
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: 'breather', always_online: true },
      slash_commands: commands.map((command) => ({
        command: `/${command.name}`,
        description: command.description,
        usage_hint: usageHint(command),
        // Mentions arrive as <@U123|name>, channels as <#C123|name>: readable ids, not display names.
        should_escape: true,
      })),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    },
  };
}

export const MANIFEST_PATH = fileURLToPath(new URL('../../../slack-manifest.json', import.meta.url));

export function manifestJson(commands: readonly CommandSpec[]): string {
  return `${JSON.stringify(slackManifest(commands), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { commands } = await import('../../../commands/index.ts');
  writeFileSync(MANIFEST_PATH, manifestJson(commands));
  process.stdout.write(`wrote ${MANIFEST_PATH}\n`);
}
