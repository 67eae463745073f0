import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandSpec } from '../../app/command.ts';
import { ASK_FOR_SITTER, OFFER_TO_SIT } from './shortcut-listener.ts';

// The Slack app manifest a newcomer pastes into "Create an app → From a manifest", generated from the command list
// so a new command can't be forgotten. `npm run manifest` rewrites slack-manifest.json.

export const BOT_SCOPES = [
  'commands', // the slash commands
  'chat:write', // channel posts, DMs
  'chat:write.public', // post in the co-op channel without being invited first
  'im:write', // conversations.open for DMs
  'users:read', // users.info: names, timezones, workspace admins
  'files:write', // exports and calendar files
  'channels:read', // conversations.info: `npm run doctor` sees that a co-op's public channel exists and is not archived
  'groups:read', // … and, for a private channel, that Breather is in it
  // conversations.history: after a send that got no answer, whether the message is there before sending it again
  'channels:history',
  'groups:history',
  'im:history',
] as const;

/**
 * Events the app subscribes to (none needs a scope): the Home tab being opened, and the workspace removing the app
 * or its token (its co-op is then kept but marked inactive).
 */
export const BOT_EVENTS = ['app_home_opened', 'app_uninstalled', 'tokens_revoked'] as const;

export const SHORTCUTS = [
  { name: 'Ask for a sitter', type: 'global', callback_id: ASK_FOR_SITTER, description: 'Post a request for a babysitter' },
  { name: 'Offer to sit for this', type: 'message', callback_id: OFFER_TO_SIT, description: 'Offer to babysit, quoting this message' },
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
      // The Home tab: credit, sits, what is open, the check-in. The Messages tab carries DMs and Home-tab answers.
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: 'breather', always_online: true },
      slash_commands: commands.map((command) => ({
        command: `/${command.name}`,
        description: command.description,
        usage_hint: usageHint(command),
        // Mentions arrive as <@U123|name>, channels as <#C123|name>: readable ids, not display names.
        should_escape: true,
      })),
      shortcuts: SHORTCUTS.map((shortcut) => ({ ...shortcut })),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    },
  };
}

/**
 * HTTP mode and OAuth mode (many workspaces): the same app, with Socket Mode off, every request URL at the public
 * address, and the redirect of the "Add to Slack" flow. `npm run manifest -- --url https://breather.example.org`.
 */
export function httpManifest(commands: readonly CommandSpec[], publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, '');
  const events = `${base}/slack/events`;
  const manifest = slackManifest(commands);
  return {
    ...manifest,
    features: { ...manifest.features, slash_commands: manifest.features.slash_commands.map((c) => ({ ...c, url: events })) },
    oauth_config: { ...manifest.oauth_config, redirect_urls: [`${base}/slack/oauth_redirect`] },
    settings: {
      ...manifest.settings,
      event_subscriptions: { ...manifest.settings.event_subscriptions, request_url: events },
      interactivity: { ...manifest.settings.interactivity, request_url: events },
      socket_mode_enabled: false,
    },
  };
}

export const MANIFEST_PATH = fileURLToPath(new URL('../../../slack-manifest.json', import.meta.url));

export function manifestJson(commands: readonly CommandSpec[]): string {
  return `${JSON.stringify(slackManifest(commands), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { commands } = await import('../../../commands/index.ts');
  const url = process.argv[process.argv.indexOf('--url') + 1];
  if (process.argv.includes('--url')) {
    // Printed, not written: slack-manifest.json stays the Socket Mode one the repository checks.
    if (!url || !/^https?:\/\//.test(url)) throw new Error('--url needs the public address, e.g. --url https://breather.example.org');
    process.stdout.write(`${JSON.stringify(httpManifest(commands, url), null, 2)}\n`);
  } else {
    writeFileSync(MANIFEST_PATH, manifestJson(commands));
    process.stdout.write(`wrote ${MANIFEST_PATH}\n`);
  }
}
