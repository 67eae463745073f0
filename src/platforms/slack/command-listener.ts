import type { App, RespondFn, SlashCommand, webApi } from '@slack/bolt';
import { typedOpensForm } from '../../app/command.ts';
import { readCommandLine, type LineReading } from '../../app/command-line.ts';
import { questionReply, withReading } from '../../app/command-line-reply.ts';
import { UserError } from '../../domain/errors.ts';
import { buildForm, hasForm, wasPosted, type FormMeta } from './forms.ts';
import { readSlackMention } from './mrkdwn.ts';
import { answer, invocationFor, run, unescapeOptions, type Actor, type Runtime } from './runtime.ts';
import { safeError } from './safe-error.ts';

// Slash commands: `/swap request sat 7-11pm 2 kids` or `/swap request when:"sat 19:00-23:00" kids:2`, read by the same
// parser as the console. A swap post typed with nothing, or refused (an unreadable `when:`), opens its form
// prefilled, with the reason on top. A line that reads two ways is asked about, with a button for each reading.

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

async function handleCommand(rt: Runtime, delivery: Delivery): Promise<void> {
  await readAndRun(rt, delivery);
  await rt.home.refresh(delivery.command.team_id, delivery.command.user_id);
}

async function readAndRun(rt: Runtime, { command, respond, client, isRetry }: Delivery): Promise<void> {
  const actor = actorOf(command);
  let parsed: LineReading;
  try {
    parsed = readCommandLine(`${command.command.replace(/^\//, '')} ${command.text}`, rt.commands, readSlackMention);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    await answer(rt, respond, { visibility: 'private', text: error.message }, actor);
    return;
  }
  if (parsed.kind === 'question') {
    await answer(rt, respond, questionReply(parsed), actor);
    return;
  }
  const parts = { command: parsed.command, sub: parsed.sub, options: unescapeOptions(parsed.options) };
  const meta: FormMeta = { command: parts.command, sub: parts.sub, channelId: actor.channelId ?? '', channelName: actor.channelName ?? '' };
  const named = Object.entries(parts.options).flatMap(([k, v]) => (typeof v === 'object' && v !== null && 'ref' in v && typeof v.ref === 'string' ? [[k, v.ref] as const] : []));
  if (named.length > 0) meta.members = Object.fromEntries(named);
  const spec = rt.dispatcher.find(parts.command, parts.sub);
  const formable = hasForm(spec);
  // What was typed beside the form's fields (the sit's number of `/swap update`) stays with a form opened to fix them.
  const beside = Object.entries(parts.options).flatMap(([k, v]) =>
    formable && !spec.form.fields.includes(k) && (typeof v === 'string' || typeof v === 'number') ? [[k, String(v)] as const] : [],
  );
  if (beside.length > 0) meta.options = Object.fromEntries(beside);

  if (formable && typedOpensForm(spec.form, parts.options) && Object.keys(parts.options).length === 0) {
    void rt.people.lookup(actor.teamId, actor.userId, actor.userName); // warm the cache: the form's answer must be quick
    if (await openForm(rt, client, command.trigger_id, buildForm(meta, spec, {}))) return;
    if (isRetry) return; // the first delivery opened it; the trigger is spent
  }
  const invocation = await invocationFor(rt, actor, parts, `slack:${actor.teamId}:${command.trigger_id}`);
  const reply = withReading(run(rt, invocation), parsed.readAs);
  // A refusal opens the form to fix it; a form that only a button opens does so only when a field of it was at fault.
  if (formable && !wasPosted(reply) && (spec.form.opens !== 'button' || spec.form.fields.includes(reply.refusal?.option ?? ''))) {
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
