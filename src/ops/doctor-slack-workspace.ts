import type { CoopActivityRow } from '../db/repositories/coop-activity.ts';
import { BOT_SCOPES } from '../platforms/slack/manifest.ts';
import { field, Unreachable, type Answer, type Net } from './doctor-net.ts';
import { fail, note, ok, skip, type Check } from './doctor-report.ts';

// One Slack workspace: its bot token works, it has every scope the manifest asks for, and Breather can post in each
// of its co-op's channel. Single-token mode has one such workspace; OAuth mode one per installation.

export class SlackApi {
  constructor(
    private readonly net: Net,
    private readonly apiUrl: string,
  ) {}

  call(method: string, token: string, params: Record<string, string> = {}): Promise<Answer> {
    return this.net.request(`${this.apiUrl.replace(/\/?$/, '/')}${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
  }
}

const error = (answer: Answer) => String(field(answer.body, 'error') ?? `HTTP ${answer.status}`);

/** Plain words for Slack's token errors. */
export function tokenProblem(code: string, variable: string): string {
  if (code === 'token_revoked' || code === 'account_inactive' || code === 'token_expired') {
    return `the token was revoked (was the app uninstalled?): install it again and use the new Bot User OAuth Token${variable ? ` in ${variable}` : ''}.`;
  }
  if (code === 'invalid_auth' || code === 'not_authed') return `Slack refused the token (${code})${variable ? `: copy the Bot User OAuth Token again into ${variable}` : ''}.`;
  return `Slack answered ${code} to the token check: try again later.`;
}

export interface Workspace {
  /** How the lines name it: "slack" (one workspace) or "slack workspace Maple". */
  label: string;
  token: string;
  /** The variable to fix, in single-token mode. */
  variable: string;
  /** The co-ops this token serves (all Slack co-ops of its team). */
  coops: (teamId: string) => CoopActivityRow[] | undefined;
}

export async function checkWorkspace(api: SlackApi, ws: Workspace): Promise<{ checks: Check[]; reached: boolean }> {
  let me: Answer;
  try {
    me = await api.call('auth.test', ws.token);
  } catch (e) {
    if (!(e instanceof Unreachable)) throw e;
    return { reached: false, checks: [fail(`${ws.label} token`, `${e.message}. Is this machine online?`), skip(`${ws.label} scopes`, 'Slack could not be reached.'), skip(`${ws.label} channels`, 'Slack could not be reached.')] };
  }
  if (field(me.body, 'ok') !== true) {
    return { reached: true, checks: [fail(`${ws.label} token`, tokenProblem(error(me), ws.variable)), skip(`${ws.label} scopes`, 'needs a working token.'), skip(`${ws.label} channels`, 'needs a working token.')] };
  }
  const teamId = String(field(me.body, 'team_id'));
  const checks: Check[] = [ok(`${ws.label} token`, `works: bot @${String(field(me.body, 'user'))} in workspace ${String(field(me.body, 'team'))} (${teamId}).`)];
  const granted = (me.headers.get('x-oauth-scopes') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const lacking = BOT_SCOPES.filter((s) => !granted.includes(s));
  checks.push(
    lacking.length === 0
      ? ok(`${ws.label} scopes`, 'the app has every scope slack-manifest.json asks for.')
      : fail(`${ws.label} scopes`, `the app in Slack lacks ${lacking.join(', ')}: paste slack-manifest.json under App Manifest, save, and reinstall the app to the workspace.`),
  );
  checks.push(...(await channels(api, ws, teamId)));
  return { reached: true, checks };
}

async function channels(api: SlackApi, ws: Workspace, teamId: string): Promise<Check[]> {
  const coops = ws.coops(teamId);
  if (!coops) return [skip(`${ws.label} channels`, 'the database could not be read (see above).')];
  if (coops.length === 0) return [note(`${ws.label} channels`, 'no co-op yet: it starts with the first command someone runs there.')];
  const checks: Check[] = [];
  for (const coop of coops) {
    const name = `${ws.label} channels`;
    if (coop.inactiveSince !== null) {
      checks.push(note(name, `this workspace removed Breather (${coop.inactiveReason ?? 'uninstalled'}) on ${new Date(coop.inactiveSince).toISOString().slice(0, 10)}: its co-op is kept and gets nothing sent.`));
      continue;
    }
    if (!coop.channelRef) {
      checks.push(note(name, 'the co-op has no channel of its own yet: an admin runs /coop setup channel:#… there.'));
      continue;
    }
    let answer: Answer;
    try {
      answer = await api.call('conversations.info', ws.token, { channel: coop.channelRef });
    } catch (e) {
      if (!(e instanceof Unreachable)) throw e;
      checks.push(fail(name, `${e.message}.`));
      continue;
    }
    const code = error(answer);
    if (field(answer.body, 'ok') !== true) {
      if (code === 'missing_scope') checks.push(fail(name, 'cannot look at channels (channels:read, groups:read missing): paste slack-manifest.json under App Manifest and reinstall.'));
      else if (code === 'channel_not_found') checks.push(fail(name, `Breather cannot see the co-op channel <#${coop.channelRef}> (deleted, or private without Breather): /invite @breather there, or /coop setup channel:#… another.`));
      else checks.push(fail(name, `Slack answered ${code} for the co-op channel.`));
      continue;
    }
    const channel = field(answer.body, 'channel');
    const title = `#${String(field(channel, 'name'))}`;
    if (field(channel, 'is_archived') === true) checks.push(fail(name, `the co-op channel ${title} is archived: /coop setup channel:#… picks another.`));
    else if (field(channel, 'is_private') === true && field(channel, 'is_member') !== true) checks.push(fail(name, `${title} is private and Breather is not in it: /invite @breather there.`));
    else checks.push(ok(name, `Breather can post in the co-op channel ${title}.`));
  }
  return checks;
}
