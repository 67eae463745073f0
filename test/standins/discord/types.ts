/** Public data types of the Discord stand-in. Ids are snowflake strings. */

export type JsonObject = Record<string, unknown>;

export interface StandinUser {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

export interface StandinRole {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
}

/** Discord channel types used here: 0 text, 1 DM, 2 voice, 4 category, 5 announcement, 11 public / 12 private thread, 15 forum. */
export interface StandinChannel {
  id: string;
  type: number;
  name: string | null;
  guildId: string | null;
  /** DM channels only: the person on the other end. */
  recipientId: string | null;
  position: number;
  /** Threads only. */
  thread?: StandinThread;
  /** Permission overwrites: type 0 a role (the guild id is @everyone), 1 a member. */
  overwrites?: StandinOverwrite[];
}

export interface StandinOverwrite {
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface StandinThread {
  parentId: string;
  ownerId: string;
  archived: boolean;
  locked: boolean;
  /** Private threads: whether non-moderators may add others. */
  invitable: boolean;
  autoArchiveMinutes: number;
  /** Who is in the thread (the creator first). */
  members: Set<string>;
  createdAt: string;
}

export interface StandinMember {
  userId: string;
  guildId: string;
  nick: string | null;
  roleIds: string[];
  /** The member's computed permissions (what Discord sends as `member.permissions` in interactions). */
  permissions: bigint;
  joinedAt: string;
}

export interface StandinGuild {
  id: string;
  name: string;
  ownerId: string;
  channels: StandinChannel[];
  roles: StandinRole[];
  members: Map<string, StandinMember>;
}

export interface StoredAttachment {
  id: string;
  filename: string;
  contentType: string | null;
  description: string | null;
  data: Buffer;
}

/** A message as the stand-in holds it (channel posts, DMs, interaction replies and follow-ups). */
export interface StoredMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  authorId: string;
  content: string;
  embeds: JsonObject[];
  components: JsonObject[];
  attachments: StoredAttachment[];
  flags: number;
  type: number;
  createdAt: string;
  editedAt: string | null;
  webhookId: string | null;
  /** Set for interaction responses and follow-ups. */
  interactionId: string | null;
  deleted: boolean;
  /** The sender's nonce, as Discord echoes it back. */
  nonce?: string;
}

export interface RecordedFile {
  /** Multipart field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
  /** `data` decoded as UTF-8, for convenience. */
  text: string;
}

export interface RecordedCall {
  /** Position in the call log (0-based); pass to `waitForCall(…, { from })`. */
  index: number;
  method: string;
  /** Path below `/api/v10`, percent-decoded: `/webhooks/1/tok/messages/@original`. */
  path: string;
  /** Path exactly as received, e.g. with `%40original`. */
  rawPath: string;
  query: Record<string, string>;
  /** Matched route template, e.g. `POST /channels/:channelId/messages`, or `null` for unknown routes. */
  route: string | null;
  /** Parsed JSON body, or the parsed `payload_json` of a multipart body; `null` when there is none. */
  body: unknown;
  files: RecordedFile[];
  /** Interaction this call concerns (callbacks and interaction webhooks). */
  interactionId: string | null;
  /** HTTP status the stand-in answered (or is about to answer, for delayed/held calls). */
  status: number;
  at: number;
}

export type GatewayDirection = 'in' | 'out';

export interface GatewayFrame {
  index: number;
  /** `in` = sent by the client, `out` = sent by the stand-in. */
  direction: GatewayDirection;
  connectionId: number;
  /** Path the connection was opened on: `/` for the gateway url, `/resume` for resume_gateway_url. */
  path: string;
  op: number;
  t: string | null;
  s: number | null;
  d: unknown;
  at: number;
}

export interface DispatchedInteraction {
  id: string;
  token: string;
  /** Interaction type: 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  type: number;
  applicationId: string;
  /** The exact INTERACTION_CREATE payload sent over the gateway. */
  payload: JsonObject;
}

export interface InteractionState {
  id: string;
  token: string;
  type: number;
  userId: string;
  guildId: string | null;
  channelId: string;
  sourceMessageId: string | null;
  payload: JsonObject;
  /** The first (accepted) callback: `{ type, data }`. */
  response: { type: number; data: unknown } | null;
  originalMessageId: string | null;
  followUpIds: string[];
  expired: boolean;
}

export interface StoredCommand {
  id: string;
  applicationId: string;
  guildId: string | null;
  name: string;
  body: JsonObject;
}
