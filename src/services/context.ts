import type { Store } from '../db/store.ts';
import type { Coop } from '../db/repositories/coops.ts';
import type { Member } from '../db/repositories/members.ts';
import type { Rules } from '../domain/rules.ts';
import type { Logger } from '../logger.ts';
import type { CommandSpec } from '../app/command.ts';
import type { Invocation, MemberRef, Message } from '../core/types.ts';

/** What a command handler gets: the co-op, the member acting, and the store, all inside one transaction. */
export interface CommandContext {
  readonly store: Store;
  readonly now: number;
  readonly coop: Coop;
  readonly rules: Rules;
  readonly member: Member;
  readonly isAdmin: boolean;
  readonly invocation: Invocation;
  /** The member's timezone, else the co-op's. */
  readonly timezone: string;
  readonly log: Logger;
  /** The command list, for /help. */
  readonly commands: readonly CommandSpec[];
  /** A member of this co-op by their platform ref; refuses (UserError) anyone the co-op has not met. */
  findMember(ref: MemberRef): Member;
  /** Queues a DM to a member, delivered after commit. */
  dm(member: Member, message: Message, dedupeKey?: string): void;
  /** Queues a post to the co-op's channel, delivered after commit. */
  post(message: Message, dedupeKey?: string): void;
}
