import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import { FormInbound, PLAN_FORM } from './form-inbound.js';
import { startInteractive } from './slack-interaction-harness.js';

type Running = Awaited<ReturnType<typeof startInteractive>>;
let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const SKIP = 'episode:skip:weekly-chat:2026-12-03';
const EDIT = 'episode:edit:weekly-chat:2026-12-03';

describe.each(['socket', 'http'] as const)('Slack reply buttons through real Bolt (%s mode)', (mode) => {
  async function start() {
    const inbound = new FormInbound();
    running = await startInteractive(mode, inbound);
    return { ...running, inbound };
  }

  async function listEpisodes(run: Running, user: string) {
    await run.command(user, 'episodes');
    await waitFor(() => run.fake.ephemerals.some((m) => m.user === user), 'the list');
    return run.fake.ephemerals.find((m) => m.user === user)!;
  }

  it("a reply's items are lines with buttons (action id, channel as value, style), for the caller only", async () => {
    const run = await start();
    const list = await listEpisodes(run, 'UHOST');
    const mrkdwn = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
    const button = (id: string, text: string, style?: string) => ({
      type: 'button',
      action_id: id,
      text: { type: 'plain_text', text, emoji: true },
      value: 'C1',
      ...(style ? { style } : {}),
    });
    expect(list.blocks).toEqual([
      mrkdwn('Coming episodes of weekly-chat:'),
      mrkdwn('Thu 3 Dec, 1:00 PM — Building trust (guest: Ana)'),
      { type: 'actions', elements: [button(EDIT, 'Edit', 'primary'), button(SKIP, 'Skip', 'danger')] },
      mrkdwn('Thu 10 Dec, 1:00 PM — Saying no'),
      { type: 'actions', elements: [button('episode:skip:weekly-chat:2026-12-10', 'Skip')] },
    ]);
    // The notification text carries the lines too.
    expect(list.text.split('\n')).toEqual([
      'Coming episodes of weekly-chat:',
      '• Thu 3 Dec, 1:00 PM — Building trust (guest: Ana)',
      '• Thu 10 Dec, 1:00 PM — Saying no',
    ]);
    expect(run.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('a click reaches handleAction with the action id and the host flag; a done action replaces the list', async () => {
    const run = await start();
    await listEpisodes(run, 'UHOST');
    await run.click('UHOST', SKIP);
    await waitFor(() => run.inbound.actions.length === 1, 'the action');
    expect(run.inbound.actions[0]).toEqual({
      actionId: SKIP,
      channel: 'slack:T0001:C1',
      community: 'slack:T0001',
      by: { id: 'slack:T0001:UHOST', displayName: 'Host Hana', isBot: false, isHost: true },
    });
    await waitFor(() => run.fake.responses.length === 1, 'the answer through response_url');
    expect(run.fake.responses[0]).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    // The same message now shows what is true: one episode left, and no new message was added.
    expect(run.fake.ephemerals).toHaveLength(1);
    const now = 'Skipped Thu 3 Dec. Coming episodes of weekly-chat:\n• Thu 10 Dec, 1:00 PM — Saying no';
    expect(run.fake.ephemerals[0]!.text).toBe(now);
    expect(JSON.stringify(run.fake.ephemerals[0]!.blocks)).not.toContain(SKIP);
  });

  it("a refused click keeps the list and answers in a new message; the non-host's flag reaches the core", async () => {
    const run = await start();
    await listEpisodes(run, 'U1');
    await run.click('U1', SKIP);
    await waitFor(() => run.fake.ephemerals.length === 2, 'the refusal');
    const ana = { id: 'slack:T0001:U1', displayName: 'Ana', isBot: false, isHost: false };
    expect(run.inbound.actions[0]!.by).toEqual(ana);
    expect(run.fake.ephemerals[0]!.text).toContain('Building trust');
    expect(run.fake.ephemerals[1]).toEqual({ channel: 'C1', user: 'U1', text: 'Only hosts can change episodes.' });
  });

  it("an action answered with a form opens a modal with the click's trigger; its submission arrives", async () => {
    const run = await start();
    await listEpisodes(run, 'UHOST');
    await run.click('UHOST', EDIT);
    await waitFor(() => run.fake.views.opened.length === 1, 'the modal');
    const modal = { callback_id: 'emcee_form', title: { text: 'Plan an episode' } };
    expect(run.fake.views.opened[0]!.view).toMatchObject(modal);
    // The list stays as it was: the form is not an answer yet.
    expect(run.fake.responses).toEqual([]);
    await run.submit('UHOST', { topic: 'Trust, again' });
    const submitted = { formId: PLAN_FORM.id, channel: 'slack:T0001:C1', values: { topic: 'Trust, again' } };
    expect(run.inbound.submits[0]).toMatchObject(submitted);
  });

  it('where the modal cannot open, the reply text says what to type instead', async () => {
    const run = await start();
    run.fake.failNext('views.open', 1, 500);
    await run.command('UHOST', 'plan');
    await waitFor(() => run.fake.ephemerals.length === 1, 'the text');
    expect(run.fake.ephemerals[0]!.text).toBe('Type /emcee plan weekly-chat 2026-12-03 13:00 "topic" to plan it.');
    expect(run.fake.views.opened).toEqual([]);
  });
});
