import { randomUUID } from 'node:crypto';

/** A modal the fake opened with views.open. */
export interface FakeView {
  /** Slack's view id (V…). */
  id: string;
  /** Who it was opened for: the person whose trigger it used. */
  user: string;
  /** The view as views.open answered it (the app's view plus id, hash, state). */
  view: Record<string, unknown>;
  /** Open until a submission is answered with a plain ack (or `clear`); errors keep it open. */
  open: boolean;
  /** The field errors of the last `response_action: errors` answer, by block id. */
  errors?: Record<string, string>;
  /** Set when the app answered something Slack would not take (errors naming a non-input block). */
  problem?: string;
}

/** What a person puts in a modal, by block id: text, a date, a time, or user ids; null clears a field. */
export type ViewInput = Record<string, string | string[] | null>;

type Reply = Record<string, unknown>;
type Block = Record<string, unknown> & { type?: string; block_id?: string; element?: Record<string, unknown> };

// Slack's documented limits (docs.slack.dev/reference/views/modal-views and the Block Kit element pages).
const TITLE_MAX = 24;
const BLOCKS_MAX = 100;
const METADATA_MAX = 3000;
const ID_MAX = 255;
const LABEL_MAX = 2000;
const PLACEHOLDER_MAX = 150;
const SECTION_MAX = 3000;
// A trigger_id is good for 3 s and for one views.open.
const TRIGGER_MS = 3000;
const INPUT_ELEMENTS = new Set(['plain_text_input', 'datepicker', 'timepicker', 'multi_users_select']);
const OTHER_BLOCKS = new Set(['section', 'context', 'header', 'divider']);

/**
 * Modals as Slack keeps them: triggers issued with interactions (3 s, one use), views.open validated the
 * way Slack refuses a view (`invalid_arguments` with a json-pointer), the open views, and view_submission
 * payloads built from what a person typed, in Slack's exact `view.state.values` shape.
 */
export class FakeSlackViews {
  /** Every view opened, oldest first. */
  readonly opened: FakeView[] = [];
  private readonly triggers = new Map<string, { user: string; issuedAt: number; used: boolean }>();

  constructor(private readonly team: string) {}

