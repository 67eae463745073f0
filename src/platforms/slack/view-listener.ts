import type { App, SlackViewAction } from '@slack/bolt';
import { answerView, FORM_CALLBACK_ID, fieldErrors, hasForm, readForm, readMeta, refusalField, wasPosted } from './forms.ts';
import { clip } from './mrkdwn.ts';
import { pickerErrors } from './pickers.ts';
import { digest, invocationFor, run, withMembers, type Actor, type Runtime } from './runtime.ts';

// A submitted form. This is the one place the answer rides on the ack itself: Slack only shows field errors given
// in the acknowledgement, so the (synchronous, fast) dispatcher runs first and the ack carries its answer.

const MAX_FIELD_ERROR = 500;

function actorOf(body: SlackViewAction, channelId: string | undefined, channelName: string | undefined): Actor {
  const actor: Actor = {
    teamId: body.team?.id ?? body.user.team_id ?? body.view.team_id,
    userId: body.user.id,
    userName: body.user.name,
  };
  if (body.team?.domain) actor.teamName = body.team.domain;
  if (channelId) actor.channelId = channelId;
  if (channelName) actor.channelName = channelName;
  return actor;
}

export function listenForForms(app: App, rt: Runtime): void {
  app.view(FORM_CALLBACK_ID, async ({ ack, body, view }) => {
    const meta = readMeta(view);
    const found = meta && rt.dispatcher.find(meta.command, meta.sub);
    const spec = hasForm(found) ? found : undefined;
    if (!meta || !spec) {
      await ack();
      return;
    }
    const options = readForm(view, spec);
    const picked = pickerErrors(view, spec);
    const errors = Object.keys(picked).length > 0 ? picked : fieldErrors(spec, options);
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    const actor = actorOf(body, meta.channelId, meta.channelName);
    // The view id and hash name this submission; the values tell a corrected resubmission from a re-delivery.
    const key = `slack:${actor.teamId}:view:${view.id}:${view.hash}:${digest(options)}`;
    const carried = withMembers(spec, meta.members ?? {});
    const reply = run(rt, await invocationFor(rt, actor, { command: meta.command, sub: meta.sub, options: { ...carried, ...meta.options, ...options } }, key));
    if (!wasPosted(reply)) {
      const field = refusalField(spec, reply);
      // A time that came from the pickers is refused beside them, not beside the empty typed field.
      const typed = view.state.values[field]?.value?.value?.trim();
      const at = !typed && view.state.values[`${field}_day`] ? `${field}_day` : field;
      await ack({ response_action: 'errors', errors: { [at]: clip(reply.text, MAX_FIELD_ERROR) } });
      return;
    }
    await ack({ response_action: 'update', view: answerView(meta, reply) });
    await rt.home.refresh(actor.teamId, actor.userId);
  });
}
