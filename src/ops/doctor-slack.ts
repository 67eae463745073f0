import { readFileSync } from 'node:fs';
import type { CommandSpec } from '../app/command.ts';
import type { SlackConfig } from '../config.ts';
import type { Store } from '../db/store.ts';
import { WorkspaceVault } from '../db/workspace-vault.ts';
import { manifestJson } from '../platforms/slack/manifest.ts';
import { INSTALL_PATH } from '../platforms/slack/oauth.ts';
import { HEALTH_PATH } from '../platforms/slack/receivers.ts';
import { botTokenOf } from '../platforms/slack/team-clients.ts';
import { field, Unreachable, type Net } from './doctor-net.ts';
import { fail, note, ok, skip, type Check } from './doctor-report.ts';
import { checkWorkspace, SlackApi, type Workspace } from './doctor-slack-workspace.ts';

// Slack: slack-manifest.json against commands/, each workspace's token, scopes and channels (one with
// SLACK_BOT_TOKEN, or each installation in OAuth mode), and Socket Mode or HTTP mode reachable.

export interface SlackDoctorOptions {
  manifestPath: string;
  secretKey?: string;
  publicUrl?: string;
  now: () => number;
}

function manifestCheck(path: string, commands: readonly CommandSpec[]): Check {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return fail('slack manifest', `${path} is missing: run npm run manifest to write it.`);
  }
  return text === manifestJson(commands)
    ? ok('slack manifest', 'slack-manifest.json matches commands/ (a bot token cannot list the slash commands Slack has: if one is missing there, paste the manifest again).')
    : fail('slack manifest', 'slack-manifest.json is out of date with commands/: run npm run manifest, then paste it under App Manifest in the app settings and save.');
}

const silent = { info: () => undefined, warn: () => undefined };

function workspaces(config: SlackConfig, store: Store | undefined, options: SlackDoctorOptions): { list: Workspace[]; checks: Check[] } {
  const coops = (teamId: string) => store?.coopActivity.coopsOf('slack').filter((c) => c.externalRef === teamId);
  if (config.botToken) return { list: [{ label: 'slack', token: config.botToken, variable: 'SLACK_BOT_TOKEN', coops }], checks: [] };
  if (!store) return { list: [], checks: [skip('slack workspaces', 'the database could not be read (see above).')] };
  if (!options.secretKey) return { list: [], checks: [fail('slack workspaces', 'OAuth mode needs BREATHER_SECRET_KEY to read the installations.')] };
  const vault = new WorkspaceVault(store, options.secretKey, { now: options.now }, silent);
  const rows = store.workspaceInstalls.all('slack');
  const checks: Check[] = [];
  if (rows.length === 0) {
    const page = options.publicUrl ? `${options.publicUrl}${INSTALL_PATH}` : INSTALL_PATH;
    checks.push(note('slack workspaces', `no workspace has installed Breather yet: a workspace admin opens ${page}.`));
  }
  const list: Workspace[] = [];
  for (const row of rows) {
    const label = `slack workspace ${row.teamName ?? row.teamRef}`;
    const token = botTokenOf(vault.find('slack', row.teamRef));
    if (token) list.push({ label, token, variable: '', coops });
    else checks.push(fail(label, 'its installation cannot be read with this BREATHER_SECRET_KEY (was the key changed?): put the old key back, or have the workspace install Breather again.'));
  }
  for (const coop of store.coopActivity.coopsOf('slack').filter((c) => c.inactiveSince !== null && !rows.some((r) => r.teamRef === c.externalRef))) {
    checks.push(note(`slack workspace ${coop.name || coop.externalRef}`, `removed Breather (${coop.inactiveReason ?? 'uninstalled'}): its co-op is kept and gets nothing sent until it installs again.`));
  }
  return { list, checks };
}

async function connection(api: SlackApi, net: Net, config: SlackConfig, publicUrl: string | undefined): Promise<Check> {
  if (config.appToken && !config.oauth) {
    try {
      const opened = await api.call('apps.connections.open', config.appToken);
      if (field(opened.body, 'ok') === true) return ok('slack socket mode', 'Slack hands out Socket Mode connections for SLACK_APP_TOKEN.');
      return fail('slack socket mode', `Slack refused SLACK_APP_TOKEN (${String(field(opened.body, 'error'))}): make an app-level token with connections:write (Basic Information → App-Level Tokens).`);
    } catch (e) {
      if (!(e instanceof Unreachable)) throw e;
      return fail('slack socket mode', `${e.message}.`);
    }
  }
  const target = publicUrl ? `${publicUrl}${HEALTH_PATH}` : `http://127.0.0.1:${config.port}${HEALTH_PATH}`;
  try {
    const answer = await net.request(target);
    if (answer.status === 200) return ok('slack http mode', `Breather answers at ${target}; Slack's Request URLs must point at …/slack/events there.`);
    return fail('slack http mode', `${target} answered ${answer.status}: Breather is up but not healthy (it says ${JSON.stringify(answer.body)}).`);
  } catch (e) {
    if (!(e instanceof Unreachable)) throw e;
    if (publicUrl) return fail('slack http mode', `${e.message}: Slack cannot reach ${publicUrl} either (is Breather running, and the proxy or firewall open?).`);
    return note('slack http mode', `nothing answers on port ${config.port}: Breather is not running here. Set PUBLIC_URL to check the address Slack uses.`);
  }
}

export async function checkSlack(config: SlackConfig, net: Net, commands: readonly CommandSpec[], store: Store | undefined, options: SlackDoctorOptions): Promise<Check[]> {
  const api = new SlackApi(net, config.apiUrl);
  const checks: Check[] = [manifestCheck(options.manifestPath, commands)];
  const { list, checks: found } = workspaces(config, store, options);
  checks.push(...found);
  let reached = list.length === 0;
  for (const ws of list) {
    const result = await checkWorkspace(api, ws);
    reached ||= result.reached;
    checks.push(...result.checks);
  }
  // Without any answer from Slack, the connection check would only repeat that.
  if (!reached && config.appToken && !config.oauth) checks.push(skip('slack socket mode', 'Slack could not be reached.'));
  else checks.push(await connection(api, net, config, options.publicUrl));
  return checks;
}
