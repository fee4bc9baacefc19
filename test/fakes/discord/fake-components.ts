import type { Json } from './fake-guild.js';

/**
 * Discord's rules for the components a bot sends, as its "Component Reference" states them, so the fake
 * refuses (400, code 50035) what Discord would: a modal (interaction response 9) has a custom_id of 1-100
 * characters, a title of at most 45 and 1-5 top-level components, here action rows holding one text input
 * each (custom_id 1-100, label 1-45, style 1 short or 2 paragraph, value at most 4000, placeholder at most
 * 100); a message has at most 5 action rows of up to 5 buttons (custom_id 1-100 and unique, label at most
 * 80, style 1-4) or one select menu (1-25 options).
 */

const ACTION_ROW = 1;
const BUTTON = 2;
const STRING_SELECT = 3;
const TEXT_INPUT = 4;

const text = (value: unknown, min: number, max: number) =>
  typeof value === 'string' && value.length >= min && value.length <= max;
const optionalText = (value: unknown, max: number) => value === undefined || text(value, 0, max);

/** Why Discord would refuse a MODAL response's data, or undefined when it is valid. */
export function modalProblem(data: Json | undefined): string | undefined {
  if (!data) return 'data: required';
  if (!text(data.custom_id, 1, 100)) return 'custom_id: must be 1-100 characters';
  if (!text(data.title, 1, 45)) return 'title: must be 1-45 characters';
  const rows = data.components;
  if (!Array.isArray(rows) || rows.length < 1 || rows.length > 5) return 'components: must be 1-5 rows';
  const ids = new Set<string>();
  for (const [i, row] of (rows as Json[]).entries()) {
    const inputs = row.components;
    if (row.type !== ACTION_ROW || !Array.isArray(inputs) || inputs.length !== 1) {
      return `components.${i}: an action row with one text input`;
    }
    const input = inputs[0] as Json;
    const at = `components.${i}.components.0`;
    if (input.type !== TEXT_INPUT) return `${at}.type: must be 4 (text input)`;
    if (!text(input.custom_id, 1, 100)) return `${at}.custom_id: must be 1-100 characters`;
    if (ids.has(String(input.custom_id))) return `${at}.custom_id: must be unique`;
    ids.add(String(input.custom_id));
    if (!text(input.label, 1, 45)) return `${at}.label: must be 1-45 characters`;
    if (input.style !== 1 && input.style !== 2) return `${at}.style: must be 1 (short) or 2 (paragraph)`;
    if (!optionalText(input.value, 4000)) return `${at}.value: must be at most 4000 characters`;
    if (!optionalText(input.placeholder, 100)) return `${at}.placeholder: must be at most 100 characters`;
    if (input.required !== undefined && typeof input.required !== 'boolean') return `${at}.required: must be a boolean`;
  }
  return undefined;
}

/** Why Discord would refuse a message's components (legacy layout), or undefined when they are valid. */
export function messageComponentsProblem(components: unknown): string | undefined {
  if (components === undefined) return undefined;
  if (!Array.isArray(components) || components.length > 5) return 'components: at most 5 action rows';
  const ids = new Set<string>();
  for (const [i, row] of (components as Json[]).entries()) {
    const children = row.components;
    if (row.type !== ACTION_ROW || !Array.isArray(children) || children.length < 1) {
      return `components.${i}: an action row with components`;
    }
    const kids = children as Json[];
    const select = kids.some((c) => c.type === STRING_SELECT);
    if (select && kids.length !== 1) return `components.${i}: a select menu fills its row`;
    if (!select && kids.length > 5) return `components.${i}: at most 5 buttons`;
    for (const [j, child] of kids.entries()) {
      const at = `components.${i}.components.${j}`;
      if (!text(child.custom_id, 1, 100)) return `${at}.custom_id: must be 1-100 characters`;
      if (ids.has(String(child.custom_id))) return `${at}.custom_id: must be unique in the message`;
      ids.add(String(child.custom_id));
      if (child.type === BUTTON) {
        if (![1, 2, 3, 4].includes(Number(child.style))) return `${at}.style: 1-4 for a button with a custom_id`;
        if (!optionalText(child.label, 80)) return `${at}.label: must be at most 80 characters`;
      } else if (child.type === STRING_SELECT) {
        const options = child.options;
        if (!Array.isArray(options) || options.length < 1 || options.length > 25) return `${at}.options: must be 1-25`;
      } else {
        return `${at}.type: must be a button or a select menu`;
      }
    }
  }
  return undefined;
}

/** A button or select menu found on a message, for clicking it. */
export function findComponent(components: unknown, customId: string): Json | undefined {
  if (!Array.isArray(components)) return undefined;
  for (const row of components as Json[]) {
    const found = ((row.components ?? []) as Json[]).find((c) => c.custom_id === customId);
    if (found) return found;
  }
  return undefined;
}

/**
 * MODAL_SUBMIT's `data` as Discord sends it for a modal of action rows (the documented "Text Input
 * Interaction" example): each row `{ type: 1, id, components: [{ type: 4, id, custom_id, value }] }`.
 * `values` are what the member typed by custom_id; an input left alone keeps its pre-filled value.
 * Discord's client will not send a required input empty, so neither does the fake (it throws instead).
 */
export function modalSubmitData(modal: Json, values: Record<string, string>): Json {
  const rows = modal.components as Json[];
  const known = new Set(rows.map((row) => String(((row.components as Json[])[0] as Json).custom_id)));
  const unknown = Object.keys(values).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(`the modal has no input ${unknown.join(', ')} (it has ${[...known].join(', ')})`);
  }
  let id = 0;
  return {
    custom_id: modal.custom_id,
    components: rows.map((row) => {
      const input = (row.components as Json[])[0] as Json;
      const customId = String(input.custom_id);
      const value = values[customId] ?? (typeof input.value === 'string' ? input.value : '');
      if (input.required !== false && value === '') {
        throw new Error(`Discord would not send the modal: ${customId} is required`);
      }
      return { type: ACTION_ROW, id: ++id, components: [{ type: TEXT_INPUT, id: ++id, custom_id: customId, value }] };
    }),
  };
}
