import { z } from 'zod';
import type { CommandForm, FormField } from '../../src/port.js';
import { truncateSlack } from './slack-text.js';

/** The callback_id of every modal Emcee opens: one Bolt listener takes all their submissions. */
export const FORM_CALLBACK_ID = 'emcee_form';

// A datetime field is two input blocks: Slack has a date picker and a time picker, no single box for both.
const DATE_SUFFIX = '__date';
const TIME_SUFFIX = '__time';
// Slack's limits for modals (docs.slack.dev/reference/views/modal-views, block-kit element pages).
const TITLE_MAX = 24;
const PLACEHOLDER_MAX = 150;
const LABEL_MAX = 2000;

/** What a modal carries in `private_metadata`: the core's form id and the channel it was opened from. */
const formMetadataSchema = z.object({ form: z.string(), channel: z.string() });
/** The form id and Slack channel id a modal was opened for. */
export type FormMetadata = z.infer<typeof formMetadataSchema>;

/** One element's state in `view.state.values[block_id][action_id]`, as Slack sends it. */
const stateValueSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_time: z.string().nullish(),
  selected_users: z.array(z.string()).nullish(),
});

/** The part of a `view_submission` payload Emcee reads. */
export const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string(),
    blocks: z.array(
      z.object({
        type: z.string(),
        block_id: z.string().optional(),
        element: z.object({ type: z.string() }).optional(),
      }),
    ),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValueSchema)) }),
  }),
});
/** A submitted modal, as Emcee reads it. */
export type ViewSubmission = z.infer<typeof viewSubmissionSchema>;
type SubmittedView = ViewSubmission['view'];

/** A form as a Slack modal (for views.open): one input block per field, two for a datetime. */
export function formView(
  form: CommandForm,
  channelId: string,
  userIdOf: (address: string) => string | undefined,
): object {
  const metadata: FormMetadata = { form: form.id, channel: channelId };
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: JSON.stringify(metadata),
    title: plain(truncateSlack(form.title, TITLE_MAX)),
    submit: plain(truncateSlack(form.submitLabel, TITLE_MAX)),
    close: plain('Cancel'),
    blocks: form.fields.flatMap((field) => fieldBlocks(field, userIdOf)),
  };
}

/** Reads `private_metadata` back; undefined when it is not Emcee's. */
export function readFormMetadata(raw: string): FormMetadata | undefined {
  try {
    const parsed = formMetadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Each field's value by field id, as the port wants them: text as typed, a datetime as "YYYY-MM-DD HH:MM",
 * people as comma-separated addresses; an empty field is "". A datetime with only its date or only its
 * time picked is an error on the missing block (Slack cannot require one picker only when the other is set).
 */
export function readFormValues(
  view: SubmittedView,
  userAddress: (userId: string) => string,
): { values: Record<string, string>; errors?: Record<string, string> } {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const stateOf = (blockId: string) => Object.values(view.state.values[blockId] ?? {})[0];
  for (const block of view.blocks) {
    if (block.type !== 'input' || !block.block_id) continue;
    const id = block.block_id;
    const state = stateOf(id);
    switch (block.element?.type) {
      case 'plain_text_input':
        values[id] = state?.value ?? '';
        break;
      case 'multi_users_select':
        values[id] = (state?.selected_users ?? []).map(userAddress).join(',');
        break;
      case 'datepicker': {
        const field = id.slice(0, -DATE_SUFFIX.length);
        const date = state?.selected_date ?? '';
        const time = stateOf(field + TIME_SUFFIX)?.selected_time ?? '';
        values[field] = date && time ? `${date} ${time}` : '';
        if (date && !time) errors[field + TIME_SUFFIX] = 'Pick a time as well.';
        if (time && !date) errors[id] = 'Pick a date as well.';
        break;
      }
    }
  }
  return Object.keys(errors).length ? { values, errors } : { values };
}

/**
 * The core's errors by field id as Slack's `response_action: errors` wants them, by block id: a datetime's
 * on its date block, the form's own (key "") and any for a field the modal lacks on the first block.
 */
export function blockErrors(
  errors: Record<string, string>,
  view: Pick<SubmittedView, 'blocks'>,
): Record<string, string> {
  const inputs = view.blocks.filter((b) => b.type === 'input' && b.block_id).map((b) => b.block_id!);
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const block = [field, field + DATE_SUFFIX].find((id) => field !== '' && inputs.includes(id)) ?? inputs[0];
    if (block === undefined) continue;
    out[block] = out[block] ? `${out[block]} ${message}` : message;
  }
  return out;
}

/** The first input block's id: where an error about the whole form is shown. */
export function firstBlockId(view: Pick<SubmittedView, 'blocks'>): string | undefined {
  return view.blocks.find((b) => b.type === 'input' && b.block_id)?.block_id;
}

function fieldBlocks(field: FormField, userIdOf: (address: string) => string | undefined): object[] {
  const input = (blockId: string, label: string, element: Record<string, unknown>) => ({
    type: 'input',
    block_id: blockId,
    label: plain(truncateSlack(label, LABEL_MAX)),
    optional: !field.required,
    element: { action_id: blockId, ...element },
  });
  const placeholder = field.placeholder
    ? { placeholder: plain(truncateSlack(field.placeholder, PLACEHOLDER_MAX)) }
    : {};
  const initial = field.initial ?? '';
  switch (field.kind) {
    case 'short':
    case 'paragraph':
      return [
        input(field.id, field.label, {
          type: 'plain_text_input',
          ...(field.kind === 'paragraph' ? { multiline: true } : {}),
          ...(initial ? { initial_value: initial } : {}),
          ...placeholder,
        }),
      ];
    case 'datetime': {
      const [, date, time] = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/.exec(initial.trim()) ?? [];
      return [
        input(field.id + DATE_SUFFIX, field.label, { type: 'datepicker', ...(date ? { initial_date: date } : {}) }),
        input(field.id + TIME_SUFFIX, `${field.label} (time)`, {
          type: 'timepicker',
          ...(time ? { initial_time: time } : {}),
        }),
      ];
    }
    case 'users': {
      const addresses = initial
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      const users = addresses.map(userIdOf).filter((u) => u !== undefined);
      const element = { type: 'multi_users_select', ...(users.length ? { initial_users: users } : {}), ...placeholder };
      return [input(field.id, field.label, element)];
    }
  }
}

function plain(text: string): { type: 'plain_text'; text: string; emoji: true } {
  return { type: 'plain_text', text, emoji: true };
}
