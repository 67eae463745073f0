import type { JobHandler } from '../job-run.ts';
import { backup } from './backup.ts';
import { checkin } from './checkin.ts';
import { digest } from './digest.ts';
import { gathered } from './gathered.ts';
import { newFamilies } from './new-families.ts';
import { nudge, nudgeRound } from './nudges.ts';
import { disputeReminder } from './dispute-reminder.ts';
import { prune } from './prune.ts';
import { autoComplete, expire } from './swap-closing.ts';
import { lengthAccept, settleDeadline } from './swap-settling.ts';
import { completionPrompt, reminder } from './swap-reminders.ts';
import { threadArchive } from './thread-archive.ts';
import { updateInvitation } from './update-invitation.ts';

/** Every kind of job the scheduler knows, by the `kind` stored in the jobs table. */
export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  checkin,
  digest,
  nudge_round: nudgeRound,
  nudge,
  reminder,
  completion_prompt: completionPrompt,
  auto_complete: autoComplete,
  length_accept: lengthAccept,
  settle_deadline: settleDeadline,
  dispute_reminder: disputeReminder,
  expire,
  backup,
  thread_archive: threadArchive,
  gathered,
  new_families: newFamilies,
  update_invitation: updateInvitation,
  prune,
};
