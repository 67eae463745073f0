import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiverOptions, Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { SlackConfig } from '../../config.ts';
import type { WorkspaceInstalls } from '../../core/workspaces.ts';
import type { Logger } from '../../logger.ts';
import { BOT_SCOPES } from './manifest.ts';

// OAuth mode: one Breather for many workspaces. A workspace admin opens /slack/install, presses "Add to Slack",
// approves in Slack, and lands on /slack/oauth_redirect, where Bolt swaps the code for the workspace's bot token
// (oauth.v2.access) and hands us the installation to keep, sealed, in the database. From then on Bolt looks the
// token up for each request of that workspace; the workspace is its own co-op.

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

type BoltInstall = Installation<'v1' | 'v2', boolean>;
type CallbackOptions = NonNullable<NonNullable<HTTPReceiverOptions['installerOptions']>['callbackOptions']>;

/** The co-op a Bolt installation or query belongs to: the team, or the enterprise for an org-wide install. */
export function teamRefOf(query: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined }): string {
  const ref = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
  if (!ref) throw new Error('the Slack request names no workspace');
  return ref;
}

/** Bolt's InstallationStore over the port main.ts gives us; the record is Bolt's installation as JSON. */
export function installationStore(installs: WorkspaceInstalls): InstallationStore {
  return {
    async storeInstallation(installation: BoltInstall) {
      const teamRef = teamRefOf({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall });
      const teamName = installation.team?.name;
      installs.save({ platform: 'slack', teamRef, record: JSON.stringify(installation), ...(teamName ? { teamName } : {}) });
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const teamRef = teamRefOf(query);
      const record = installs.find('slack', teamRef);
      if (!record) throw new Error(`Breather is not installed in workspace ${teamRef}`);
      return JSON.parse(record) as BoltInstall;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      installs.deactivate('slack', teamRefOf(query), 'uninstalled');
    },
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, line: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Breather</title></head><body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>${escapeHtml(title)}</h1><p>${escapeHtml(line)}</p></body></html>`);
}

/** One plain line for each way an install can fail; the log gets the same line, never the request. */
export function installFailureLine(code: string | undefined): string {
  switch (code) {
    case 'slack_oauth_invalid_state':
    case 'slack_oauth_missing_state':
      return `This install link does not match this browser (it expired, or was opened elsewhere): start again at ${INSTALL_PATH}.`;
    case 'slack_oauth_installer_authorization_error':
      return 'Installing was cancelled in Slack, or Slack refused it; nothing changed. Start again when ready.';
    case 'slack_oauth_missing_code':
      return `Slack sent no install code: start again at ${INSTALL_PATH}.`;
    default:
      return `Slack could not finish installing Breather; nothing changed. Try again at ${INSTALL_PATH}.`;
  }
}

function callbacks(log: Logger): CallbackOptions {
  return {
    success: (installation, _options, _req: IncomingMessage, res: ServerResponse) => {
      const where = installation.team?.name ?? installation.enterprise?.name ?? 'your workspace';
      log.info({ coop: installation.team?.id ?? installation.enterprise?.id }, 'Breather installed in a workspace');
      page(res, 200, `Breather is in ${where}`, 'In your swaps channel, run /coop setup timezone:Europe/London channel:#swaps (with your own timezone and channel).');
    },
    failure: (error, _options, _req: IncomingMessage, res: ServerResponse) => {
      const line = installFailureLine(error.code);
      log.warn({ code: error.code }, line);
      page(res, 400, 'Breather was not installed', line);
    },
  };
}

function installPage(url: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Add Breather to Slack</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>Breather</h1><p>Babysitting swaps, co-op credits and gentle weekly break check-ins for your parents' group.</p>
<p><a href="${escapeHtml(url)}">Add to Slack</a></p></body></html>`;
}

/** Slack's authorize page, beside its Web API: https://slack.com/api/ → https://slack.com/oauth/v2/authorize. */
export function authorizationUrl(apiUrl: string): string {
  return new URL('../oauth/v2/authorize', apiUrl).toString();
}

/** What Bolt's HTTP receiver needs to serve the install flow. */
export function oauthReceiverOptions(
  config: SlackConfig,
  installs: WorkspaceInstalls,
  log: Logger,
  publicUrl?: string,
): Pick<HTTPReceiverOptions, 'clientId' | 'clientSecret' | 'stateSecret' | 'scopes' | 'installationStore' | 'installerOptions' | 'redirectUri'> {
  const oauth = config.oauth;
  if (!oauth) throw new Error('OAuth mode needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET');
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore: installationStore(installs),
    ...(publicUrl ? { redirectUri: `${publicUrl}${REDIRECT_PATH}` } : {}),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      authorizationUrl: authorizationUrl(config.apiUrl),
      clientOptions: { slackApiUrl: config.apiUrl },
      renderHtmlForInstallPath: installPage,
      callbackOptions: callbacks(log),
    },
  };
}
