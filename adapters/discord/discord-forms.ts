import type { CommandForm, FormField } from '../../src/port.js';
import { discordAddress } from './discord-addresses.js';

/**
 * Core forms as Discord modals (interaction response type 9) and back. A modal holds at most 5 rows, here
 * each an action row with one text input; a datetime is one short input labelled with its format, and a
 * `users` field a short input taking mentions (<@123>), ids or @usernames, which come back as user
 * addresses. Each input's custom_id is `<kind>:<field id>`, so a submission can be read even when the bot
 * restarted while the form was open.
 */

/** Discord's modal and text-input limits. */
export const MODAL_LIMITS = { rows: 5, title: 45, label: 45, customId: 100, value: 4000, placeholder: 100 } as const;

/** The format a datetime field is typed in (the core parses it in the chat's timezone). */
export const DATETIME_FORMAT = 'YYYY-MM-DD HH:MM';

const KINDS: ReadonlySet<string> = new Set(['short', 'paragraph', 'datetime', 'users']);
const TEXT_INPUT = 4;
const ACTION_ROW = 1;
const SHORT = 1;
const PARAGRAPH = 2;

/** How the adapter reads and shows people in a `users` field. */
export interface PeopleNames {
  /** A member's user id from a typed name (username, global or server name), if one matches. */
  idOf(name: string): string | undefined;
  /** A member's username, to pre-fill a field without raw ids where it is known. */
  nameOf(id: string): string | undefined;
}

/** No member lookups: ids only. */
export const NO_NAMES: PeopleNames = { idOf: () => undefined, nameOf: () => undefined };

/** A text input's custom_id for a field. */
export function inputId(field: FormField): string {
  const id = `${field.kind}:${field.id}`;
  if (id.length > MODAL_LIMITS.customId) {
    throw new Error(`Form field id "${field.id}" is too long for Discord (at most 90 characters)`);
  }
  return id;
}

/**
 * The data of a MODAL response. `typed` (values as the person typed them, by field id) pre-fills the form
 * when it is offered again; otherwise each field starts from its `initial` value.
 */
export function modalData(
  form: CommandForm,
  customId: string,
  names: PeopleNames,
  typed?: Record<string, string>,
): Record<string, unknown> {
  return {
    custom_id: customId,
    title: form.title.slice(0, MODAL_LIMITS.title),
    components: form.fields.slice(0, MODAL_LIMITS.rows).map((field) => {
      const value = typed?.[field.id] ?? initialText(field, names);
      const placeholder = field.placeholder ?? defaultPlaceholder(field);
      return {
        type: ACTION_ROW,
        components: [
          {
            type: TEXT_INPUT,
            custom_id: inputId(field),
            label: fieldLabel(field),
            style: field.kind === 'paragraph' ? PARAGRAPH : SHORT,
            // Discord makes a text input required unless told otherwise.
            required: field.required,
            ...(value ? { value: value.slice(0, MODAL_LIMITS.value) } : {}),
            ...(placeholder ? { placeholder: placeholder.slice(0, MODAL_LIMITS.placeholder) } : {}),
          },
        ],
      };
    }),
  };
}

function fieldLabel(field: FormField): string {
  const label = field.label.slice(0, MODAL_LIMITS.label);
  const withFormat = `${label} (${DATETIME_FORMAT})`;
  return field.kind === 'datetime' && withFormat.length <= MODAL_LIMITS.label ? withFormat : label;
}

function defaultPlaceholder(field: FormField): string | undefined {
  if (field.kind === 'datetime') return DATETIME_FORMAT;
  if (field.kind === 'users') return '@username or id, separated by commas';
  return undefined;
}

// A users field's addresses become @usernames (or bare ids): a text box shows mentions as raw <@…> code.
function initialText(field: FormField, names: PeopleNames): string {
  if (!field.initial) return '';
  if (field.kind !== 'users') return field.initial;
  return field.initial
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '')
    .map((address) => {
      const id = /^discord:\d+:(\d+)$/.exec(address)?.[1];
      if (!id) return address;
      const name = names.nameOf(id);
      return name ? `@${name}` : id;
    })
    .join(', ');
}

/** A submission read: values for the core (users as addresses) and the text as typed (to offer it again). */
export interface ReadSubmission {
  /** Each field's value by field id, as the port wants it. */
  values: Record<string, string>;
  /** Each field's text exactly as typed, by field id. */
  typed: Record<string, string>;
  /** The fields as the custom_ids describe them (for a form the adapter no longer remembers). */
  fields: FormField[];
}

/** Reads the text inputs of a submitted modal (custom_id → value, in order). */
export function readSubmission(
  inputs: { customId: string; value: string }[],
  guildId: string,
  names: PeopleNames,
): ReadSubmission {
  const read: ReadSubmission = { values: {}, typed: {}, fields: [] };
  for (const { customId, value } of inputs) {
    const colon = customId.indexOf(':');
    const kind = customId.slice(0, colon);
    if (colon < 0 || !KINDS.has(kind)) continue;
    const id = customId.slice(colon + 1);
    read.typed[id] = value;
    read.values[id] = kind === 'users' ? userAddresses(value, guildId, names) : value.trim();
    read.fields.push({ id, label: id.slice(0, MODAL_LIMITS.label), kind: kind as FormField['kind'], required: false });
  }
  return read;
}

/**
 * Mentions (<@123>, <@!123>), bare ids and @names, separated by spaces or commas, as comma-separated user
 * addresses. Something that names nobody is passed on as typed, so the core can say which entry it did
 * not understand.
 */
export function userAddresses(typed: string, guildId: string, names: PeopleNames): string {
  const seen = new Set<string>();
  for (const token of typed.split(/[\s,]+/).filter((t) => t !== '')) {
    const mentioned = /^<@!?(\d{1,20})>$/.exec(token)?.[1];
    const id = mentioned ?? (/^\d{15,20}$/.test(token) ? token : names.idOf(token.replace(/^@/, '')));
    seen.add(id ? discordAddress.user(guildId, id) : token);
  }
  return [...seen].join(',');
}
