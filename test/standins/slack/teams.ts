// Many workspaces on one stand-in Slack: each team has its own bot tokens (the first from the identity, later ones
// from the OAuth install flow), each token its granted scopes; tokens can be revoked. Also the OAuth side of the
// app: the authorize page (GET /oauth/v2/authorize → 302 to the app's redirect with a one-time code) and
// oauth.v2.access, which swaps the code for a new bot token of the chosen team.
import { randomBytes } from 'node:crypto';
import type { Json, StandinIdentity } from './types.ts';

export interface StandinTeam {
  id: string;
  domain: string;
  name: string;
}

export interface IssuedBotToken {
  token: string;
  teamId: string;
  scopes: string[];
  revoked: boolean;
}

/** What the manifest asks for: a token installed from it has these. */
export const DEFAULT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'im:write', 'users:read', 'files:write', 'channels:read', 'groups:read', 'channels:history', 'groups:history', 'im:history'];

/** Code lifetime on real Slack: 10 minutes. */
const CODE_TTL_MS = 10 * 60_000;

interface IssuedCode {
  teamId: string;
  scopes: string[];
  redirectUri: string;
  at: number;
  used: boolean;
}

export class Teams {
  readonly teams = new Map<string, StandinTeam>();
  readonly #tokens = new Map<string, IssuedBotToken>();
  readonly #codes = new Map<string, IssuedCode>();
  readonly #identity: StandinIdentity;
  readonly #now: () => number;
  /** Where the authorize page sends people back when the link names no redirect_uri (the app's configured one). */
  redirectUri: string | undefined;

  constructor(identity: StandinIdentity, now: () => number) {
    this.#identity = identity;
    this.#now = now;
    this.addTeam({ id: identity.teamId, domain: identity.teamDomain, name: identity.teamDomain });
    this.#tokens.set(identity.botToken, { token: identity.botToken, teamId: identity.teamId, scopes: [...identity.scopes], revoked: false });
  }

  addTeam(team: StandinTeam): StandinTeam {
    this.teams.set(team.id, team);
    return team;
  }

  botToken(token: string | undefined): IssuedBotToken | undefined {
    return token ? this.#tokens.get(token) : undefined;
  }

  tokensOf(teamId: string): IssuedBotToken[] {
    return [...this.#tokens.values()].filter((t) => t.teamId === teamId);
  }

  /** Every token of the team stops working (`token_revoked`), as after an uninstall. */
  revoke(teamId: string): void {
    for (const token of this.tokensOf(teamId)) token.revoked = true;
  }

  /** The scopes a token was granted: fewer than the manifest's means the app was installed from an older one. */
  grant(token: string, scopes: string[]): void {
    const issued = this.#tokens.get(token);
    if (!issued) throw new Error('slack stand-in: no such token');
    issued.scopes = [...scopes];
  }

  /** `undefined` when the token may call the method, else Slack's error code. */
  authError(method: string, token: string | undefined): string | undefined {
    if (method === 'oauth.v2.access') return undefined; // client id and secret instead, checked by the method
    if (!token) return 'not_authed';
    const appMethod = method === 'apps.connections.open';
    if (token === this.#identity.appToken) return appMethod ? undefined : 'not_allowed_token_type';
    const bot = this.#tokens.get(token);
    if (!bot) return 'invalid_auth';
    if (bot.revoked) return 'token_revoked';
    return appMethod ? 'not_allowed_token_type' : undefined;
  }

  /** GET /oauth/v2/authorize: the person approved (the stand-in's `team` query parameter picks the workspace). */
  authorize(url: URL): { status: number; location?: string; body?: string } {
    const q = url.searchParams;
    if (q.get('client_id') !== this.#identity.clientId) return { status: 400, body: 'invalid_client_id' };
    const redirect = q.get('redirect_uri') ?? this.redirectUri;
    if (!redirect) return { status: 400, body: 'bad_redirect_uri' };
    const back = new URL(redirect);
    const state = q.get('state');
    if (state !== null) back.searchParams.set('state', state);
    if (q.get('deny') === '1') {
      back.searchParams.set('error', 'access_denied');
      return { status: 302, location: back.toString() };
    }
    const teamId = q.get('team') ?? this.#identity.teamId;
    if (!this.teams.has(teamId)) return { status: 400, body: 'unknown_team' };
    const code = `code-${randomBytes(8).toString('hex')}`;
    const scopes = (q.get('scope') ?? '').split(',').filter(Boolean);
    this.#codes.set(code, { teamId, scopes, redirectUri: redirect, at: this.#now(), used: false });
    back.searchParams.set('code', code);
    return { status: 302, location: back.toString() };
  }

  /** oauth.v2.access: a code for a new bot token of its team. */
  access(body: Json): Json {
    if (body.client_id !== this.#identity.clientId || body.client_secret !== this.#identity.clientSecret) return { ok: false, error: 'invalid_client_id' };
    const issued = typeof body.code === 'string' ? this.#codes.get(body.code) : undefined;
    if (!issued || issued.used || this.#now() - issued.at > CODE_TTL_MS) return { ok: false, error: 'invalid_code' };
    if (typeof body.redirect_uri === 'string' && body.redirect_uri !== issued.redirectUri) return { ok: false, error: 'bad_redirect_uri' };
    issued.used = true;
    const team = this.teams.get(issued.teamId);
    const token = `xoxb-${issued.teamId}-${randomBytes(12).toString('hex')}`;
    this.#tokens.set(token, { token, teamId: issued.teamId, scopes: issued.scopes, revoked: false });
    return {
      ok: true,
      app_id: this.#identity.appId,
      authed_user: { id: `U0INSTALLER${issued.teamId}` },
      scope: issued.scopes.join(','),
      token_type: 'bot',
      access_token: token,
      bot_user_id: this.#identity.botUserId,
      team: { id: issued.teamId, name: team?.name ?? issued.teamId },
      enterprise: null,
      is_enterprise_install: false,
    };
  }
}
