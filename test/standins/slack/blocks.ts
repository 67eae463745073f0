// Enough Block Kit checking to catch what real Slack rejects: counts, lengths, duplicate ids.
import type { Json } from './types.ts';

export const MAX_MESSAGE_BLOCKS = 50;
export const MAX_VIEW_BLOCKS = 100;
export const MAX_MESSAGE_TEXT = 40_000;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.text === 'string') return value.text;
  return undefined;
}

function tooLong(problems: string[], where: string, value: unknown, max: number): void {
  const text = textOf(value);
  if (text !== undefined && text.length > max) problems.push(`${where} must be ≤ ${max} characters (got ${text.length})`);
}

/** Elements an input block may hold. */
const INPUT_ELEMENTS = new Set([
  'plain_text_input',
  'number_input',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'static_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_users_select',
  'checkboxes',
  'radio_buttons',
  'email_text_input',
  'url_text_input',
]);

function checkElement(problems: string[], where: string, element: unknown): void {
  if (!isObject(element)) return;
  tooLong(problems, `${where}.action_id`, element.action_id, 255);
  tooLong(problems, `${where}.placeholder`, element.placeholder, 150);
  if (element.type === 'datepicker' && element.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(element.initial_date))) {
    problems.push(`${where}.initial_date must be YYYY-MM-DD`);
  }
  if (element.type === 'timepicker' && element.initial_time !== undefined && !/^(?:[01]\d|2[0-3]):[0-5]\d$/.test(String(element.initial_time))) {
    problems.push(`${where}.initial_time must be HH:mm`);
  }
  if (element.type === 'button') {
    tooLong(problems, `${where}.text`, element.text, 75);
    tooLong(problems, `${where}.value`, element.value, 2000);
    tooLong(problems, `${where}.url`, element.url, 3000);
  }
}

/** Problems with a blocks array, in Slack's `[ERROR] …` style; empty when fine. */
export function blockProblems(blocks: unknown, maxBlocks: number): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`no more than ${maxBlocks} items allowed [json-pointer:/blocks]`);
  const blockIds = new Set<string>();
  blocks.forEach((block: unknown, index) => {
    const where = `/blocks/${index}`;
    if (!isObject(block) || typeof block.type !== 'string') {
      problems.push(`${where} must be an object with a type`);
      return;
    }
    if (typeof block.block_id === 'string') {
      tooLong(problems, `${where}/block_id`, block.block_id, 255);
      if (blockIds.has(block.block_id)) problems.push(`${where}/block_id ${block.block_id} is a duplicate`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'section':
        tooLong(problems, `${where}/text`, block.text, 3000);
        if (block.text === undefined && block.fields === undefined) problems.push(`${where} needs text or fields`);
        if (Array.isArray(block.fields)) {
          if (block.fields.length > 10) problems.push(`${where}/fields: no more than 10 items allowed`);
          block.fields.forEach((field: unknown, i) => tooLong(problems, `${where}/fields/${i}`, field, 2000));
        }
        checkElement(problems, `${where}/accessory`, block.accessory);
        break;
      case 'header':
        tooLong(problems, `${where}/text`, block.text, 150);
        break;
      case 'actions': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0) problems.push(`${where}/elements must not be empty`);
        if (elements.length > 25) problems.push(`${where}/elements: no more than 25 items allowed`);
        const actionIds = new Set<string>();
        elements.forEach((element: unknown, i) => {
          checkElement(problems, `${where}/elements/${i}`, element);
          const actionId = isObject(element) ? element.action_id : undefined;
          if (typeof actionId === 'string') {
            if (actionIds.has(actionId)) problems.push(`${where}/elements/${i}/action_id ${actionId} is a duplicate`);
            actionIds.add(actionId);
          }
        });
        break;
      }
      case 'context':
        if (Array.isArray(block.elements) && block.elements.length > 10) {
          problems.push(`${where}/elements: no more than 10 items allowed`);
        }
        break;
      case 'input':
        tooLong(problems, `${where}/label`, block.label, 2000);
        if (!isObject(block.element)) problems.push(`${where}/element is required`);
        else if (!INPUT_ELEMENTS.has(String(block.element.type))) problems.push(`${where}/element: ${String(block.element.type)} is not an input element`);
        else checkElement(problems, `${where}/element`, block.element);
        tooLong(problems, `${where}/hint`, block.hint, 2000);
        break;
      default:
        break;
    }
  });
  return problems.map((problem) => `[ERROR] ${problem}`);
}

/** Problems with a modal view (views.open / views.update / views.push). */
export function viewProblems(view: unknown): string[] {
  if (!isObject(view)) return ['[ERROR] view must be an object'];
  const problems: string[] = [];
  if (view.type !== 'modal' && view.type !== 'home') problems.push('[ERROR] view.type must be modal or home');
  if (view.type === 'modal' && textOf(view.title) === undefined) problems.push('[ERROR] view.title is required');
  const lengths: [string, unknown, number][] = [
    ['title', view.title, 24],
    ['submit', view.submit, 24],
    ['close', view.close, 24],
    ['private_metadata', view.private_metadata, 3000],
    ['callback_id', view.callback_id, 255],
    ['external_id', view.external_id, 255],
  ];
  for (const [name, value, max] of lengths) {
    const text = textOf(value);
    if (text !== undefined && text.length > max) problems.push(`[ERROR] view.${name} must be ≤ ${max} characters`);
  }
  return [...problems, ...blockProblems(view.blocks, MAX_VIEW_BLOCKS)];
}
