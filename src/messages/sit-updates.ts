import type { Button, Message } from '../core/types.ts';
import { UPDATES_PER_SIT, type UpdateRefusal } from '../domain/sit-updates.ts';
import { formatMoment, type DateOrder } from '../domain/when.ts';

// What the all's-well updates say: the line a parent gets from the sitter, the sitter's halfway invitation with its
// quick replies, and the answers to both sides. The sitter's own words are shown as they typed them, nothing added.

/** The quick replies of the halfway invitation: one tap sends the line. Short, so a button's id stays small. */
export const QUICK_REPLIES = [
  { label: "All's well", text: "All's well 🙂" },
  { label: 'Asleep', text: 'All asleep 💤' },
] as const;

/** Names as a person says them: "Ann", "Ann and Tom", "Ann, Tom and Bea". */
export function namesText(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const updateButton = (swapNumber: number, label: string, message?: string): Button => ({
  label,
  style: message === undefined ? 'secondary' : 'success',
  action: { command: 'swap', sub: 'update', options: message === undefined ? { id: swapNumber } : { id: swapNumber, message } },
});

export const noUpdatesButton = (swapNumber: number): Button => ({
  label: 'No updates for this sit',
  style: 'secondary',
  action: { command: 'swap', sub: 'updates', options: { id: swapNumber, set: 'off' } },
});

/** To each parent: "From Bea, sitting #4: both asleep by 8 💤". */
export function updateMessage(sitter: string, swapNumber: number, text: string, session: boolean): Message {
  const role = session ? 'hosting' : 'sitting';
  return {
    text: `From ${sitter}, ${role} #${swapNumber}: ${text}`,
    cards: [{ title: 'No need to reply — enjoy your time', buttons: [noUpdatesButton(swapNumber)] }],
  };
}

/** Halfway through, to the sitter: three quick replies, and how to type a line where there are no forms. */
export function invitationMessage(swapNumber: number, parents: readonly string[]): Message {
  const who = namesText(parents) || 'the family';
  return {
    text:
      `Halfway through #${swapNumber} — how is it going? One tap tells ${who} all is well, so they can relax. ` +
      `Or write a line: \`/swap update id:${swapNumber} message:"…"\`.`,
    cards: [
      {
        title: `A word for ${who}?`,
        buttons: [...QUICK_REPLIES.map((q) => updateButton(swapNumber, q.label, q.text)), updateButton(swapNumber, 'Write a line…')],
      },
    ],
  };
}

/** The sitter's answer: who was told, and who will see it only after their quiet hours. */
export function sentText(told: readonly string[], later: readonly string[]): string {
  const all = [...told, ...later];
  if (later.length === 0) return `Sent to ${namesText(all)}. Thank you!`;
  const after = later.length === all.length && all.length > 1 ? 'They will' : `${namesText(later)} will`;
  return `Sent to ${namesText(all)}. ${after} see it after quiet hours — for anything urgent, please call. Thank you!`;
}

export const nobodyWantsText = (swapNumber: number): string =>
  `The family turned updates off for #${swapNumber}, so I sent nothing. Enjoy the sit!`;

export const nobodyToTellText = (swapNumber: number): string => `There's no family to update for #${swapNumber}.`;

export const sameAgainText = 'You sent that a moment ago, so I did not send it twice.';

export const tooManyText = (swapNumber: number): string =>
  `#${swapNumber} has had ${UPDATES_PER_SIT} updates — plenty for one sit. For anything more, call the family.`;

/** Why the update was not sent, and what to do instead. */
export function updateRefusalText(why: UpdateRefusal, swapNumber: number, startsAt: number, timezone: string, order: DateOrder): string {
  switch (why) {
    case 'not_sitter':
      return `Only the sitter of #${swapNumber} sends its updates. \`/swap list show:mine\` shows the sits you're part of.`;
    case 'not_on':
      return `#${swapNumber} has no confirmed sit, so there's nobody to update. \`/swap list show:mine\` shows your sits.`;
    case 'too_early':
      return `#${swapNumber} starts ${formatMoment(startsAt, timezone, order)}: updates can go from then until 2 h after it ends.`;
    case 'too_late':
      return `#${swapNumber} ended more than 2 hours ago, so its updates are closed. \`/swap done id:${swapNumber}\` confirms how it went.`;
  }
}

/** The parent's answers to "No updates for this sit" and to turning them back on. */
export function optedOutText(swapNumber: number, already: boolean): string {
  const head = already ? `Updates for #${swapNumber} were already off.` : `No more updates for #${swapNumber}.`;
  return `${head} \`/swap updates id:${swapNumber} set:on\` turns them back on; \`/profile updates:off\` stops them for every sit.`;
}

export function optedInText(swapNumber: number, profileOff: boolean): string {
  const head = `Updates for #${swapNumber} are on.`;
  return profileOff ? `${head} Your settings still turn them off for every sit: \`/profile updates:on\` changes that.` : head;
}

export const notAParentText = (swapNumber: number): string => `You're not a parent in #${swapNumber}, so it sends you no updates.`;
