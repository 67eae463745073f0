// A co-op whose workspace removed Breather (uninstalled, or its token revoked) is kept, but nothing is sent to it.

/**
 * Jobs that only tell people something: while the co-op is inactive they are skipped, and plan nothing after them.
 * When it comes back (migrations/0013_inactive_coops.sql queues it for the planning pass): the weekly ones (check-in,
 * digest, round of nudges) are planned again, and so is one reminder of its open disputes; the one-off words still
 * in their time (a sit's reminder, halfway invitation and prompt to confirm, the note about new families) run again,
 * the last of each only (CoopActivityRepository.markActive); a nudge is not sent late, the next round decides again.
 * Jobs not listed keep running: they settle or expire swaps on the deadlines the co-op was told, and what they queue
 * waits in the outbox.
 */
export const SKIPPED_WHILE_INACTIVE: ReadonlySet<string> = new Set([
  'checkin',
  'digest',
  'nudge_round',
  'nudge',
  'reminder',
  'completion_prompt',
  'dispute_reminder',
  'new_families',
  'thread_archive',
  'update_invitation',
]);

export { INACTIVE_REASON } from '../db/repositories/coop-activity.ts';
