import type { Logger } from '../../logger.ts';
import { safeError } from './safe-error.ts';
import type { TeamClients } from './team-clients.ts';

// Who a Slack user is to the co-op: their display name and whether they are a workspace admin or owner.
// users.info is asked at most once per user per TTL; a failed lookup counts as "not an admin" and is not cached.

export interface SlackPerson {
  name: string;
  isWorkspaceAdmin: boolean;
  /** The timezone in their Slack profile, e.g. "Europe/London". */
  timezone?: string;
}

export const PERSON_TTL_MS = 5 * 60_000;

export class MemberDirectory {
  private readonly cache = new Map<string, { person: SlackPerson; until: number }>();

  constructor(
    private readonly clients: TeamClients,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = PERSON_TTL_MS,
  ) {}

  async lookup(teamId: string, userId: string, fallbackName: string): Promise<SlackPerson> {
    const key = `${teamId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.person;
    try {
      const client = this.clients.api(teamId);
      if (!client) throw new Error('Breather is not installed in this workspace');
      const { user } = await client.users.info({ user: userId });
      const name = user?.profile?.display_name || user?.real_name || user?.name || fallbackName;
      const person: SlackPerson = { name, isWorkspaceAdmin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner) };
      if (user?.tz) person.timezone = user.tz;
      this.cache.set(key, { person, until: this.now() + this.ttlMs });
      if (this.cache.size > 5_000) this.cache.delete(this.cache.keys().next().value ?? key);
      return person;
    } catch (error) {
      this.log.warn({ error: safeError(error), user: userId }, 'users.info failed; treating them as a regular member');
      return { name: fallbackName, isWorkspaceAdmin: false };
    }
  }
}
