import type { JobHandler } from '../job-run.ts';
import { backup } from './backup.ts';
import { checkin } from './checkin.ts';
import { digest } from './digest.ts';
import { nudge, nudgeRound } from './nudges.ts';
import { prune } from './prune.ts';
import { autoComplete, expire } from './swap-closing.ts';
import { completionPrompt, reminder } from './swap-reminders.ts';

/** Every kind of job the scheduler knows, by the `kind` stored in the jobs table. */
export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  checkin,
  digest,
  nudge_round: nudgeRound,
  nudge,
  reminder,
  completion_prompt: completionPrompt,
  auto_complete: autoComplete,
  expire,
  backup,
  prune,
};
