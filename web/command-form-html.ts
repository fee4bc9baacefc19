import { html } from 'hono/html';
import type { CommandForm, FormField } from '../src/port.js';
import type { Markup } from './page-layout.js';
import { csrfField, type Viewer } from './viewer.js';

/** How a command's form is shown on a page. */
export interface FormRendering {
  /** Where it posts to. */
  action: string;
  /** Who is looking (for the CSRF field). */
  viewer: Viewer;
  /** What was typed, by field id, when the form comes back with errors (else each field's initial value). */
  typed?: Record<string, string>;
  /** The command's errors by field id ("" or an id the form lacks: about the whole form). */
  errors?: Record<string, string>;
  /** A line of help under a field, by field id (a `users` field has one by default). */
  hints?: Record<string, string>;
}

const USERS_HINT = 'Names or ids, separated by commas (e.g. Ana Lima, slack:T1:U2).';

/**
 * A chat command's form (the one Slack and Discord show as a modal) as an HTML form: text, datetime-local,
 * textarea. Each error sits under its field, tied to it by aria-describedby and marked aria-invalid, and what
 * was typed stays in the fields.
 */
export function commandFormHtml(form: CommandForm, rendering: FormRendering): Markup {
  const errors = rendering.errors ?? {};
  const ids = new Set(form.fields.map((field) => field.id));
  const aboutForm = Object.entries(errors).filter(([id]) => !ids.has(id));
  const anyError = Object.keys(errors).length > 0;
  return html`<form class="command-form" method="post" action="${rendering.action}" novalidate>
${csrfField(rendering.viewer)}
${
  anyError
    ? html`<div class="form-errors" role="alert"><p>Not saved: ${
        aboutForm.length ? aboutForm.map(([, message]) => message).join(' ') : 'see the fields marked below.'
      }</p></div>`
    : ''
}
${form.fields.map((field) => fieldHtml(field, rendering))}
<p><button type="submit">${form.submitLabel}</button></p>
</form>`;
}

function fieldHtml(field: FormField, rendering: FormRendering): Markup {
  const id = `field-${field.id}`;
  const value = rendering.typed?.[field.id] ?? shownValue(field, field.initial ?? '');
  const error = rendering.errors?.[field.id];
  const hint = rendering.hints?.[field.id] ?? (field.kind === 'users' ? USERS_HINT : undefined);
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = html`id="${id}" name="${field.id}"${field.required ? html` required` : ''}${
    field.placeholder ? html` placeholder="${field.placeholder}"` : ''
  }${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
  const control =
    field.kind === 'paragraph'
      ? html`<textarea ${common}>${value}</textarea>`
      : html`<input type="${field.kind === 'datetime' ? 'datetime-local' : 'text'}" ${common} value="${value}">`;
  return html`<div class="form-field${error ? ' has-error' : ''}">
<label for="${id}">${field.label}${field.required ? '' : html` <span class="optional">(optional)</span>`}</label>
${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
${control}
${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
</div>`;
}

/** A field's value as its control shows it: a datetime-local input wants "YYYY-MM-DDTHH:MM". */
function shownValue(field: FormField, value: string): string {
  return field.kind === 'datetime' ? value.replace(/^(\d{4}-\d{2}-\d{2}) (\d{1,2}:\d{2})$/, '$1T$2') : value;
}

/** A submitted form read back: the values as the command wants them, and the text as typed (to show again). */
export interface ReadForm {
  /** By field id, as the port wants them (a datetime as "YYYY-MM-DD HH:MM", people as addresses). */
  values: Record<string, string>;
  /** By field id, exactly as typed. */
  typed: Record<string, string>;
}

/**
 * Reads a posted form's fields (only the form's own; anything else posted is ignored). `peopleOf` turns what was
 * typed in a `users` field into comma-separated addresses.
 */
export function readCommandForm(
  form: CommandForm,
  body: Record<string, unknown>,
  peopleOf: (typed: string) => string,
): ReadForm {
  const read: ReadForm = { values: {}, typed: {} };
  for (const field of form.fields) {
    const raw = body[field.id];
    const typed = typeof raw === 'string' ? raw : '';
    read.typed[field.id] = typed;
    read.values[field.id] =
      field.kind === 'datetime'
        ? typed.trim().replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/, '$1 $2')
        : field.kind === 'users'
          ? peopleOf(typed)
          : typed;
  }
  return read;
}
