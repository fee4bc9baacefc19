import type { ReplyAction, ReplyItem } from '../../src/port.js';

/**
 * Reply lines with buttons as Discord message components. A message holds at most 5 action rows of at
 * most 5 buttons. A reply with up to 5 lines shows one row of buttons per line; a longer one is paged:
 * 4 lines and their rows per page, and a fifth row with "Previous" and "Next" that turn the page in place
 * (UPDATE_MESSAGE). Paging was chosen over a select menu because every line stays one click away and
 * keeps its own buttons, the same as in a short list. Each line is numbered and its buttons carry the
 * number, since Discord cannot put a button beside its line.
 */

/** The custom_id prefixes Emcee's components and modals use. */
export const CUSTOM_ID = {
  /** A modal whose form id fits: `emcee_form:<form id>`. */
  form: 'emcee_form:',
  /** A modal whose form id was too long: `emcee_formkey:<key>`. */
  formKey: 'emcee_formkey:',
  /** A reply's button: `emcee_action:<action id>`. */
  action: 'emcee_action:',
  /** A button whose action id was too long: `emcee_actionkey:<key>`. */
  actionKey: 'emcee_actionkey:',
  /** Opens a form again (filled with what was typed): `emcee_reopen:<draft key>`. */
  reopen: 'emcee_reopen:',
  /** Turns a paged list: `emcee_page:<list key>:<page>`. */
  page: 'emcee_page:',
} as const;

/** Discord's component limits for a message. */
export const COMPONENT_LIMITS = { rows: 5, buttonsPerRow: 5, customId: 100, buttonLabel: 80, content: 2000 } as const;

/** Lines per page once a reply has more lines than a message has rows. */
export const LINES_PER_PAGE = COMPONENT_LIMITS.rows - 1;

const ACTION_ROW = 1;
const BUTTON = 2;
const BUTTON_STYLE = { primary: 1, secondary: 2, danger: 4 } as const;

/** A message's content and components. */
export interface RenderedMessage {
  /** The text, at most 2,000 characters. */
  content: string;
  /** Action rows of buttons. */
  components: Record<string, unknown>[];
}

/** What rendering needs from the adapter's memory. */
export interface RenderIds {
  /** The custom_id of an action's button (short ids as they are; long ones through a key). */
  action(actionId: string): string;
  /** The key a paged list is kept under (made the first time it is asked for). */
  listKey(): string;
}

/** The number of pages a reply's lines take. */
export function pageCount(items: readonly ReplyItem[]): number {
  return items.length <= COMPONENT_LIMITS.rows ? 1 : Math.ceil(items.length / LINES_PER_PAGE);
}

/** A reply's text, its lines (one page of them) and their buttons. */
export function renderReply(
  reply: { text: string; items?: ReplyItem[] | undefined },
  ids: RenderIds,
  page = 0,
): RenderedMessage {
  const items = reply.items ?? [];
  if (items.length === 0) return { content: reply.text.slice(0, COMPONENT_LIMITS.content), components: [] };
  const pages = pageCount(items);
  const current = Math.min(Math.max(0, page), pages - 1);
  const first = pages === 1 ? 0 : current * LINES_PER_PAGE;
  const shown = items.slice(first, pages === 1 ? items.length : first + LINES_PER_PAGE);
  const lines = shown.map((item, i) => `**${first + i + 1}.** ${item.text}`);
  if (pages > 1) lines.push(`Page ${current + 1} of ${pages}`);
  const rows = shown
    .map((item, i) => buttonRow(item.actions, first + i + 1, ids))
    .filter((row) => (row.components as unknown[]).length > 0);
  if (pages > 1) rows.push(pageRow(ids.listKey(), current, pages));
  return { content: [reply.text, '', ...lines].join('\n').slice(0, COMPONENT_LIMITS.content), components: rows };
}

function buttonRow(actions: readonly ReplyAction[], number: number, ids: RenderIds): Record<string, unknown> {
  return {
    type: ACTION_ROW,
    components: actions.slice(0, COMPONENT_LIMITS.buttonsPerRow).map((action) => ({
      type: BUTTON,
      style: BUTTON_STYLE[action.style ?? 'secondary'],
      label: `${number} · ${action.label}`.slice(0, COMPONENT_LIMITS.buttonLabel),
      custom_id: ids.action(action.id),
    })),
  };
}

function pageRow(listKey: string, current: number, pages: number): Record<string, unknown> {
  const turn = (to: number, label: string) => ({
    type: BUTTON,
    style: BUTTON_STYLE.secondary,
    label,
    custom_id: `${CUSTOM_ID.page}${listKey}:${to}`,
    disabled: to < 0 || to >= pages,
  });
  return { type: ACTION_ROW, components: [turn(current - 1, '◀ Previous'), turn(current + 1, 'Next ▶')] };
}

/** One row with one button that opens a form again (custom_id `emcee_reopen:<draft key>`). */
export function reopenRow(draftKey: string, label: string): Record<string, unknown> {
  const button = { type: BUTTON, style: BUTTON_STYLE.primary, label, custom_id: `${CUSTOM_ID.reopen}${draftKey}` };
  return { type: ACTION_ROW, components: [button] };
}
