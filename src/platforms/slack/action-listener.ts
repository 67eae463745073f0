import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { pressOpensForm } from '../../app/command.ts';
import { decodeAction } from '../../core/action-codec.ts';
import { buildForm, hasForm, type FormMeta } from './forms.ts';
import { answer, answerInDm, invocationFor, run, withMembers, type Actor, type Runtime } from './runtime.ts';
import { safeError } from './safe-error.ts';

// Buttons: the action_id is the command itself ("swap.volunteer?id=12"), so pressing one runs exactly that command,
// even on a message posted before a restart.

const ACTION_ID = /^[a-z]+(?:\.[a-z_]+)?(?:\?.*)?$/;

function actorOf(body: BlockAction): Actor {
  const actor: Actor = {
    teamId: body.team?.id ?? body.user.team_id ?? '',
    userId: body.user.id,
    userName: body.user.username ?? body.user.name ?? body.user.id,
  };
  if (body.team?.domain) actor.teamName = body.team.domain;
  if (body.channel?.id) actor.channelId = body.channel.id;
  if (body.channel?.name) actor.channelName = body.channel.name;
  return actor;
}

export function listenForButtons(app: App, rt: Runtime): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTION_ID }, async ({ ack, body, action, respond, client }) => {
    await ack();
    const actor = actorOf(body);
    const decoded = decodeAction(action.action_id);
    if (!decoded || !actor.teamId) {
      const stale = { visibility: 'private' as const, text: "That button doesn't work any more. `/swap list` shows what's open." };
      await (body.view?.type === 'home' ? answerInDm(rt, stale, actor) : answer(rt, respond, stale, actor));
      return;
    }
    const spec = rt.dispatcher.find(decoded.command, decoded.sub);
    // A button that runs a command without its form's trigger ("Ask for a sitter", "Write the card") opens the form.
    if (hasForm(spec) && pressOpensForm(spec.form, decoded.options) && body.trigger_id) {
      const meta: FormMeta = { command: decoded.command, sub: decoded.sub, channelId: actor.channelId ?? '', channelName: actor.channelName ?? '' };
      const carried = Object.entries(decoded.options).filter(([name]) => !spec.form.fields.includes(name));
      if (carried.length > 0) meta.options = Object.fromEntries(carried.map(([name, value]) => [name, String(value)]));
      try {
        await client.views.open({ trigger_id: body.trigger_id, view: buildForm(meta, spec, decoded.options) });
        return;
      } catch (error) {
        rt.log.info({ error: safeError(error) }, 'could not open the form; running the button');
      }
    }
    const parts = { ...decoded, options: withMembers(spec, decoded.options) };
    // trigger_id is the same on every re-delivery of this press and new on the next press.
    const key = `slack:${actor.teamId}:${body.trigger_id || `${action.action_ts}:${actor.userId}`}`;
    const reply = run(rt, await invocationFor(rt, actor, parts, key));
    // A button on the Home tab has no response_url: its answer goes to the member's DM, and the tab is redrawn.
    if (body.view?.type === 'home') await answerInDm(rt, reply, actor);
    else await answer(rt, respond, reply, actor);
    await rt.home.refresh(actor.teamId, actor.userId);
  });
}
