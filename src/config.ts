import { z } from 'zod';

// The only reader of process.env. A bad or missing value stops start-up with one line per problem.

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const timezone = z.string().refine(isTimezone, { message: 'must be an IANA timezone such as Europe/London' });

const schema = z
  .object({
    DATABASE_PATH: z.string().trim().min(1).default('./data/breather.db'),
    BACKUP_DIR: z.string().trim().min(1).default('./data/backups'),
    // Empty (as .env.example ships it) means unset, like the optional texts.
    LOG_LEVEL: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()),
    DEFAULT_TIMEZONE: timezone.default('Europe/London'),
    DISCORD_TOKEN: optionalText,
    DISCORD_APP_ID: optionalText,
    DISCORD_GUILD_ID: optionalText,
    DISCORD_API_URL: z.url().default('https://discord.com/api'),
    DISCORD_SHARDS: optionalText.refine((v) => v === undefined || /^(auto|[1-9]\d{0,3})$/.test(v), { message: 'must be auto or a number of shards such as 2' }),
    SLACK_BOT_TOKEN: optionalText,
    SLACK_APP_TOKEN: optionalText,
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_API_URL: z.url().default('https://slack.com/api/'),
    SLACK_CLIENT_ID: optionalText,
    SLACK_CLIENT_SECRET: optionalText,
    SLACK_STATE_SECRET: optionalText,
    BREATHER_SECRET_KEY: optionalText,
    PUBLIC_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), { message: 'must be the public address, such as https://breather.example.org' }),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  });

/** BREATHER_SECRET_KEY: 32 random bytes, as base64 (44 characters) or hex (64). */
export function secretKeyBytes(text: string): Buffer | undefined {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : /^[A-Za-z0-9+/]{43}=?$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  return bytes?.length === 32 ? bytes : undefined;
}

export const MAKE_A_KEY = 'make one with: openssl rand -base64 32';

/** Checks between variables; run on the raw values so every problem is reported in one go. */
function crossProblems(env: NodeJS.ProcessEnv): string[] {
  const set = (name: string) => (env[name]?.trim() ?? '') !== '';
  const value = (name: string) => env[name]?.trim() ?? '';
  const problems: string[] = [];
  if (set('DISCORD_TOKEN') && !set('DISCORD_APP_ID')) problems.push('DISCORD_APP_ID: is required when DISCORD_TOKEN is set');
  if (set('SLACK_BOT_TOKEN') && !set('SLACK_APP_TOKEN') && !set('SLACK_SIGNING_SECRET')) {
    problems.push('SLACK_APP_TOKEN: or SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set (Socket Mode or HTTP mode)');
  }
  if (set('SLACK_BOT_TOKEN') && !value('SLACK_BOT_TOKEN').startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN: must be a bot token starting with xoxb-');
  if (set('SLACK_APP_TOKEN') && !value('SLACK_APP_TOKEN').startsWith('xapp-')) problems.push('SLACK_APP_TOKEN: must be an app-level token starting with xapp-');
  if (set('BREATHER_SECRET_KEY') && !secretKeyBytes(value('BREATHER_SECRET_KEY'))) {
    problems.push(`BREATHER_SECRET_KEY: must be 32 random bytes as base64 or hex; ${MAKE_A_KEY}`);
  }
  return [...problems, ...oauthProblems(set)];
}

/** Many workspaces on one install (OAuth mode): Slack's install flow hands out each workspace's token. */
function oauthProblems(set: (name: string) => boolean): string[] {
  const oauth = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'];
  if (!oauth.some(set)) return [];
  const problems = oauth.filter((name) => !set(name)).map((name) => `${name}: is required for OAuth mode (many workspaces), with ${oauth.filter((o) => o !== name).join(' and ')}`);
  if (!set('SLACK_SIGNING_SECRET')) problems.push('SLACK_SIGNING_SECRET: is required for OAuth mode, which serves HTTP (the "Add to Slack" page and /slack/events)');
  if (!set('BREATHER_SECRET_KEY')) problems.push(`BREATHER_SECRET_KEY: is required for OAuth mode, to keep each workspace's token encrypted; ${MAKE_A_KEY}`);
  if (set('SLACK_BOT_TOKEN')) problems.push("SLACK_BOT_TOKEN: leave it unset in OAuth mode: each workspace's token comes from its install");
  if (set('SLACK_APP_TOKEN')) problems.push('SLACK_APP_TOKEN: leave it unset in OAuth mode, which runs in HTTP mode');
  return problems;
}

export type Env = z.infer<typeof schema>;

export interface Config {
  databasePath: string;
  /** Where the daily backups and `npm run backup` write. */
  backupDir: string;
  /** Unset: warn for the console chat (a quiet terminal), info for a server. */
  logLevel?: Env['LOG_LEVEL'];
  defaultTimezone: string;
  /** BREATHER_SECRET_KEY: encrypts the Slack workspaces' tokens at rest (OAuth mode). */
  secretKey?: string;
  /** The address people and Slack reach this install at, e.g. https://breather.example.org (doctor, OAuth). */
  publicUrl?: string;
  discord?: { token: string; appId: string; guildId?: string; apiUrl: string; shards?: 'auto' | number };
  slack?: SlackConfig;
}

export interface SlackConfig {
  /** Single-workspace mode; unset in OAuth mode, where each workspace's token comes from its install. */
  botToken?: string;
  appToken?: string;
  signingSecret?: string;
  apiUrl: string;
  port: number;
  /** OAuth mode: many workspaces on one install, through the "Add to Slack" page. */
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = schema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`)),
    ...crossProblems(env),
  ];
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  const config: Config = {
    databasePath: e.DATABASE_PATH,
    backupDir: e.BACKUP_DIR,
    defaultTimezone: e.DEFAULT_TIMEZONE,
  };
  if (e.LOG_LEVEL) config.logLevel = e.LOG_LEVEL;
  if (e.BREATHER_SECRET_KEY) config.secretKey = e.BREATHER_SECRET_KEY;
  if (e.PUBLIC_URL) config.publicUrl = e.PUBLIC_URL.replace(/\/+$/, '');
  if (e.DISCORD_TOKEN && e.DISCORD_APP_ID) {
    config.discord = { token: e.DISCORD_TOKEN, appId: e.DISCORD_APP_ID, apiUrl: e.DISCORD_API_URL };
    if (e.DISCORD_GUILD_ID) config.discord.guildId = e.DISCORD_GUILD_ID;
    if (e.DISCORD_SHARDS) config.discord.shards = e.DISCORD_SHARDS === 'auto' ? 'auto' : Number(e.DISCORD_SHARDS);
  }
  if (e.SLACK_BOT_TOKEN || e.SLACK_CLIENT_ID) {
    config.slack = { apiUrl: e.SLACK_API_URL, port: e.PORT };
    if (e.SLACK_BOT_TOKEN) config.slack.botToken = e.SLACK_BOT_TOKEN;
    if (e.SLACK_APP_TOKEN) config.slack.appToken = e.SLACK_APP_TOKEN;
    if (e.SLACK_SIGNING_SECRET) config.slack.signingSecret = e.SLACK_SIGNING_SECRET;
    if (e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET) {
      config.slack.oauth = { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, stateSecret: e.SLACK_STATE_SECRET };
    }
  }
  return Object.freeze(config);
}

export function isTimezone(name: string): boolean {
  if (!name.includes('/') && name !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
