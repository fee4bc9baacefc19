import { afterEach, describe, expect, it } from 'vitest';
import { planCommand } from '../../src/commands/plan-command.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { NEEDS_THE_BOT, webCommandServices } from '../../web/web-command-services.js';
import { startWebRig, TEST_HOST, type WebRig } from '../support/web-rig.js';

// The shipped weekly series: Thursdays at 1 pm in New York. The rig's clock: Tuesday 1 December 2026, 7 am there.
const scripts = () => new ScriptCatalog(new URL('../../prompts/', import.meta.url).pathname);
const GAP = '02:30 does not exist on 2027-03-14 in America/New_York (the clocks go forward): pick another time';

let rig: WebRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function hostRig(hostRights?: (identity: string) => Promise<boolean>): Promise<WebRig> {
  rig = await startWebRig({ scripts: scripts(), ...(hostRights ? { hostRights } : {}) }, TEST_HOST);
  return rig;
}

function post(path: string, fields: Record<string, string>, csrf = TEST_HOST.csrf): Promise<Response> {
  return fetch(`${rig!.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: csrf, ...fields }),
    redirect: 'manual',
  });
}

async function follow(response: Response): Promise<string> {
  expect(response.status).toBe(303);
  return (await fetch(`${rig!.url}${response.headers.get('location')}`)).text();
}

/** Ana has spoken in the local room under `displayName`, so the console can name her. */
function anaSeenAs(displayName: string): void {
  const { store } = rig!.deps;
  store.sessions.ensureCommunity('local', 'local', 0);
  store.participants.recordSeen({ communityId: 'local', userId: 'local:ana', displayName, sessionId: 1, now: 0 });
}

const episode = { at: '2026-12-10T13:00', topic: 'Building trust', guests: '', questions: '', note: '' };

describe('the console plan page', () => {
  it('shows the plan command’s form for the next unplanned date, in the series’ time zone', async () => {
    await hostRig();
    const page = await (await fetch(`${rig!.url}/console/plan?series=weekly-chat`)).text();
    expect(page).toContain('Planning weekly-chat.');
    expect(page).toMatch(/<input type="datetime-local" id="field-at" name="at" required[^>]*value="2026-12-03T13:00">/);
    expect(page).toContain('In the series&#39; time zone, America/New_York.');
    expect(page).toContain('<textarea id="field-questions" name="questions"');
    expect(page).toContain('name="_csrf" value="test-csrf"');
    expect(page).toContain('<a href="/console/plan" aria-current="page">Plan</a>');
  });

  it('refuses a skipped hour with the plan command’s message beside the field, keeping what was typed', async () => {
    await hostRig();
    const values = { ...episode, at: '2027-03-14T02:30', topic: 'Spring <forward>' };
    const response = await post('/console/plan?series=weekly-chat', values);
    expect(response.status).toBe(422);
    const page = await response.text();
    // The command itself says exactly this for the same values.
    const direct = await planCommand.submit!(
      {
        submit: {
          formId: 'plan:weekly-chat',
          channel: 'test',
          community: 'test',
          by: { id: 'h', displayName: 'H', isBot: false, isHost: true },
          values: { ...values, at: '2027-03-14 02:30' },
        },
        runner: undefined,
        services: webCommandServices(rig!.deps),
      },
      'weekly-chat',
      { ...values, at: '2027-03-14 02:30' },
    );
    expect(direct).toEqual({ ok: false, errors: { at: GAP } });
    expect(page).toContain(`<p class="field-error" id="field-at-error">${GAP}</p>`);
    expect(page).toMatch(/id="field-at"[^>]*aria-describedby="field-at-hint field-at-error" aria-invalid="true"/);
    expect(page).toContain('value="2027-03-14T02:30"');
    expect(page).toContain('value="Spring &lt;forward&gt;"');
    expect(rig!.deps.store.episodes.upcoming(0)).toEqual([]);
  });

  it('refuses what is not a date at all, and an empty topic, each on its field', async () => {
    await hostRig();
    const page = await (
      await post('/console/plan?series=weekly-chat', { ...episode, at: 'next thursday', topic: ' ' })
    ).text();
    expect(page).toContain('a date and time like &quot;2026-12-03 13:00&quot;, in the series&#39; timezone');
    expect(page).toContain('<p class="field-error" id="field-topic-error">must not be empty</p>');
  });

  it('saves a valid chat, which then shows in the upcoming chats and in the store', async () => {
    await hostRig();
    const page = await follow(await post('/console/plan?series=weekly-chat', episode));
    expect(page).toContain('Planned weekly-chat on 2026-12-10 13:00 (America/New_York): Building trust.');
    expect(page).toContain('weekly-chat · 2026-12-10 13:00 — Building trust');
    expect(page).toContain('href="/console/plan/weekly-chat/2026-12-10"');
    const [row] = rig!.deps.store.episodes.upcoming(0);
    expect(row).toMatchObject({ series_id: 'weekly-chat', topic: 'Building trust', state: 'planned' });
    expect(row!.run_at).toBe(Date.UTC(2026, 11, 10, 18, 0));
  });

  it('edits a chat on its own page, and a guest typed by name becomes that person', async () => {
    const { store } = (await hostRig()).deps;
    anaSeenAs('Ana Lima');
    await follow(await post('/console/plan?series=weekly-chat', episode));
    const edit = await (await fetch(`${rig!.url}/console/plan/weekly-chat/2026-12-10`)).text();
    expect(edit).toContain('Edit the chat');
    expect(edit).toContain('value="Building trust"');
    const saved = await follow(
      await post('/console/plan/weekly-chat/2026-12-10', { ...episode, topic: 'Trust, again', guests: 'ana lima' }),
    );
    expect(saved).toContain('weekly-chat · 2026-12-10 13:00 — Trust, again (guest: Ana Lima)');
    const [row] = store.episodes.upcoming(0);
    expect(JSON.parse(row!.guests_json)).toEqual([{ name: 'Ana Lima', id: 'local:ana' }]);
    const again = await (await fetch(`${rig!.url}/console/plan/weekly-chat/2026-12-10`)).text();
    expect(again).toContain('id="field-guests" name="guests" aria-describedby="field-guests-hint" value="Ana Lima"');
  });

  it('skips and deletes through the episodes list’s buttons, with the command’s words', async () => {
    await hostRig();
    await follow(await post('/console/plan?series=weekly-chat', episode));
    const skipped = await follow(
      await post('/console/plan/act', { action: 'episodes:skip:weekly-chat:2026-12-10 13:00' }),
    );
    expect(skipped).toContain('Skipped weekly-chat on 2026-12-10 13:00: no chat that day.');
    expect(skipped).toContain('weekly-chat · 2026-12-10 13:00 — Building trust [skipped]');
    expect(rig!.deps.store.episodes.upcoming(0)[0]!.state).toBe('skipped');
    const deleted = await follow(
      await post('/console/plan/act', { action: 'episodes:delete:weekly-chat:2026-12-10 13:00' }),
    );
    expect(deleted).toContain('Deleted weekly-chat on 2026-12-10 13:00');
    expect(rig!.deps.store.episodes.upcoming(0)).toEqual([]);
    const stale = await follow(await post('/console/plan/act', { action: 'plan:weekly-chat' }));
    expect(stale).toContain('This button is out of date: open the page again.');
    expect((await fetch(`${rig!.url}/console/plan/Weekly:chat/2026-12-10`)).status).toBe(404);
  });

  it('asks the platform for host rights at the moment a host acts', async () => {
    let isHost = true;
    await hostRig(async (identity) => identity === TEST_HOST.identity && isHost);
    isHost = false;
    const response = await post('/console/plan?series=weekly-chat', episode);
    // The console's gate asks the platform before the route runs, signs the former host out and says why.
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('You are no longer a host of this community');
    expect(rig!.deps.store.episodes.upcoming(0)).toEqual([]);
  });
});

describe('the web command services, when no bot serves the site', () => {
  it('plan over the store and scripts, name people Emcee has seen, and say plainly what needs the bot', async () => {
    await hostRig();
    anaSeenAs('Ana');
    const services = webCommandServices(rig!.deps);
    expect(services.planner?.nextUnplanned('weekly-chat')).toBe('2026-12-03 13:00');
    expect(await services.nameOf('local:ana')).toBe('Ana');
    expect(await services.nameOf('slack:T1:U9')).toBe('U9');
    await expect(services.startSession({} as never)).rejects.toThrow(NEEDS_THE_BOT);
    expect(services.resolveChannel('C1')).toBeUndefined();
    expect(await services.openDirectChannel('local:ana')).toBeUndefined();
    expect(services.describeNext('local:room')).toContain(NEEDS_THE_BOT);
  });

  it('are the bot’s own when the bot offers them', async () => {
    const own = { ...webCommandServices({ ...(await hostRig()).deps }), describeNext: () => 'from the bot' };
    const deps = { ...rig!.deps, bot: { runningChats: () => 0, commandServices: () => own } };
    expect(webCommandServices(deps).describeNext('x')).toBe('from the bot');
  });
});

describe('the console for visitors', () => {
  it('shows the sign-in page on every console page, and refuses POSTs without the CSRF token', async () => {
    rig = await startWebRig({ scripts: scripts() });
    for (const path of [
      '/console/plan',
      '/console/plan/weekly-chat/2026-12-10',
      '/console/archive',
      '/console/people',
    ]) {
      expect((await fetch(`${rig.url}${path}`)).status, path).toBe(401);
    }
    for (const path of ['/console/plan?series=weekly-chat', '/console/plan/act', '/console/archive/publish']) {
      expect((await post(path, { ...episode, series: 'weekly-chat', publish: '1' })).status, path).toBe(403);
    }
    expect(rig.deps.store.episodes.upcoming(0)).toEqual([]);
    await rig.close();
    await hostRig();
    expect((await post('/console/plan?series=weekly-chat', episode, 'wrong')).status).toBe(403);
    expect(rig!.deps.store.episodes.upcoming(0)).toEqual([]);
  });
});

describe('an episode planned in the console', () => {
  it('appears on the series page with an "Add to calendar" entry, and in the series calendar', async () => {
    const ICAL = (await import('ical.js')).default;
    await hostRig();
    const planned = { ...episode, at: '2026-12-17T13:00', topic: 'Trust & <listening>', guests: 'Ada Guest' };
    expect((await post('/console/plan?series=weekly-chat', planned)).status).toBe(303);

    const seriesPage = await (await fetch(`${rig!.url}/series/weekly-chat`)).text();
    expect(seriesPage).toContain('Topic: Trust &amp; &lt;listening&gt;');
    const entry = /href="(\/series\/weekly-chat\/2026-12-17\.ics)"/.exec(seriesPage)?.[1];
    expect(entry).toBeDefined();

    for (const path of [entry!, '/series/weekly-chat.ics']) {
      const response = await fetch(`${rig!.url}${path}`);
      expect(response.headers.get('content-type')).toContain('text/calendar');
      const calendar = new ICAL.Component(ICAL.parse(await response.text()));
      const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
      const ours = events.find((event) => event.summary.includes('Trust & <listening>'));
      expect(ours, path).toBeDefined();
      // 1 pm in New York on 17 December (EST, UTC−5).
      expect(ours!.startDate.toJSDate().toISOString()).toBe('2026-12-17T18:00:00.000Z');
      expect(ours!.description).toContain('Ada Guest');
    }
  });
});
