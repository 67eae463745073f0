import { webApi, type Logger as BoltLogger } from '@slack/bolt';
import { SlackPoster } from './poster.ts';

// A Web API client per workspace. In single-workspace mode every team gets the one bot token; in OAuth mode each
// team's token comes from its stored installation, so a user lookup, a Home tab or a DM for a team goes out with
// that team's token. Clients are kept per token (a reinstall brings a new one), a bounded number of them.

/** The bot token for a workspace, or undefined when Breather is not installed there. */
export type TokenFor = (teamId: string) => string | undefined;

export interface TeamClientOptions {
  apiUrl: string;
  logger: BoltLogger;
  /** Retries for answers, forms, lookups and the Home tab. Deliveries get none: the relay schedules retries. */
  retryConfig: webApi.RetryOptions;
  /** How long a delivery waits for Slack's answer before it counts as unknown. */
  deliveryTimeoutMs: number;
}

const MAX_KEPT = 2_000;

interface Kept {
  api: webApi.WebClient;
  poster: SlackPoster;
}

export class TeamClients {
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly tokenFor: TokenFor,
    private readonly options: TeamClientOptions,
  ) {}

  /** For lookups, views and answers: a few quick retries. */
  api(teamId: string): webApi.WebClient | undefined {
    return this.clientsOf(teamId)?.api;
  }

  /** For deliveries (DMs, channel posts, files): no retries of its own, and a 429 comes straight back. */
  poster(teamId: string): SlackPoster | undefined {
    return this.clientsOf(teamId)?.poster;
  }

  private clientsOf(teamId: string): Kept | undefined {
    const token = this.tokenFor(teamId);
    if (!token) return undefined;
    const known = this.kept.get(token);
    if (known) return known;
    const { apiUrl, logger, retryConfig, deliveryTimeoutMs } = this.options;
    const delivery = new webApi.WebClient(token, { slackApiUrl: apiUrl, logger, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, timeout: deliveryTimeoutMs });
    const made: Kept = { api: new webApi.WebClient(token, { slackApiUrl: apiUrl, logger, retryConfig }), poster: new SlackPoster(delivery) };
    this.kept.set(token, made);
    if (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.keys().next().value ?? token);
    return made;
  }
}

/** OAuth mode: the bot token inside a stored installation record (Bolt's Installation, as JSON). */
export function botTokenOf(record: string | undefined): string | undefined {
  if (!record) return undefined;
  try {
    const parsed: unknown = JSON.parse(record);
    if (typeof parsed !== 'object' || parsed === null || !('bot' in parsed)) return undefined;
    const bot = parsed.bot;
    return typeof bot === 'object' && bot !== null && 'token' in bot && typeof bot.token === 'string' ? bot.token : undefined;
  } catch {
    return undefined;
  }
}
