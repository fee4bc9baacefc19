import type { Context, Hono } from 'hono';
import { type CalendarEvent, writeCalendar } from '../../src/calendar/ics-writer.js';
import { seriesEvents } from '../../src/calendar/series-events.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { recapPath, seriesPath } from '../../src/recap/recap-address.js';
import { localDate } from '../../src/recap/recap-dates.js';
import { seriesScripts } from '../series-scripts.js';
import { viewerOf, type WebEnv } from '../viewer.js';
import { canSeeSeries } from '../visibility.js';
import type { WebDeps } from '../web-deps.js';

const SERIES_ID = '[a-z0-9][a-z0-9-]*';

/**
 * The calendars (RFC 5545): `/calendar.ics` (every series this viewer may see; calendar apps come as visitors, so
 * the published ones), `/series/<id>.ics`, and `/series/<id>/<YYYY-MM-DD>.ics`, one chat, for "Add to calendar".
 */
export function registerCalendarRoutes(app: Hono<WebEnv>, deps: WebDeps): void {
  app.get('/calendar.ics', (c) => {
    const viewer = viewerOf(c);
    const events = [...seriesScripts(deps).values()]
      .filter((script) => canSeeSeries(deps.store, viewer, script.id))
      .flatMap((script) => eventsOf(deps, script))
      .sort((a, b) => a.start - b.start);
    return ics(c, deps, 'Emcee chats', events, 'emcee-chats.ics');
  });
  app.get(`/series/:file{${SERIES_ID}\\.ics}`, (c) => {
    const script = visibleScript(c, deps, c.req.param('file').replace(/\.ics$/, ''));
    if (!script) return c.notFound();
    return ics(c, deps, script.title, eventsOf(deps, script), `${script.id}.ics`);
  });
  app.get(`/series/:id{${SERIES_ID}}/:file{\\d{4}-\\d{2}-\\d{2}\\.ics}`, (c) => {
    const script = visibleScript(c, deps, c.req.param('id'));
    const date = c.req.param('file').replace(/\.ics$/, '');
    const events = script ? eventsOf(deps, script).filter((e) => localDate(e.start, e.timeZone) === date) : [];
    if (!script || events.length === 0) return c.notFound();
    return ics(c, deps, script.title, events, `${script.id}-${date}.ics`);
  });
}

function visibleScript(c: Context<WebEnv>, deps: WebDeps, seriesId: string): ChatScript | undefined {
  if (!canSeeSeries(deps.store, viewerOf(c), seriesId)) return undefined;
  return seriesScripts(deps).get(seriesId);
}

function eventsOf(deps: WebDeps, script: ChatScript): CalendarEvent[] {
  return seriesEvents(deps.store, script, deps.clock.now(), {
    publicUrl: deps.config.publicUrl,
    channelLinkOf: deps.channelLinkOf,
    paths: { series: seriesPath, recap: recapPath },
  });
}

function ics(c: Context<WebEnv>, deps: WebDeps, name: string, events: CalendarEvent[], file: string) {
  const body = writeCalendar({ name, events, stamp: deps.clock.now() });
  return c.body(body, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `inline; filename="${file}"`,
    'Cache-Control': 'no-cache',
  });
}
