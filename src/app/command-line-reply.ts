import { encodeAction } from '../core/action-codec.ts';
import type { Button, ButtonAction, Reply } from '../core/types.ts';
import type { FreeQuestion } from './command-line-free.ts';

// How the adapters that read typed lines (the console, Slack) answer what the reader says about a line: a question
// becomes a private reply whose buttons run each reading; an uncertain reading is said before the answer.

function actionOf(command: string, sub: string, options: Record<string, unknown>): ButtonAction | undefined {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(options)) {
    if (typeof value === 'string' || typeof value === 'number') out[name] = value;
    else if (typeof value === 'object' && value !== null && 'ref' in value && typeof value.ref === 'string') out[name] = value.ref;
    else return undefined;
  }
  const action = { command, sub, options: out };
  try {
    encodeAction(action);
    return action;
  } catch {
    return undefined; // too long for a button: the question's text names each reading instead
  }
}

/** The question as a private reply: one button per reading, when each fits in a button. */
export function questionReply(question: FreeQuestion): Reply {
  const buttons: Button[] = [];
  for (const choice of question.choices) {
    const action = actionOf(choice.command, choice.sub, choice.options);
    if (!action) return { visibility: 'private', text: question.text, refusal: { code: 'bad_option' } };
    buttons.push({ label: choice.label, style: 'primary', action });
  }
  return { visibility: 'private', text: question.text, cards: [{ title: 'Which one?', buttons }], refusal: { code: 'bad_option' } };
}

/** "I read that as `/swap book id:17 kids:2`." before the answer, so a misreading is seen at once. */
export function withReading(reply: Reply, readAs: string | undefined): Reply {
  return readAs ? { ...reply, text: `${readAs}\n${reply.text}` } : reply;
}
