import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { CommandForm, CommandReply } from '../../src/port.js';
import { SystemClock } from '../../src/time/clock.js';
import { readCommandForm } from '../command-form-html.js';
import { consoleCommands } from '../console-commands.js';
import { consoleHost } from '../console-host.js';
import { ControlNotes } from '../live/control-notes.js';
import { addressesOfTyped, typedOfAddresses } from '../guest-names.js';
import { type PlanPageParts, planPage, withShownPeople } from '../plan-page.js';
import type { SignedInHost, WebEnv } from '../viewer.js';
import type { WebDeps } from '../web-deps.js';

// Only the episodes list's own Skip and Delete buttons may be pressed from the page (Edit is a link).
const actionSchema = z.string().regex(/^episodes:(skip|delete):[a-z0-9][a-z0-9-]*:\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}$/);
// An episode's page: /console/plan/weekly-chat/2026-12-03 (anything else is not found).
const EPISODE = '/console/plan/:series{[a-z0-9][a-z0-9-]*}/:date{\\d{4}-\\d{2}-\\d{2}}';

/**
 * The console's Plan page: plan, edit, skip and delete episodes through the `plan` and `episodes` commands, so the
 * checks and the messages are those of the Slack and Discord modals and of the files.
 */
export function registerConsolePlanRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  const commands = consoleCommands(deps);
  // What an action said, kept for the page it redirects to: words in the address could come from anyone's link.
  const notes = new ControlNotes(new SystemClock());
  const planPath = (host: SignedInHost, series: string | undefined, text: string, ok: boolean): string => {
    const query = new URLSearchParams({
      ...(series ? { series } : {}),
      notice: notes.put(host.identity, { ok, text }),
    });
    return `/console/plan?${query}`;
  };

  // The form a page shows: a new chat of a series ("plan"), or an episode's ("episodes" Edit button).
  const openForm = (host: SignedInHost, series: string | undefined, date?: string): Promise<CommandReply> =>
    date === undefined
      ? commands.run(host, 'plan', series ? [series] : [])
      : commands.act(host, `episodes:edit:${series}:${date}`);

  const render = async (
    c: Context<WebEnv>,
    host: SignedInHost,
    series: string | undefined,
    date: string | undefined,
    shown: { reply?: CommandReply; typed?: Record<string, string>; errors?: Record<string, string> } = {},
    status: 200 | 404 | 422 = 200,
  ) => {
    const reply = shown.reply ?? (await openForm(host, series, date));
    const chosen = reply.form ? reply.form.id.split(':')[1] : series;
    const notice = notes.take(host.identity, c.req.query('notice'));
    const parts: PlanPageParts = {
      viewer: host,
      heading: date === undefined ? 'Plan' : 'Edit a chat',
      ...(notice ? { notice } : {}),
      series: deps.scripts?.names() ?? [],
      ...(chosen ? { chosen } : {}),
      episodes: await commands.run(host, 'episodes', []),
    };
    if (reply.form) {
      parts.form = {
        form: withShownPeople(reply.form, (addresses) => typedOfAddresses(deps.store, addresses)),
        intro: reply.text,
        rendering: {
          action: formAction(chosen ?? '', date),
          viewer: host,
          ...(shown.typed ? { typed: shown.typed } : {}),
          ...(shown.errors ? { errors: shown.errors } : {}),
          hints: { at: zoneHint(deps, chosen) },
        },
      };
    } else parts.noForm = reply.text;
    return c.html(planPage(parts), reply.form || date === undefined ? status : 404);
  };

  const submit = async (c: Context<WebEnv>, series: string, date: string | undefined) => {
    const host = consoleHost(c);
    const reply = await openForm(host, series, date);
    if (!reply.form) return render(c, host, series, date, { reply }, 422);
    const form: CommandForm = reply.form;
    const read = readCommandForm(form, await c.req.parseBody(), (typed) => addressesOfTyped(deps.store, typed));
    const outcome = await commands.submit(host, form.id, read.values);
    if (!outcome.ok) return render(c, host, series, date, { reply, typed: read.typed, errors: outcome.errors }, 422);
    return c.redirect(planPath(host, series, outcome.text, true), 303);
  };

  app.get('/console/plan', (c) => render(c, consoleHost(c), c.req.query('series') || undefined, undefined));
  app.post('/console/plan', (c) => submit(c, c.req.query('series') ?? '', undefined));
  app.post('/console/plan/act', async (c) => {
    const body = await c.req.parseBody();
    const host = consoleHost(c);
    const action = actionSchema.safeParse(body.action);
    if (!action.success)
      return c.redirect(planPath(host, undefined, 'This button is out of date: open the page again.', false), 303);
    const reply = await commands.act(host, action.data);
    return c.redirect(planPath(host, undefined, reply.text.split('\n')[0] ?? '', reply.ok), 303);
  });
  app.get(EPISODE, (c) => render(c, consoleHost(c), c.req.param('series'), c.req.param('date')));
  app.post(EPISODE, (c) => submit(c, c.req.param('series'), c.req.param('date')));
}

function formAction(series: string, date: string | undefined): string {
  return date === undefined
    ? `/console/plan?series=${encodeURIComponent(series)}`
    : `/console/plan/${encodeURIComponent(series)}/${date}`;
}

function zoneHint(deps: WebDeps, series: string | undefined): string {
  if (!series || !deps.scripts) return "In the series' time zone.";
  try {
    const script = deps.scripts.load(series);
    return `In the series' time zone, ${script.schedule?.timezone ?? script.timezone}.`;
  } catch {
    return "In the series' time zone.";
  }
}
