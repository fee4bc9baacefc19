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

const HOST = { id: 'slack:T0001:UHOST', displayName: 'Host Hana', isBot: false, isHost: true };

describe.each(['socket', 'http'] as const)('Slack forms through real Bolt (%s mode)', (mode) => {
  async function start() {
    const inbound = new FormInbound();
    running = await startInteractive(mode, inbound);
    return { ...running, inbound };
  }

  async function openPlan(run: Running) {
    await run.command('UHOST', 'plan');
    await waitFor(() => run.fake.views.opened.length === 1, 'the modal');
    return run.fake.views.opened[0]!;
  }

  it('a form opens as a modal with the command trigger: an input block per field, two for a datetime', async () => {
    const run = await start();
    const opened = await openPlan(run);
    const call = run.fake.callsTo('views.open')[0]!;
    expect(String(call.args.trigger_id)).toMatch(/^\d+\./);
    expect(opened.user).toBe('UHOST');
    const view = call.args.view as Record<string, unknown>;
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'emcee_form',
      title: { type: 'plain_text', text: 'Plan an episode' },
      submit: { type: 'plain_text', text: 'Save' },
    });
    expect(JSON.parse(String(view.private_metadata))).toEqual({ form: PLAN_FORM.id, channel: 'C1' });
    const label = (text: string) => ({ type: 'plain_text', text, emoji: true });
    const input = (id: string, text: string, optional: boolean, element: Record<string, unknown>) => ({
      type: 'input',
      block_id: id,
      label: label(text),
      optional,
      element: { action_id: id, ...element },
    });
    expect(view.blocks).toEqual([
      input('topic', 'Topic', false, { type: 'plain_text_input', placeholder: label('Building trust') }),
      input('when__date', 'Starts', false, { type: 'datepicker', initial_date: '2026-12-03' }),
      input('when__time', 'Starts (time)', false, { type: 'timepicker', initial_time: '12:30' }),
      input('guests', 'Guests', true, { type: 'multi_users_select', initial_users: ['U1'] }),
      input('notes', 'Notes for the guests', true, { type: 'plain_text_input', multiline: true }),
      input('rehearsal__date', 'Rehearsal', true, { type: 'datepicker' }),
      input('rehearsal__time', 'Rehearsal (time)', true, { type: 'timepicker' }),
    ]);
    // The modal stands in for the text: nothing else was shown.
    expect(run.fake.ephemerals).toEqual([]);
    expect(run.inbound.commands[0]).toMatchObject({ name: 'plan', by: HOST });
  });

  it('a valid submission reaches the core with every value as text; the modal closes, the answer shows', async () => {
    const run = await start();
    await openPlan(run);
    run.inbound.outcomes.push({ ok: true, text: 'Planned Thu 3 Dec, 1:00 PM: Building trust.' });
    const answer = await run.submit('UHOST', { topic: 'Building trust', when__time: '13:00', guests: ['U1', 'U2'] });
    expect(answer ?? {}).toEqual({});
    expect(run.inbound.submits).toEqual([
      {
        formId: PLAN_FORM.id,
        channel: 'slack:T0001:C1',
        community: 'slack:T0001',
        by: HOST,
        values: {
          topic: 'Building trust',
          when: '2026-12-03 13:00',
          guests: 'slack:T0001:U1,slack:T0001:U2',
          notes: '',
          rehearsal: '',
        },
      },
    ]);
    expect(run.fake.views.opened[0]!.open).toBe(false);
    await waitFor(() => run.fake.ephemerals.length === 1, 'the confirmation');
    const text = 'Planned Thu 3 Dec, 1:00 PM: Building trust.';
    expect(run.fake.ephemerals[0]).toEqual({ channel: 'C1', user: 'UHOST', text });
  });

  it("the core's field errors come back as response_action errors on their blocks; the modal stays", async () => {
    const run = await start();
    await openPlan(run);
    const errors = { when: 'That time has passed.', guests: 'Ana is already a guest.', '': 'Check the form.' };
    run.inbound.outcomes.push({ ok: false, errors });
    const answer = await run.submit('UHOST', { topic: 'Trust', when__date: '2020-01-01' });
    expect(answer).toEqual({
      response_action: 'errors',
      errors: { when__date: 'That time has passed.', guests: 'Ana is already a guest.', topic: 'Check the form.' },
    });
    const view = run.fake.views.opened[0]!;
    expect(view.open).toBe(true);
    expect(view.problem).toBeUndefined();
    expect(run.inbound.submits[0]!.values.when).toBe('2020-01-01 12:30');
    // Corrected and submitted again: saved.
    await run.submit('UHOST', { topic: 'Trust', when__date: '2026-12-03' });
    expect(view.open).toBe(false);
    expect(run.inbound.submits).toHaveLength(2);
    await waitFor(() => run.fake.ephemerals.length === 1, 'the confirmation');
    expect(run.fake.ephemerals[0]!.text).toBe('Saved.');
  });

  it('a submission the core fails on is never lost: the modal stays open and says to try again', async () => {
    const run = await start();
    await openPlan(run);
    run.inbound.outcomes.push(new Error('database is locked'));
    const answer = await run.submit('UHOST', { topic: 'Trust' });
    const errors = { topic: 'This could not be saved. Please try again.' };
    expect(answer).toEqual({ response_action: 'errors', errors });
    expect(run.fake.views.opened[0]!.open).toBe(true);
    expect(run.fake.ephemerals).toEqual([]);
    await run.submit('UHOST', { topic: 'Trust' });
    expect(run.fake.views.opened[0]!.open).toBe(false);
    expect(run.inbound.submits.map((s) => s.values.topic)).toEqual(['Trust', 'Trust']);
  });

  it('a datetime with only its date picked is an error on its time block, without troubling the core', async () => {
    const run = await start();
    await openPlan(run);
    const answer = await run.submit('UHOST', { topic: 'Trust', rehearsal__date: '2026-12-01' });
    expect(answer).toEqual({ response_action: 'errors', errors: { rehearsal__time: 'Pick a time as well.' } });
    expect(run.inbound.submits).toEqual([]);
    expect(run.fake.views.opened[0]!.open).toBe(true);
  });
});
