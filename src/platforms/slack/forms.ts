import type { types, ViewOutput } from '@slack/bolt';
import type { OptionSpec, SubcommandSpec } from '../../app/command.ts';
import type { MemberRef, Reply } from '../../core/types.ts';
import { clip, escapeMrkdwn } from './mrkdwn.ts';
import { hasPickers, pickedWhen, pickerBlocks } from './pickers.ts';

// Modals for the subcommands whose definition has a form (posting a request, an offer or a session). One input block per
// field of the form, generated from the command's own spec, so a form can never drift from the typed command.

export const FORM_CALLBACK_ID = 'command_form';
const VALUE = 'value';

export interface FormMeta {
  command: string;
  sub: string;
  channelId?: string;
  channelName?: string;
  /** Members named beside the form's fields (`/swap request … @who`), by Slack id, run with the submission. */
  members?: Record<string, string>;
  /** What the button that opened it says beyond the form's fields (the sit's number of "Write a line…"). */
  options?: Record<string, string>;
}

/** The subcommand's definition says whether it has a form. */
export function hasForm(spec: SubcommandSpec | undefined): spec is SubcommandSpec & { form: NonNullable<SubcommandSpec['form']> } {
  return spec?.form !== undefined;
}

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });

function label(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function element(option: OptionSpec, initial: unknown): types.InputBlockElement {
  const text = typeof initial === 'string' || typeof initial === 'number' ? String(initial) : undefined;
  switch (option.kind) {
    case 'integer': {
      const input: types.NumberInput = { type: 'number_input', action_id: VALUE, is_decimal_allowed: false };
      if (option.min !== undefined) input.min_value = String(option.min);
      if (option.max !== undefined) input.max_value = String(option.max);
      if (text && /^\d+$/.test(text)) input.initial_value = text;
      return input;
    }
    case 'member': {
      const select: types.UsersSelect = { type: 'users_select', action_id: VALUE };
      const ref = typeof initial === 'object' && initial !== null && 'ref' in initial ? (initial as MemberRef).ref : undefined;
      if (ref) select.initial_user = ref;
      return select;
    }
    case 'channel': {
      const select: types.ConversationsSelect = { type: 'conversations_select', action_id: VALUE, filter: { include: ['public', 'private'] } };
      if (text) select.initial_conversation = text;
      return select;
    }
    case 'choice': {
      const options = (option.choices ?? []).map((c) => ({ text: plain(c), value: c }));
      const select: types.StaticSelect = { type: 'static_select', action_id: VALUE, options };
      const chosen = options.find((o) => o.value === text);
      if (chosen) select.initial_option = chosen;
      return select;
    }
    case 'text': {
      const input: types.PlainTextInput = { type: 'plain_text_input', action_id: VALUE, placeholder: plain(clip(option.example.replace(/"/g, ''), 150)) };
      if (option.maxLength) input.max_length = option.maxLength;
      if ((option.maxLength ?? 0) > 100) input.multiline = true;
      if (text) input.initial_value = clip(text, option.maxLength ?? 3000);
      return input;
    }
  }
}

/** The modal for a command, prefilled with what the member typed (else the form's template); `notice` explains why it opened. */
export function buildForm(meta: FormMeta, spec: SubcommandSpec, prefill: Record<string, unknown>, notice?: string): types.ModalView {
  const blocks: types.KnownBlock[] = [];
  if (notice) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`:information_source: ${escapeMrkdwn(notice)}`, 3000) } });
  for (const name of spec.form?.fields ?? Object.keys(spec.options)) {
    const option = spec.options[name];
    if (!option) throw new Error(`form field ${name} is not an option`);
    // A sit's time: pickers first, the typed field as the alternative (so it is optional here).
    const pickers = hasPickers(option);
    if (pickers) blocks.push(...pickerBlocks(name));
    blocks.push({
      type: 'input',
      block_id: name,
      label: plain(pickers ? `Or type ${name}` : label(name)),
      hint: plain(clip(option.description, 2000)),
      optional: pickers || !option.required,
      element: element(option, prefill[name] ?? spec.form?.template?.[name]),
    });
  }
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: JSON.stringify(meta),
    title: plain(clip(spec.form?.title ?? formTitle(meta), 24)),
    submit: plain(spec.form?.submit ?? 'Post'),
    close: plain('Cancel'),
    blocks,
  };
}

