import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData, type APITextInputComponent } from 'discord.js';
import { encodeAction } from '../../core/action-codec.ts';
import type { CommandSpec, FormSpec, OptionSpec, SubcommandSpec } from '../../app/command.ts';
import { clip } from './render.ts';

// A subcommand with a form (its definition says so, e.g. `/swap request` with no `when:`) opens a modal. The modal's
// custom id is the command itself ("swap.request"); its fields are the command's options, so the submission runs
// exactly the command and the dispatcher checks it like any other. Discord shows at most five text inputs.

const MAX_INPUTS = 5;

/**
 * Options a form makes optional in the registered command: its trigger, so Discord lets the command through to open
 * it. A form only a button opens (`/swap update`'s "Write a line…") leaves the typed command as it is.
 */
export function formOptional(spec: SubcommandSpec, option: string): boolean {
  return spec.form?.trigger === option && spec.form.opens !== 'button';
}

function label(name: string): string {
  return clip(name.charAt(0).toUpperCase() + name.slice(1), 45);
}

function input(name: string, option: OptionSpec, value: unknown): APITextInputComponent {
  if (option.kind === 'member' || option.kind === 'channel') throw new Error(`a form cannot ask for the ${option.kind} option ${name}`);
  const maxLength = option.kind === 'integer' ? String(option.max ?? 999_999).length + 1 : (option.maxLength ?? 200);
  const field: APITextInputComponent = {
    type: ComponentType.TextInput,
    custom_id: name,
    label: label(name),
    style: maxLength > 100 ? TextInputStyle.Paragraph : TextInputStyle.Short,
    required: option.required,
    max_length: Math.min(maxLength, 4000),
    placeholder: clip(option.choices ? option.choices.join(' / ') : option.description, 100),
  };
  if (typeof value === 'string' || typeof value === 'number') field.value = clip(String(value), field.max_length ?? 4000);
  return field;
}

/**
 * The modal for a form, with whatever the member already typed filled in (else the form's
 * template). `carry` holds options the form does not
 * ask for but the submission must run with (the neighbour an "Ask to sit" asks first), and a title of its own.
 */
export function buildModal(
  command: CommandSpec,
  sub: string,
  form: FormSpec,
  typed: Record<string, unknown>,
  carry: { options?: Record<string, string>; title?: string } = {},
): APIModalInteractionResponseCallbackData {
  const spec: SubcommandSpec | undefined = command.subcommands[sub];
  if (!spec) throw new Error(`no /${command.name} ${sub}`);
  const components = form.fields.slice(0, MAX_INPUTS).map((name) => {
    const option = spec.options[name];
    if (!option) throw new Error(`form field ${name} is not an option of /${command.name} ${sub}`);
    return { type: ComponentType.ActionRow as const, components: [input(name, option, typed[name] ?? form.template?.[name])] };
  });
  return { custom_id: encodeAction({ command: command.name, sub, options: carry.options ?? {} }), title: clip(carry.title ?? form.title, 45), components };
}
