import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './fake-slack.js';

let fake: FakeSlack;
afterEach(async () => fake.stop());

async function client() {
  fake = new FakeSlack();
  await fake.start();
  fake.addUser({ id: 'U1', name: 'ana', display: 'Ana' });
  // Quiet: the WebClient logs each refusal's messages, and refusals are what these tests make.
  const none = () => {};
  const quiet = { debug: none, info: none, warn: none, error: none, setLevel: none, setName: none };
  const logger = { ...quiet, getLevel: () => webApi.LogLevel.ERROR } as never;
  return new webApi.WebClient('xoxb-test-token', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger });
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const input = (blockId: string, element: Record<string, unknown>, optional = false) => ({
  type: 'input',
  block_id: blockId,
  label: plain(blockId),
  optional,
  element: { action_id: blockId, ...element },
});
const modal = (blocks: object[], extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  callback_id: 'emcee_form',
  title: plain('A form'),
  submit: plain('Save'),
  blocks,
  ...extra,
});

// The error code and Slack's message with its json-pointer, or 'ok'.
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { data?: { error?: string; response_metadata?: { messages?: string[] } } }) =>
      [e.data?.error, ...(e.data?.response_metadata?.messages ?? [])].join(' '),
  );

describe("the fake's views.open", () => {
  it('takes a trigger once and within 3 s, as Slack does', async () => {
    const slack = await client();
    const view = modal([input('topic', { type: 'plain_text_input' })]) as never;
    expect(await outcome(slack.views.open({ trigger_id: '1.2.made-up', view }))).toBe('invalid_trigger_id');
    const trigger = fake.views.issueTrigger('U1');
    expect(await outcome(slack.views.open({ trigger_id: trigger, view }))).toBe('ok');
    expect(await outcome(slack.views.open({ trigger_id: trigger, view }))).toBe('exchanged_trigger_id');
    expect(fake.views.latestFor('U1')).toMatchObject({ user: 'U1', open: true, view: { callback_id: 'emcee_form' } });
  });

  it('refuses views Slack refuses, naming the field', async () => {
    const slack = await client();
    const refusal = (view: object) =>
      outcome(slack.views.open({ trigger_id: fake.views.issueTrigger('U1'), view: view as never }));
    const hundredAndOne = Array.from({ length: 101 }, (_, i) => input(`b${i}`, { type: 'plain_text_input' }));
    const ok = input('topic', { type: 'plain_text_input' });
    const longTitle = modal([ok], { title: plain('A title longer than 24 ch') });
    expect(await refusal(longTitle)).toMatch(/^invalid_arguments .*\/view\/title\/text/);
    expect(await refusal(modal([ok], { type: 'home' }))).toMatch(/\/view\/type/);
    expect(await refusal(modal([ok], { submit: undefined }))).toMatch(/\/view\/submit/);
    expect(await refusal(modal(hundredAndOne))).toMatch(/\/view\/blocks\]/);
    expect(await refusal(modal([ok, ok]))).toMatch(/duplicate block_id/);
    const badDate = input('when', { type: 'datepicker', initial_date: '3 Dec 2026' });
    expect(await refusal(modal([badDate]))).toMatch(/initial_date/);
    expect(await refusal(modal([input('when', { type: 'timepicker', initial_time: '1pm' })]))).toMatch(/initial_time/);
    const addresses = input('who', { type: 'multi_users_select', initial_users: ['slack:T0001:U1'] });
    expect(await refusal(modal([addresses]))).toMatch(/initial_users/);
    expect(await refusal(modal([input('x', { type: 'checkboxes' })]))).toMatch(/element\/type/);
    expect(await refusal(modal([ok], { private_metadata: 'x'.repeat(3001) }))).toMatch(/private_metadata/);
    expect(fake.views.opened).toEqual([]);
  });

  it("builds view_submission state in Slack's shape, initial values kept; empty required fields refused", async () => {
    const slack = await client();
    const blocks = [
      input('topic', { type: 'plain_text_input' }),
      input('when', { type: 'datepicker', initial_date: '2026-12-03' }),
      input('at', { type: 'timepicker' }, true),
      input('who', { type: 'multi_users_select' }, true),
    ];
    await slack.views.open({ trigger_id: fake.views.issueTrigger('U1'), view: modal(blocks) as never });
    const view = fake.views.latestFor('U1')!;
    expect(() => fake.views.submission(view, { at: '13:00' }, 'ana')).toThrow(/topic is required/);
    const payload = fake.views.submission(view, { topic: 'Trust', who: ['U1'] }, 'ana');
    expect(payload).toMatchObject({
      type: 'view_submission',
      user: { id: 'U1', team_id: 'T0001' },
      view: { id: view.id, callback_id: 'emcee_form' },
    });
    expect((payload.view as { state: unknown }).state).toEqual({
      values: {
        topic: { topic: { type: 'plain_text_input', value: 'Trust' } },
        when: { when: { type: 'datepicker', selected_date: '2026-12-03' } },
        at: { at: { type: 'timepicker', selected_time: null } },
        who: { who: { type: 'multi_users_select', selected_users: ['U1'] } },
      },
    });
    fake.views.settle(view.id, { response_action: 'errors', errors: { nowhere: 'x' } });
    expect(view).toMatchObject({ open: true, problem: expect.stringContaining('nowhere') });
    fake.views.settle(view.id, {});
    expect(view.open).toBe(false);
  });
});
