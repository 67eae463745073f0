import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { DeliveryResult } from '../../core/types.ts';

// Discord's error codes that matter here, and what a failure means for a delivery. Errors are reduced to a few safe
// fields before logging: discord.js errors carry the request URL, and an interaction's URL holds its token.

export const DiscordCode = {
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMember: 10007,
  UnknownUser: 10013,
  UnknownInteraction: 10062,
  MissingAccess: 50001,
  CannotSendToUser: 50007,
  MissingPermissions: 50013,
  InvalidFormBody: 50035,
  AlreadyAcknowledged: 40060,
} as const;

/** Errors that will not get better by sending the same thing again. */
const PERMANENT = new Set<number>([
  DiscordCode.UnknownChannel,
  DiscordCode.UnknownGuild,
  DiscordCode.UnknownUser,
  DiscordCode.MissingAccess,
  DiscordCode.CannotSendToUser,
  DiscordCode.MissingPermissions,
  DiscordCode.InvalidFormBody,
]);

export function discordCode(error: unknown): number | undefined {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : undefined;
}

/** The interaction was answered already (a repeated delivery) or is too old to answer: nothing left to do. */
export function isSpentInteraction(error: unknown): boolean {
  const code = discordCode(error);
  return code === DiscordCode.AlreadyAcknowledged || code === DiscordCode.UnknownInteraction;
}

/** What may be logged about a failure: never the URL (interaction and webhook tokens live in it) nor the body. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError) return { kind: 'discord', status: error.status, code: error.code, method: error.method, message: error.message };
  if (error instanceof RateLimitError) return { kind: 'ratelimit', route: error.route, retryAfterMs: error.retryAfter, global: error.global };
  if (error instanceof HTTPError) return { kind: 'http', status: error.status, method: error.method, message: error.message };
  if (error instanceof Error) return { kind: error.name, message: scrub(error.message), stack: error.stack ? scrub(error.stack) : undefined };
  return { kind: typeof error, message: scrub(String(error)) };
}

const TOKEN_IN_URL = /\/(interactions\/\d+|webhooks\/\d+)\/[\w.-]+/g;

function scrub(text: string): string {
  return text.replace(TOKEN_IN_URL, '/$1/[token]');
}

/** A failed send as the outbox relay needs it: retry (maybe after a pause) or give up. */
export function deliveryFailure(error: unknown): Extract<DeliveryResult, { ok: false }> {
  if (error instanceof RateLimitError) {
    return { ok: false, permanent: false, retryAfterMs: Math.max(error.retryAfter, 1_000), error: 'rate limited' };
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : 0;
    const text = code === DiscordCode.CannotSendToUser ? 'DMs refused (50007)' : `discord ${error.status} ${code}: ${error.message}`;
    const permanent = PERMANENT.has(code) || (error.status >= 400 && error.status < 500 && error.status !== 429);
    // A 5xx may come after the message was created: the resend's nonce sorts that out.
    return error.status >= 500 ? { ok: false, permanent, unknown: true, error: text } : { ok: false, permanent, error: text };
  }
  if (error instanceof HTTPError) return { ok: false, permanent: false, unknown: true, error: `discord http ${error.status}` };
  // A timeout or a dropped connection: Discord may have posted it.
  return { ok: false, permanent: false, unknown: true, error: error instanceof Error ? scrub(error.message) : 'unknown error' };
}
