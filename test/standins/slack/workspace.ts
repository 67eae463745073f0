import { randomBytes } from 'node:crypto';
import type { Json, SlackChannel, SlackUser } from './types.ts';

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: unknown;
  /** Bot user id for messages the app posted; the author for messages the test put there. */
  user: string;
  thread_ts?: string;
  /** chat.postMessage `metadata`: `event_type` and `event_payload`, returned by conversations.history with include_all_metadata. */
  metadata?: Json;
}

export interface StoredView extends Json {
  id: string;
  hash: string;
}

/** Offset of `timeZone` from UTC at `atMs`, in seconds (e.g. Asia/Kathmandu → 20700). */
export function tzOffsetSeconds(timeZone: string, atMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(atMs))
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

/** What the stand-in workspace knows: people, messages the app posted, open modals, uploads. */
export class Workspace {
  readonly users = new Map<string, SlackUser>();
  readonly messages = new Map<string, StoredMessage>();
  readonly views = new Map<string, StoredView>();
  /** Each user's published Home tab (views.publish). */
  readonly homes = new Map<string, StoredView>();
  /** The app's manifest enables the Home tab; off, views.publish answers not_enabled. */
  homeTabEnabled = true;
  readonly uploads = new Map<string, { filename: string; length: number; content?: string }>();
  /** Channels conversations.info answers for, by id. */
  readonly channels = new Map<string, SlackChannel>();
  readonly #now: () => number;
  #tsCounter = 0;
  #idCounter = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  addUser(user: SlackUser): SlackUser {
    this.users.set(user.id, user);
    return user;
  }

  /** The DM channel id conversations.open gives for this user. */
  dmChannelId(userId: string): string {
    return `D${userId.replace(/^[UW]/, '')}`;
  }

  /** Slack accepts a user id as a channel and posts to the DM. */
  resolveChannel(channel: string): string {
    return /^[UW][A-Z0-9]+$/.test(channel) ? this.dmChannelId(channel) : channel;
  }

  nextTs(): string {
    this.#tsCounter += 1;
    return `${Math.floor(this.#now() / 1000)}.${String(this.#tsCounter).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    this.#idCounter += 1;
    return `${prefix}${String(this.#idCounter).padStart(8, '0')}`;
  }

  newHash(): string {
    return `${Math.floor(this.#now() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  rememberMessage(message: StoredMessage): StoredMessage {
    this.messages.set(`${message.channel}|${message.ts}`, message);
    return message;
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.get(`${this.resolveChannel(channel)}|${ts}`);
  }

  userInfo(user: SlackUser, teamId: string): Json {
    const tz = user.tz ?? 'America/New_York';
    const realName = user.real_name ?? user.name ?? user.id;
    return {
      id: user.id,
      team_id: teamId,
      name: user.name ?? realName.toLowerCase().replace(/\s+/g, '.'),
      deleted: user.deleted ?? false,
      real_name: realName,
      tz,
      tz_label: tz,
      tz_offset: tzOffsetSeconds(tz, this.#now()),
      is_admin: user.is_admin ?? false,
      is_owner: user.is_owner ?? false,
      is_primary_owner: user.is_primary_owner ?? false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: user.is_bot ?? false,
      is_app_user: false,
      updated: Math.floor(this.#now() / 1000),
      profile: { real_name: realName, display_name: user.name ?? realName, team: teamId },
    };
  }
}
