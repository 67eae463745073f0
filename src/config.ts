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
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    DEFAULT_TIMEZONE: timezone.default('Europe/London'),
    DISCORD_TOKEN: optionalText,
    DISCORD_APP_ID: optionalText,
    DISCORD_GUILD_ID: optionalText,
    DISCORD_API_URL: z.url().default('https://discord.com/api'),
    SLACK_BOT_TOKEN: optionalText,
    SLACK_APP_TOKEN: optionalText,
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_API_URL: z.url().default('https://slack.com/api/'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  });

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
  discord?: { token: string; appId: string; guildId?: string; apiUrl: string };
  slack?: { botToken: string; appToken?: string; signingSecret?: string; apiUrl: string; port: number };
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
  if (e.DISCORD_TOKEN && e.DISCORD_APP_ID) {
    config.discord = { token: e.DISCORD_TOKEN, appId: e.DISCORD_APP_ID, apiUrl: e.DISCORD_API_URL };
    if (e.DISCORD_GUILD_ID) config.discord.guildId = e.DISCORD_GUILD_ID;
  }
  if (e.SLACK_BOT_TOKEN) {
    config.slack = { botToken: e.SLACK_BOT_TOKEN, apiUrl: e.SLACK_API_URL, port: e.PORT };
    if (e.SLACK_APP_TOKEN) config.slack.appToken = e.SLACK_APP_TOKEN;
    if (e.SLACK_SIGNING_SECRET) config.slack.signingSecret = e.SLACK_SIGNING_SECRET;
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