export function readMeta(view: ViewOutput): FormMeta | undefined {
  try {
    const meta: unknown = JSON.parse(view.private_metadata);
    if (typeof meta !== 'object' || meta === null || !('command' in meta) || !('sub' in meta)) return undefined;
    const { command, sub } = meta;
    if (typeof command !== 'string' || typeof sub !== 'string') return undefined;
    const out: FormMeta = { command, sub };
    if ('channelId' in meta && typeof meta.channelId === 'string') out.channelId = meta.channelId;
    if ('channelName' in meta && typeof meta.channelName === 'string') out.channelName = meta.channelName;
    if ('members' in meta && typeof meta.members === 'object' && meta.members !== null) {
      out.members = Object.fromEntries(Object.entries(meta.members).filter((e): e is [string, string] => typeof e[1] === 'string' && /^[UW][A-Z0-9]+$/.test(e[1])));
    }
    if ('options' in meta && typeof meta.options === 'object' && meta.options !== null) {
      out.options = Object.fromEntries(Object.entries(meta.options).filter((e): e is [string, string] => typeof e[1] === 'string'));
    }
    return out;
  } catch {
    return undefined;
  }
}

/** The submitted values as command options (empty fields left out, as if not typed). */
export function readForm(view: ViewOutput, spec: SubcommandSpec): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    const state = view.state.values[name]?.[VALUE];
    if (!state) continue;
    if (option.kind === 'member') {
      if (state.selected_user) options[name] = { ref: state.selected_user, name: `<@${state.selected_user}>` };
    } else if (option.kind === 'channel') {
      if (state.selected_conversation) options[name] = state.selected_conversation;
    } else if (option.kind === 'choice') {
      if (state.selected_option?.value) options[name] = state.selected_option.value;
    } else if (typeof state.value === 'string' && state.value.trim() !== '') {
      options[name] = state.value;
    }
  }
  for (const [name, option] of Object.entries(spec.options)) {
    const when = hasPickers(option) && options[name] === undefined ? pickedWhen(view, name) : undefined;
    if (when) options[name] = when;
  }
  return options;
}

/** Field errors Slack can show before anything runs: the command's own option schemas, for the form's own fields. */
export function fieldErrors(spec: SubcommandSpec, options: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const name of spec.form?.fields ?? Object.keys(spec.options)) {
    const option = spec.options[name];
    if (!option) continue;
    const value = options[name];
    if (value === undefined) {
      if (option.required) {
        errors[name] = hasPickers(option) ? `Pick a day and times above, or type it here, like ${option.example}.` : `Please fill this in, like ${option.example}.`;
      }
      continue;
    }
    if (!option.schema.safeParse(value).success) errors[name] = describe(option);
  }
  return errors;
}

function describe(option: OptionSpec): string {
  if (option.kind === 'integer') return `A whole number from ${option.min} to ${option.max}.`;
  if (option.kind === 'text') return `Text of up to ${option.maxLength} characters, like ${option.example}.`;
  return `Pick one, like ${option.example}.`;
}

/** Did the dispatcher post it? A refused post answers with what was wrong instead. */
export function wasPosted(reply: Reply): boolean {
  return reply.refusal === undefined;
}

/** The field a refusal is about: the option the dispatcher names, else `when`, the one most refusals concern; always one the form shows. */
export function refusalField(spec: SubcommandSpec, reply: Reply): string {
  const names = [...(spec.form?.fields ?? Object.keys(spec.options))];
  const named = reply.refusal?.option;
  return named && names.includes(named) ? named : names.includes('when') ? 'when' : (names[0] ?? 'when');
}

function formTitle(meta: FormMeta): string {
  return clip(`${label(meta.command)} ${meta.sub}`, 24);
}

/** What the modal shows once the post went through. */
export function answerView(meta: FormMeta, reply: Reply): types.ModalView {
  return {
    type: 'modal',
    title: plain(formTitle(meta)),
    close: plain('Close'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(escapeMrkdwn(reply.text, new Set(reply.mentions ?? [])), 3000), verbatim: true } }],
  };
}
