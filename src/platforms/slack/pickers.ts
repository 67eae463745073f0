import type { types, ViewOutput } from '@slack/bolt';
import type { OptionSpec, SubcommandSpec } from '../../app/command.ts';

// Date and time pickers for a sit's `when:` in a form: a day, a start and an end. Picked, they become the canonical
// `when:` text ("2026-11-28 19:00-23:00", an end before the start runs overnight), which the reader reads back in
// the member's own timezone exactly as if typed. Typing `when:` stays the alternative, in its own field.

const VALUE = 'value';
export const DAY = 'day';
export const FROM = 'from';
export const UNTIL = 'until';

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });

/** Options a form offers pickers for: a sit's time. */
export function hasPickers(option: OptionSpec | undefined): boolean {
  return option?.free === 'when';
}

export function pickerBlocks(name: string): types.InputBlock[] {
  const time = (suffix: string, label: string, placeholder: string): types.InputBlock => ({
    type: 'input',
    block_id: `${name}_${suffix}`,
    label: plain(label),
    optional: true,
    element: { type: 'timepicker', action_id: VALUE, placeholder: plain(placeholder) },
  });
  return [
    { type: 'input', block_id: `${name}_${DAY}`, label: plain('Day'), optional: true, element: { type: 'datepicker', action_id: VALUE, placeholder: plain('Pick a day') } },
    time(FROM, 'From', 'Start'),
    time(UNTIL, 'Until', 'End (past midnight is fine)'),
  ];
}

interface Picked {
  day: string | undefined;
  from: string | undefined;
  until: string | undefined;
}

function picked(view: ViewOutput, name: string): Picked {
  const state = (suffix: string) => view.state.values[`${name}_${suffix}`]?.[VALUE];
  return { day: state(DAY)?.selected_date ?? undefined, from: state(FROM)?.selected_time ?? undefined, until: state(UNTIL)?.selected_time ?? undefined };
}

/** The `when:` text the pickers make, when all three are picked. */
export function pickedWhen(view: ViewOutput, name: string): string | undefined {
  const { day, from, until } = picked(view, name);
  if (!day || !from || !until || !/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{2}:\d{2}$/.test(from) || !/^\d{2}:\d{2}$/.test(until)) return undefined;
  return `${day} ${from}-${until}`;
}

/** Pickers half filled in, or filled in beside a typed time: said on the field at fault. */
export function pickerErrors(view: ViewOutput, spec: SubcommandSpec): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    if (!hasPickers(option)) continue;
    const { day, from, until } = picked(view, name);
    const count = [day, from, until].filter(Boolean).length;
    const typed = view.state.values[name]?.[VALUE]?.value?.trim();
    if (count > 0 && count < 3) {
      const missing = !day ? DAY : !from ? FROM : UNTIL;
      errors[`${name}_${missing}`] = 'Pick a day, a start and an end — or clear them and type the time below.';
    } else if (count === 3 && typed) {
      errors[name] = 'You picked a day and times above: leave this empty, or clear the pickers.';
    } else if (count === 3 && from === until) {
      errors[`${name}_${UNTIL}`] = 'The end is the same as the start: pick when the sit ends.';
    }
  }
  return errors;
}
