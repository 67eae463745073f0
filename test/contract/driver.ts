// The platform driver the shared contract scenarios run against. Each adapter's tests implement it over their own
// stand-in (Slack: test/platforms/slack/contract-driver.ts), with the real adapter, dispatcher and SQLite behind it.

import type { Platform } from '../../src/core/types.ts';

/** The people of every scenario: Ana is a platform admin (Slack workspace admin, Discord Manage Server). */
export type Who = 'ana' | 'ben' | 'cleo';
export const DISPLAY_NAME: Record<Who, string> = { ana: 'Ana', ben: 'Ben', cleo: 'Cleo' };

/** A member-kind option names a person; the driver writes it the platform's way (`<@U…>`, a user option…). */
export interface PersonOption {
  person: Who;
}
export type OptionValue = string | number | PersonOption;

/** One message as a person saw it, whatever the platform drew: all its visible text, and its buttons' labels. */
export interface Seen {
  /** Plain text: the message and its cards/embeds/blocks, mentions shown as the person's display name. */
  text: string;
  buttons: string[];
}

export interface ContractDriver {
  readonly platform: Platform;
  /**
   * Runs `/command sub option:value…` as `who`, in the co-op's channel, and resolves with the private answer once
   * the platform acknowledged and the answer arrived.
   */
  run(who: Who, command: string, sub: string, options?: Record<string, OptionValue>): Promise<Seen>;
  /** Presses the button labelled `label` on a message `who` can see; resolves with the private answer. */
  press(who: Who, on: Seen, label: string): Promise<Seen>;
  /**
   * Presses a button that opens a form (Discord modal, Slack view), fills in `fields` and submits it; resolves with
   * the answer the person sees (Slack: the view the form turns into, or the error beside a field).
   */
  fillForm(who: Who, on: Seen, label: string, fields: Record<string, string>): Promise<Seen>;
  /**
   * Delivers the last run or press again, the way duplicates happen on this platform (Slack: a retry of the same
   * delivery; Discord: the same click twice); resolves with the answer to the duplicate.
   */
  repeatLast(): Promise<Seen>;
  /** Resolves with the first channel post containing `text` (already there or still to come). */
  channelPost(text: string): Promise<Seen>;
  /** Resolves with the first DM to `who` containing `text`. */
  dm(who: Who, text: string): Promise<Seen>;
  /** Everything delivered so far, once the outbox has been drained: channel posts and each person's DMs. */
  delivered(): Promise<{ channel: Seen[]; dms: Record<Who, Seen[]> }>;
  /** Moves the co-op's clock (an ISO instant); nothing runs by itself. */
  setTime(iso: string): void;
  /** Moves the clock to an ISO instant the way time passes: every job due on the way runs, in order, and is delivered. */
  advanceTo(iso: string): Promise<void>;
  /** The household balance in credit-minutes (60 = 1 h), or undefined for someone the co-op hasn't met. */
  balance(who: Who): number | undefined;
  close(): Promise<void>;
}

/** The welcome every member gets once, on their first command: scenarios about other DMs leave it aside. */
export const isWelcome = (text: string): boolean => text.includes('Three lines on how it works');

/** Starts a fresh world (new stand-in, new database) at 2026-11-22T12:00Z, a Sunday. */
export type DriverFactory = () => Promise<ContractDriver>;
