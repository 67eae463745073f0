import type { Invocation, MemberRef, Message } from '../core/types.ts';
import type { Store } from '../db/store.ts';
import type { Coop } from '../domain/coops.ts';
import type { DmOptions, Sent } from '../domain/delivery.ts';
import type { Member } from '../domain/members.ts';
import type { Rules } from '../domain/rules.ts';
import type { Logger } from '../logger.ts';

/** One subcommand as /help describes it: its usage line and what it does. */
export interface CommandSummary {
  /** '' for a command without subcommands; 'admin add' for a grouped one. */
  sub: string;
  description: string;
  /** "/swap request when:<text> [kids:<n>] [note:<text>]": the precise, named form. */
  usage: string;
  /** "/swap request sat 19:00-23:00 2 kids": the same typed the way people talk. */
  example: string;
  adminOnly: boolean;
}

export interface CommandFamily {
  name: string;
  description: string;
  subcommands: readonly CommandSummary[];
}

/** What a use case gets: the co-op, the member acting, and the store, all inside the command's one transaction. */
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
  /** Every command, as /help shows them. */
  readonly catalog: readonly CommandFamily[];
  /** A member of this co-op by their platform ref; refuses (UserError) anyone the co-op has not met. */
  findMember(ref: MemberRef): Member;
  /**
   * A private message to a member, delivered after commit by the delivery policy: an answer when it is to the
   * member acting, else unprompted (quiet hours, two a week) unless `how.delivery` says it is about their sit.
   */
  dm(member: Member, message: Message, how?: DmOptions): Sent;
  /** Queues a post to the co-op's channel, delivered after commit. */
  post(message: Message, dedupeKey?: string): void;
}
