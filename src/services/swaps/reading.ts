import type { Button, Reply } from '../../core/types.ts';
import type { DraftKind } from '../../db/repositories/drafts.ts';
import { UserError } from '../../domain/errors.ts';
import { readWhen, type WhenChoice } from '../../domain/when.ts';
import type { CommandContext } from '../context.ts';

// `when:` as a command reads it: in the member's timezone and the co-op's date order. When the text could mean two
// sits, the member is asked, with one button per reading that runs the same command again with an exact time.

export interface Retry {
  kind: DraftKind;
  /** kids (a request, an offer, a quote) or capacity (a session) */
  kids: number | undefined;
  note: string | undefined;
}

export type WhenAnswer = { kind: 'read'; startsAt: number; endsAt: number; guessed: string | undefined } | { kind: 'ask'; reply: Reply };

export function readWhenFor(ctx: CommandContext, text: string, retry: Retry): WhenAnswer {
  let reading;
  try {
    reading = readWhen(text, { now: ctx.now, timezone: ctx.timezone, dateOrder: ctx.coop.dateOrder });
  } catch (error) {
    // A refusal names the option, so a form shows it beside the field.
    if (error instanceof UserError && error.option === undefined) throw new UserError(error.message, { option: 'when', code: error.code === 'refused' ? 'bad_option' : error.code });
    throw error;
  }
  if (reading.kind === 'read') return { kind: 'read', startsAt: reading.startsAt, endsAt: reading.endsAt, guessed: reading.guessed };
  return { kind: 'ask', reply: question(ctx, reading.question, reading.choices, retry) };
}

/** The question, its buttons, and a draft keeping the note when there is one (a note does not fit in a button). */
function question(ctx: CommandContext, text: string, choices: readonly WhenChoice[], retry: Retry): Reply {
  const draft = retry.note ? ctx.store.drafts.save({ coopId: ctx.coop.id, memberId: ctx.member.id, kind: retry.kind, kids: retry.kids ?? null, note: retry.note, createdAt: ctx.now }) : undefined;
  const options: Record<string, string | number> = {};
  if (retry.kids !== undefined) options[retry.kind === 'session' ? 'capacity' : 'kids'] = retry.kids;
  if (draft !== undefined) options.draft = draft;
  const buttons: Button[] = choices.map((c) => ({ label: c.label, style: 'primary', action: { command: 'swap', sub: retry.kind, options: { when: c.text, ...options } } }));
  const example = choices[0]?.text ?? '2026-12-05 19:00-23:00';
  return {
    visibility: 'private',
    text: `${text} Tap the one you meant, or type it exactly, like \`when:"${example}"\`. Nothing is posted until you do.`,
    cards: [{ title: 'Which did you mean?', buttons }],
    // Not posted: a form shows the question beside the time, and nothing was written but the draft.
    refusal: { option: 'when', code: 'ask' },
  };
}

/** The note and kids a question kept, for the member who typed them; another member's draft does not exist for them. */
export function fromDraft(ctx: CommandContext, draftId: number | undefined, kind: DraftKind): { kids: number | undefined; note: string | undefined } {
  if (draftId === undefined) return { kids: undefined, note: undefined };
  const draft = ctx.store.drafts.get(draftId);
  if (!draft || draft.memberId !== ctx.member.id || draft.coopId !== ctx.coop.id || draft.kind !== kind) {
    throw new UserError('That choice has expired. Type the time again, like `when:"sat 19:00-23:00"`.', { option: 'draft', code: 'not_found' });
  }
  ctx.store.drafts.drop(draft.id);
  return { kids: draft.kids ?? undefined, note: draft.note ?? undefined };
}
