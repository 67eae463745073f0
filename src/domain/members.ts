import type { Coop } from './coops.ts';
import { DEFAULT_QUIET, isQuietAt, nextNonQuietInstant, type QuietHours } from './quiet-hours.ts';

/** A parent in one co-op. Credits belong to their household (a household of one until they share). */
export interface Member {
  id: number;
  coopId: number;
  householdId: number;
  /** The platform's own user id (Discord snowflake, Slack user id, console name). */
  externalRef: string;
  displayName: string;
  isAdmin: boolean;
  /** Chosen with /profile; wins over the platform profile's. */
  timezone: string | null;
  /** From the platform profile (Slack), kept current with every command. */
  profileTimezone: string | null;
  quietStart: number | null;
  quietEnd: number | null;
  forgottenAt: number | null;
  createdAt: number;
  /** `/profile pause:`: until then only messages about their own sits reach them. */
  pausedUntil: number | null;
  /** A sitter's all's-well updates: outside quiet hours ('on'), at any hour, or not at all. */
  sitUpdates: SitUpdates;
  /** When they were welcomed (their first command or press here); null until then. */
  welcomedAt: number | null;
}

export type SitUpdates = 'on' | 'anytime' | 'off';

/** Where a member's times are read and shown: their own choice, else their platform profile's, else the co-op's. */
export function timezoneOf(member: Member, coop: Coop): string {
  return member.timezone ?? member.profileTimezone ?? coop.timezone;
}

/** The member's quiet hours; never set = the default 21:00–08:00. */
export function quietHoursOf(member: Member): QuietHours {
  return member.quietStart === null || member.quietEnd === null ? DEFAULT_QUIET : { start: member.quietStart, end: member.quietEnd };
}

/** When quiet hours hold a message back: the instant they end; undefined when `at` is not quiet. */
export function quietUntil(member: Member, coop: Coop, at: number): number | undefined {
  const timezone = timezoneOf(member, coop);
  const quiet = quietHoursOf(member);
  return isQuietAt(at, timezone, quiet) ? nextNonQuietInstant(at, timezone, quiet) : undefined;
}
