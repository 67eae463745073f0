import type { App, GlobalShortcut, MessageShortcut, webApi } from '@slack/bolt';
import { buildForm, hasForm, type FormMeta } from './forms.ts';
import { clip, unescapeSlack } from './mrkdwn.ts';
import { answer, answerInDm, type Actor, type Runtime } from './runtime.ts';
import { safeError } from './safe-error.ts';

// Shortcuts open the forms the commands already have: "Ask for a sitter" (anywhere, from the ⚡ menu) opens
// /swap request's; "Offer to sit for this" (on a message) opens /swap offer's, with the message quoted in the note
// under its author's name. A note is the member's own text, so a mention in it never pings (mrkdwn.ts): the name is
// written out instead. What is posted goes to the co-op's channel, never to the message's own channel, which the bot
// may not even see. When the form cannot open, the member is told privately.

export const ASK_FOR_SITTER = 'ask_for_sitter';
export const OFFER_TO_SIT = 'offer_to_sit';

const NOTE_MAX = 300;
const NO_FORM = "I couldn't open the form just now. Type `/swap request` (or `/swap offer`) and it opens, or type it all, like `/swap offer fri 6-10pm up to 3`.";

async function openForm(rt: Runtime, client: webApi.WebClient, triggerId: string, sub: 'request' | 'offer', prefill: Record<string, string>): Promise<boolean> {
  const spec = rt.dispatcher.find('swap', sub);
  if (!hasForm(spec)) return false;
  const meta: FormMeta = { command: 'swap', sub };
  try {
    await client.views.open({ trigger_id: triggerId, view: buildForm(meta, spec, prefill) });
    return true;
  } catch (error) {
    rt.log.info({ error: safeError(error) }, 'could not open the form from a shortcut');
    return false;
  }
}

export function listenForShortcuts(app: App, rt: Runtime): void {
  app.shortcut<GlobalShortcut>(ASK_FOR_SITTER, async ({ ack, shortcut, client }) => {
    await ack();
    const actor: Actor = { teamId: shortcut.team?.id ?? shortcut.user.team_id, userId: shortcut.user.id, userName: shortcut.user.username };
    void rt.people.lookup(actor.teamId, actor.userId, actor.userName); // warm the cache: the form's answer must be quick
    if (!(await openForm(rt, client, shortcut.trigger_id, 'request', {}))) await answerInDm(rt, { visibility: 'private', text: NO_FORM }, actor);
  });

  app.shortcut<MessageShortcut>(OFFER_TO_SIT, async ({ ack, shortcut, client, respond }) => {
    await ack();
    const actor: Actor = { teamId: shortcut.team?.id ?? shortcut.user.team_id ?? '', userId: shortcut.user.id, userName: shortcut.user.username ?? shortcut.user.name };
    void rt.people.lookup(actor.teamId, actor.userId, actor.userName);
    const author = shortcut.message.user;
    const said = unescapeSlack(String(shortcut.message.text ?? '')).replace(/\s+/g, ' ').trim();
    const forWhom = author && author !== actor.userId ? `For ${(await rt.people.lookup(actor.teamId, author, 'a neighbour')).name}` : 'For this';
    const note = clip(`${forWhom}: “${said}”`, NOTE_MAX);
    if (!(await openForm(rt, client, shortcut.trigger_id, 'offer', said ? { note } : {}))) await answer(rt, respond, { visibility: 'private', text: NO_FORM }, actor);
  });
}
