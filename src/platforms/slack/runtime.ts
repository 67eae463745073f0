import { createHash } from 'node:crypto';
import type { RespondFn } from '@slack/bolt';
import type { CommandSpec, SubcommandSpec } from '../../app/command.ts';
import type { Dispatcher } from '../../app/dispatcher.ts';
import type { Invocation, Reply } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import { renderMessage } from './blocks.ts';
import { isSharedChannel, type CoopChannels } from './channels.ts';
import type { HomeTab } from './home.ts';
import type { MemberDirectory } from './members.ts';
import type { SlackPoster } from './poster.ts';
import { unescapeSlack } from './mrkdwn.ts';
import { safeError } from './safe-error.ts';
import type { TeamClients } from './team-clients.ts';

// What every listener shares: turning a Slack delivery into an Invocation, running it, and answering privately.

/** response_url takes 5 posts, so a private answer is at most 5 messages. */
const MAX_ANSWER_MESSAGES = 5;

export interface Runtime {
  dispatcher: Dispatcher;
  commands: readonly CommandSpec[];
  log: Logger;
  people: MemberDirectory;
  channels: CoopChannels;
  clients: TeamClients;
  home: HomeTab;
}

/** Who did something, where: the parts of a Slack payload an Invocation needs. */
export interface Actor {
  teamId: string;
  teamName?: string;
  userId: string;
  userName: string;
  channelId?: string;
  channelName?: string;
}

export type CommandParts = Pick<Invocation, 'command' | 'sub' | 'options'>;

export async function invocationFor(rt: Runtime, actor: Actor, parts: CommandParts, idempotencyKey: string): Promise<Invocation> {
  rt.channels.noteUse(actor.teamId, actor.channelId, actor.channelName);
  const person = await rt.people.lookup(actor.teamId, actor.userId, actor.userName);
  const invocation: Invocation = {
    platform: 'slack',
    coopRef: actor.teamId,
    member: { ref: actor.userId, name: person.name },
    isPlatformAdmin: person.isWorkspaceAdmin,
    idempotencyKey,
    ...parts,
  };
  if (actor.teamName) invocation.coopName = actor.teamName;
  if (person.timezone) invocation.memberTimezone = person.timezone;
  // A DM is nobody's co-op channel, so /coop setup from a DM does not pick it.
  if (isSharedChannel(actor.channelId, actor.channelName)) invocation.channelRef = actor.channelId;
  return invocation;
}

export function run(rt: Runtime, invocation: Invocation): Reply {
  return rt.dispatcher.dispatch(invocation);
}

/** Typed text arrives HTML-escaped; the co-op stores what the person meant (`cats & dogs`). */
export function unescapeOptions(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k, typeof v === 'string' ? unescapeSlack(v) : v]));
}

/** Buttons carry a member as their Slack id (`member=U123`); the command wants a MemberRef. */
export function withMembers(spec: SubcommandSpec | undefined, options: Record<string, unknown>): Record<string, unknown> {
  if (!spec) return options;
  const out = { ...options };
  for (const [name, option] of Object.entries(spec.options)) {
    const value = out[name];
    if (option.kind === 'member' && typeof value === 'string') out[name] = { ref: value, name: `<@${value}>` };
  }
  return out;
}

export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);
}

/** An answer where there is no response_url (a button on the Home tab): the member's DM with the app. */
export async function answerInDm(rt: Runtime, reply: Reply, actor: Actor): Promise<void> {
  try {
    const poster = posterOf(rt, actor);
    await poster.post(await poster.dmChannel(actor.userId), reply);
  } catch (error) {
    rt.log.warn({ error: safeError(error), coop: actor.teamId }, 'could not answer in the DM');
  }
}

/** A private (or, for channel replies, in-channel) answer on the response_url; files go to the member's DM. */
export async function answer(rt: Runtime, respond: RespondFn, reply: Reply, actor: Actor): Promise<void> {
  const responseType = reply.visibility === 'channel' ? 'in_channel' : 'ephemeral';
  try {
    for (const page of renderMessage(reply, { maxMessages: MAX_ANSWER_MESSAGES })) {
      await respond({ response_type: responseType, replace_original: false, text: page.text, blocks: page.blocks });
    }
    if (reply.attachments?.length) {
      const poster = posterOf(rt, actor);
      const channel = reply.visibility === 'channel' && actor.channelId ? actor.channelId : await poster.dmChannel(actor.userId);
      await poster.upload(channel, reply.attachments);
    }
  } catch (error) {
    rt.log.warn({ error: safeError(error), coop: actor.teamId }, 'could not answer on Slack');
  }
}

function posterOf(rt: Runtime, actor: Actor): SlackPoster {
  const poster = rt.clients.poster(actor.teamId);
  if (!poster) throw new Error('Breather is not installed in this workspace');
  return poster;
}
