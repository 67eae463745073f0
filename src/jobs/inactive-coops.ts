// A co-op whose workspace removed Breather (uninstalled, or its token revoked) is kept, but nothing is sent to it.

/**
 * Jobs that only tell people something: while the co-op is inactive they are skipped, and plan nothing after them
 * (the weekly ones are planned again when it comes back, migrations/0013_inactive_coops.sql). Jobs not listed keep
 * running: they settle or expire swaps on the deadlines the co-op was told, and what they queue waits in the outbox.
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

export const INACTIVE_REASON = 'co-op inactive: its workspace removed Breather';
