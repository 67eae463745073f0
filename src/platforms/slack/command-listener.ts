import type { App, RespondFn, SlashCommand, webApi } from '@slack/bolt';
import { typedOpensForm } from '../../app/command.ts';
import { parseCommandLine, type ParsedLine } from '../../app/command-line.ts';
import { UserError } from '../../domain/errors.ts';
import { buildForm, hasForm, wasPosted, type FormMeta } from './forms.ts';
import { readSlackMention } from './mrkdwn.ts';
import { answer, invocationFor, run, unescapeOptions, type Actor, type Runtime } from './runtime.ts';
import { safeError } from './safe-error.ts';

// Slash commands: `/swap request when:"sat 19:00-23:00" kids:2`, read by the same parser as the console. A swap
// post typed with nothing, or refused (an unreadable `when:`), opens its form prefilled, with the reason on top.

function actorOf(command: SlashCommand): Actor {
  return {
    teamId: command.team_id,
    teamName: command.team_domain,
    userId: command.user_id,
    userName: command.user_name,
    channelId: command.channel_id,
    channelName: command.channel_name,
  };
}

/** One listener for every slash command, so a command the app doesn't know still gets an ack and an answer. */
export function listenForCommands(app: App, rt: Runtime): void {
  app.command(/^\/[a-z]+$/, async ({ ack, command, respond, client, context }) => {
    await ack();
    await handleCommand(rt, { command, respond, client, isRetry: (context.retryNum ?? 0) > 0 });
  });
}

interface Delivery {
  command: SlashCommand;
  respond: RespondFn;
  client: webApi.WebClient;
  isRetry: boolean;
}

async function handleCommand(rt: Runtime, { command, respond, client, isRetry }: Delivery): Promise<void> {
  const actor = actorOf(command);
  let parsed: ParsedLine;
  try {
    parsed = parseCommandLine(`${command.command.replace(/^\//, '')} ${command.text}`, rt.commands, readSlackMention);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    await answer(rt, respond, { visibility: 'private', text: error.message }, actor);
    return;
  }
  const parts = { ...parsed, options: unescapeOptions(parsed.options) };
  const meta: FormMeta = { command: parts.command, sub: parts.sub, channelId: actor.channelId ?? '', channelName: actor.channelName ?? '' };
  const spec = rt.dispatcher.find(parts.command, parts.sub);
  const formable = hasForm(spec);

  if (formable && typedOpensForm(spec.form, parts.options) && Object.keys(parts.options).length === 0) {
    void rt.people.lookup(actor.userId, actor.userName); // warm the cache: the form's answer must be quick
    if (await openForm(rt, client, command.trigger_id, buildForm(meta, spec, {}))) return;
    if (isRetry) return; // the first delivery opened it; the trigger is spent
  }
  const invocation = await invocationFor(rt, actor, parts, `slack:${actor.teamId}:${command.trigger_id}`);
  const reply = run(rt, invocation);
  if (formable && !wasPosted(reply)) {
    if (await openForm(rt, client, command.trigger_id, buildForm(meta, spec, parts.options, reply.text))) return;
    if (isRetry) return;
  }
  await answer(rt, respond, reply, actor);
}

async function openForm(rt: Runtime, client: webApi.WebClient, triggerId: string, view: ReturnType<typeof buildForm>): Promise<boolean> {
  try {
    await client.views.open({ trigger_id: triggerId, view });
    return true;
  } catch (error) {
    rt.log.info({ error: safeError(error) }, 'could not open the form; answering in text');
    return false;
  }
}
