import type { CommandSpec } from '../src/app/command.ts';
import { breakCommand } from './break.ts';
import { checkinCommand } from './checkin.ts';
import { coopCommand } from './coop.ts';
import { creditsCommand } from './credits.ts';
import { helpCommand } from './help.ts';
import { householdCommand } from './household.ts';
import { privacyCommand } from './privacy.ts';
import { profileCommand } from './profile.ts';
import { swapCommand } from './swap.ts';

/** Every command family, listed explicitly: the console, Discord and Slack all generate from this list. */
export const commands: readonly CommandSpec[] = [
  swapCommand,
  creditsCommand,
  householdCommand,
  breakCommand,
  checkinCommand,
  profileCommand,
  privacyCommand,
  coopCommand,
  helpCommand,
];
