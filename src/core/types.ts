// The neutral vocabulary every adapter speaks. Adapters turn platform events into an Invocation and render a
// Reply; nothing in here knows Discord, Slack or the terminal.

export type Platform = 'console' | 'discord' | 'slack';

/** A person as the platform names them: the platform's own user id and a display name. */
export interface MemberRef {
  ref: string;
  name: string;
}

/** One command (or button press) from one member, as every adapter hands it to the dispatcher. */
export interface Invocation {
  platform: Platform;
  /** Guild id, Slack team id, or the console's own co-op name. */
  coopRef: string;
  coopName?: string;
  channelRef?: string;
  member: MemberRef;
  /** The timezone of the member's platform profile (Slack), used until they set one with /profile. */
  memberTimezone?: string;
  /** Discord Manage Server, Slack workspace admin/owner; co-op admins are looked up in the DB. */
  isPlatformAdmin: boolean;
  command: string;
  /** '' for commands without subcommands; 'admin add' for grouped ones. */
  sub: string;
  /** Raw option values; the dispatcher validates them against the command's zod schemas. */
  options: Record<string, unknown>;
  /** The same key delivered twice has one effect and returns the first answer. */
  idempotencyKey: string;
}

export type Visibility = 'private' | 'channel';

export type ButtonStyle = 'primary' | 'secondary' | 'success' | 'danger';

/** A button is a command with its options filled in: pressing it runs exactly that command. */
export interface ButtonAction {
  command: string;
  sub: string;
  options: Record<string, string | number>;
}

export interface Button {
  label: string;
  style?: ButtonStyle;
  action: ButtonAction;
}

/** A moment or a span of time, epoch milliseconds: adapters that can show it in each reader's own zone do. */
export interface TimeSpan {
  startsAt: number;
  endsAt?: number;
}

export interface CardField {
  label: string;
  /** The text every adapter can show; with `time`, the fallback where a reader's own zone cannot be shown. */
  value: string;
  /** The value is this time: Discord and Slack show it in each reader's zone (timestamp and date markup). */
  time?: TimeSpan;
}

export interface Card {
  title: string;
  text?: string;
  fields?: CardField[];
  buttons?: Button[];
}

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface Message {
  text: string;
  /**
   * The platform refs (members, or channels) the text names on purpose, written `<@ref>` / `<#ref>`: only these stay
   * live. Anything else that looks like a mention (a display name, a typed note) is shown as plain text and pings
   * nobody.
   */
  mentions?: string[];
  cards?: Card[];
  attachments?: Attachment[];
}

export interface Reply extends Message {
  visibility: Visibility;
  /** Set when the command was refused (nothing changed): `option` names the field at fault, if one is; `code` says why. */
  refusal?: { option?: string; code?: string };
}

/** Where a notification goes once the transaction that caused it has committed. */
export type Destination =
  | { kind: 'dm'; platform: Platform; coopRef: string; memberRef: string; memberName: string }
  | { kind: 'channel'; platform: Platform; coopRef: string; channelRef: string | null }
  | ThreadDestination;

/**
 * A private conversation for the people of one sit, in the co-op's channel (a Discord private thread), so they can
 * agree details without the bot in the middle. Without `threadRef` it is opened (the message starts it); with one,
 * the message is posted in it, and `archive` closes it afterwards. A platform without such threads opens none, and
 * says so with a receipt; one that cannot open it here writes to each member privately instead.
 */
export interface ThreadDestination {
  kind: 'thread';
  platform: Platform;
  coopRef: string;
  channelRef: string | null;
  /** What it is about, unique in the co-op: 'swap:12:party:31' (the acceptance). */
  subject: string;
  /** Its name, ≤ 100 characters. */
  name: string;
  members: { memberRef: string; memberName: string }[];
  threadRef?: string;
  archive?: boolean;
  /**
   * A post for the co-op channel once the thread is open, linking to it. `everywhere`: posted on every platform (it
   * is the channel's news of the sit); otherwise only where a thread was opened, as the way into it.
   */
  channelPost?: { message: Message; everywhere: boolean };
}

export interface Notification {
  destination: Destination;
  message: Message;
  /** Local send time shown by the console for job messages, e.g. '2026-12-06 19:00'. */
  localTime?: string;
}

/** What the outbox relay knows about one delivery, beside the notification itself. */
export interface DeliveryContext {
  /** The outbox row: a send carries it (Discord's nonce, Slack's metadata), so a resend can be recognised. */
  outboxId: number;
  /** The DM channel opened for this member before, if any: no need to open it again. */
  dmChannel?: string;
  /** An earlier attempt got no answer (the process died, or the platform timed out): it may have arrived. */
  maybeSent?: { since: number };
}

/** Sends notifications to one platform. Adapters implement it; the outbox relay calls it. */
export interface Messenger {
  readonly platform: Platform;
  send(notification: Notification, context?: DeliveryContext): Promise<DeliveryResult>;
  /** The requests `send` will make (pages, files, opening a DM channel), counted against rate limits; 1 if absent. */
  requestsFor?(notification: Notification, context: DeliveryContext): number;
  /**
   * The platform drops a repeat of this send by itself (Discord's nonce): no need to note it before it goes. Absent,
   * or false for a send (opening a Discord thread has no nonce): noted, so a resend knows it may have arrived.
   */
  recognisesResend?(notification: Notification): boolean;
}

/** What a delivery left that the co-op must remember: the thread a platform opened, or why it opened none. */
export type DeliveryReceipt = { kind: 'thread_opened'; threadRef: string } | { kind: 'thread_not_opened'; reason: string };

export type DeliveryResult =
  /** `receipt`: what the co-op must remember of it; `dmChannel`: the DM channel the message went to, kept for the next one. */
  | { ok: true; receipt?: DeliveryReceipt; dmChannel?: string }
  /** `unknown`: the platform may have received it after all (no answer came); the next attempt looks first. */
  | { ok: false; retryAfterMs?: number; permanent: boolean; error: string; unknown?: boolean };

/** A running chat platform as main.ts wires it: its messenger is registered with the outbox relay. */
export interface RunningPlatform {
  readonly platform: Platform;
  readonly messenger: Messenger;
  /** Whether it is connected to the platform now (a gateway or socket up, a server listening): /healthz asks. */
  connected?(): boolean;
  stop(): Promise<void>;
}

/** Time comes only from here, so tests and the console can move it. */
export interface Clock {
  now(): number;
}