  /** A new trigger_id for an interaction of `user` (a slash command, a click, a submission). */
  issueTrigger(user: string): string {
    const id = `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    this.triggers.set(id, { user, issuedAt: Date.now(), used: false });
    return id;
  }

  /** The most recent view opened for `user`. */
  latestFor(user: string): FakeView | undefined {
    return this.opened.filter((v) => v.user === user).at(-1);
  }

  /** Answers views.open. */
  open(args: Record<string, unknown>): Reply {
    const trigger = this.triggers.get(String(args.trigger_id ?? ''));
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (Date.now() - trigger.issuedAt > TRIGGER_MS) return { ok: false, error: 'expired_trigger_id' };
    const problem = checkView(args.view);
    if (problem) {
      return { ok: false, error: 'invalid_arguments', response_metadata: { messages: [`[ERROR] ${problem}`] } };
    }
    trigger.used = true;
    const id = `V${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    const view = {
      ...(args.view as Record<string, unknown>),
      id,
      team_id: this.team,
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${randomUUID().slice(0, 8)}`,
      previous_view_id: null,
      root_view_id: id,
      app_id: 'A0001',
      bot_id: 'BBOT',
    };
    this.opened.push({ id, user: trigger.user, view, open: true });
    return { ok: true, view };
  }

  /**
   * The view_submission payload for `user` submitting `view` with `input` (blocks not named keep their
   * initial values, as in Slack). Throws where Slack's client would not submit: a required field left empty.
   */
  submission(view: FakeView, input: ViewInput, userName: string): Reply {
    if (!view.open) throw new Error(`view ${view.id} is closed`);
    const values: Record<string, Record<string, unknown>> = {};
    for (const block of view.view.blocks as Block[]) {
      if (block.type !== 'input' || !block.element) continue;
      const element = block.element;
      const blockId = String(block.block_id);
      const typed = blockId in input ? input[blockId] : initialOf(element);
      const state = stateOf(String(element.type), typed ?? null);
      const empty = typed === null || typed === undefined || typed === '' || (Array.isArray(typed) && !typed.length);
      if (empty && block.optional !== true) throw new Error(`Slack would not submit: ${blockId} is required`);
      values[blockId] = { [String(element.action_id)]: state };
    }
    const unknown = Object.keys(input).filter((id) => !(id in values));
    if (unknown.length) throw new Error(`no input block ${unknown.join(', ')} in view ${view.id}`);
    return {
      type: 'view_submission',
      team: { id: this.team, domain: 'fake' },
      user: { id: view.user, username: userName, name: userName, team_id: this.team },
      api_app_id: 'A0001',
      token: 'verification-token',
      trigger_id: this.issueTrigger(view.user),
      view: { ...view.view, state: { values } },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
  }

  /**
   * Applies the app's answer to a submission, as Slack does: `errors` keep the modal open with each
   * message under its input block; `update` replaces it; anything else (a plain ack, `clear`) closes it.
   */
  settle(viewId: string, answer: unknown): void {
    const view = this.opened.find((v) => v.id === viewId);
    if (!view) throw new Error(`no view ${viewId}`);
    const action = (answer as { response_action?: string } | undefined)?.response_action;
    if (action === 'errors') {
      const errors = (answer as { errors?: Record<string, string> }).errors ?? {};
      const blocks = view.view.blocks as Block[];
      const inputs = new Set(blocks.filter((b) => b.type === 'input').map((b) => String(b.block_id)));
      const stray = Object.keys(errors).filter((id) => !inputs.has(id));
      if (stray.length) view.problem = `errors name blocks that are not input blocks: ${stray.join(', ')}`;
      view.errors = errors;
      return;
    }
    if (action === 'update') {
      view.view = { ...view.view, ...(answer as { view: Record<string, unknown> }).view };
      return;
    }
    view.open = false;
    delete view.errors;
  }
}

function initialOf(element: Record<string, unknown>): string | string[] | null {
  const initial = element.initial_value ?? element.initial_date ?? element.initial_time ?? element.initial_users;
  return (initial as string | string[] | undefined) ?? null;
}

// `values[block_id][action_id]` as Slack sends it per element type; an empty field is null (users: []).
function stateOf(type: string, typed: string | string[] | null): Record<string, unknown> {
  const text = typed === '' ? null : typed;
  switch (type) {
    case 'plain_text_input':
      return { type, value: text };
    case 'datepicker':
      return { type, selected_date: text };
    case 'timepicker':
      return { type, selected_time: text };
    case 'multi_users_select':
      return { type, selected_users: Array.isArray(typed) ? typed : typed ? [typed] : [] };
    default:
      throw new Error(`the fake has no state for ${type}`);
  }
}

function checkView(raw: unknown): string | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'view must be a JSON object [json-pointer:/view]';
  const view = raw as Record<string, unknown>;
  if (view.type !== 'modal') return 'must be "modal" [json-pointer:/view/type]';
  const titleProblem = checkPlain(view.title, TITLE_MAX, '/view/title', true);
  if (titleProblem) return titleProblem;
  for (const key of ['submit', 'close']) {
    const problem = checkPlain(view[key], TITLE_MAX, `/view/${key}`, false);
    if (problem) return problem;
  }
  if (view.callback_id !== undefined && (typeof view.callback_id !== 'string' || view.callback_id.length > ID_MAX)) {
    return `must be a string of at most ${ID_MAX} characters [json-pointer:/view/callback_id]`;
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > METADATA_MAX) {
    return `must be at most ${METADATA_MAX} characters [json-pointer:/view/private_metadata]`;
  }
  if (!Array.isArray(view.blocks)) return 'missing required field: blocks [json-pointer:/view/blocks]';
  if (view.blocks.length > BLOCKS_MAX) return `no more than ${BLOCKS_MAX} items allowed [json-pointer:/view/blocks]`;
  const ids = new Set<string>();
  for (const [i, block] of (view.blocks as Block[]).entries()) {
    const at = `/view/blocks/${i}`;
    if (block.block_id !== undefined) {
      const valid = typeof block.block_id === 'string' && block.block_id.length <= ID_MAX;
      if (!valid) return `invalid block_id [json-pointer:${at}/block_id]`;
      if (ids.has(block.block_id)) return `duplicate block_id [json-pointer:${at}/block_id]`;
      ids.add(block.block_id);
    }
    const problem = block.type === 'input' ? checkInput(block, at) : checkOther(block, at);
    if (problem) return problem;
  }
  const hasInput = (view.blocks as Block[]).some((b) => b.type === 'input');
  if (hasInput && !view.submit) return 'submit is required when the view has input blocks [json-pointer:/view/submit]';
  return undefined;
}

function checkInput(block: Block, at: string): string | undefined {
  const labelProblem = checkPlain(block.label, LABEL_MAX, `${at}/label`, true);
  if (labelProblem) return labelProblem;
  if (block.optional !== undefined && typeof block.optional !== 'boolean') {
    return `must be a boolean [json-pointer:${at}/optional]`;
  }
  const element = block.element;
  if (!element || !INPUT_ELEMENTS.has(String(element.type))) {
    return `unsupported element type [json-pointer:${at}/element/type]`;
  }
  const where = `${at}/element`;
  if (element.action_id !== undefined && (typeof element.action_id !== 'string' || element.action_id.length > ID_MAX)) {
    return `invalid action_id [json-pointer:${where}/action_id]`;
  }
  const placeholderProblem = checkPlain(element.placeholder, PLACEHOLDER_MAX, `${where}/placeholder`, false);
  if (placeholderProblem) return placeholderProblem;
  const multilineOk = element.type === 'plain_text_input' && typeof element.multiline === 'boolean';
  if (element.multiline !== undefined && !multilineOk) {
    return `multiline is a boolean of plain_text_input [json-pointer:${where}/multiline]`;
  }
  if (element.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(element.initial_date))) {
    return `must be YYYY-MM-DD [json-pointer:${where}/initial_date]`;
  }
  if (element.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(element.initial_time))) {
    return `must be HH:mm [json-pointer:${where}/initial_time]`;
  }
  const users = element.initial_users;
  const userIds = Array.isArray(users) && users.every((u) => typeof u === 'string' && /^[UW][A-Z0-9]+$/.test(u));
  if (users !== undefined && !userIds) {
    return `must be an array of user ids [json-pointer:${where}/initial_users]`;
  }
  return undefined;
}

function checkOther(block: Block, at: string): string | undefined {
  if (!OTHER_BLOCKS.has(String(block.type))) return `unsupported block type in a modal [json-pointer:${at}/type]`;
  const text = (block.text as { text?: string } | undefined)?.text ?? '';
  if (block.type === 'section' && text.length > SECTION_MAX) {
    return `must be less than ${SECTION_MAX + 1} characters [json-pointer:${at}/text/text]`;
  }
  return undefined;
}

function checkPlain(value: unknown, max: number, at: string, required: boolean): string | undefined {
  if (value === undefined) return required ? `missing required field [json-pointer:${at}]` : undefined;
  const text = value as { type?: string; text?: string };
  if (text.type !== 'plain_text') return `must be a plain_text object [json-pointer:${at}/type]`;
  if (!text.text || text.text.length > max) return `must be 1 to ${max} characters [json-pointer:${at}/text]`;
  return undefined;
}
