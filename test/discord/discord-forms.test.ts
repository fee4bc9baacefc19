import { afterEach, describe, expect, it } from 'vitest';
import type { CommandForm } from '../../src/port.js';
import type { Json } from '../fakes/discord/fake-guild.js';
import { waitFor } from '../support/wait-for.js';
import { startAdapter, type AdapterRig } from './adapter-harness.js';
import { PEOPLE } from './fake-people.js';
import { episodes, FormInbound, planForm } from './form-inbound.js';

let rig: AdapterRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

async function start(form?: (guildId: string) => CommandForm) {
  const r = (rig = await startAdapter({ connect: false }));
  const inbound = new FormInbound(form ? form(r.fake.guildId) : planForm(r.fake.guildId, [PEOPLE.ana, PEOPLE.bea]));
  await r.adapter.start(inbound);
  return { ...r, inbound };
}

type Rig = Awaited<ReturnType<typeof start>>;

const inputs = (modal: Json | undefined) =>
  ((modal?.components ?? []) as Json[]).map((row) => (row.components as Json[])[0] as Json);

async function answered(r: Rig, id: string, what: string, done = (a: Json) => a.content !== undefined) {
  await waitFor(() => {
    const answer = r.fake.interactionAnswer(id);
    return answer !== undefined && (answer.callbackType === 9 || done(answer as unknown as Json));
  }, what);
  return r.fake.interactionAnswer(id)!;
}

async function openPlan(r: Rig, user = PEOPLE.host) {
  const id = r.fake.slashCommand({ user, sub: 'plan' });
  const answer = await answered(r, id, 'the modal');
  expect(answer.callbackType).toBe(9);
  return id;
}

describe('Discord forms: a reply with a form opens a modal', () => {
  it('one action row per field, a text input each: kinds, labels, required, pre-filled values', async () => {
    const r = await start();
    // Ana has written, so discord.js knows her name; Bea has not, so she is shown by id.
    r.fake.memberSays({ author: PEOPLE.ana, content: 'hello' });
    await waitFor(() => r.inbound.messages.length === 1, "Ana's message");
    const id = await openPlan(r);
    const { modal } = r.fake.interactionAnswer(id)!;
    expect(modal).toMatchObject({ custom_id: 'emcee_form:plan:weekly-chat:2026-12-03', title: 'Plan a chat' });
    expect((modal!.components as Json[]).every((row) => row.type === 1)).toBe(true);
    expect(inputs(modal)).toEqual([
      { type: 4, custom_id: 'short:topic', label: 'Topic', style: 1, required: true, value: 'Building trust' },
      { type: 4, custom_id: 'paragraph:notes', label: 'Notes for the guests', style: 2, required: false },
      {
        type: 4,
        custom_id: 'datetime:when',
        label: 'Starts (YYYY-MM-DD HH:MM)',
        style: 1,
        required: true,
        placeholder: 'YYYY-MM-DD HH:MM',
      },
      {
        type: 4,
        custom_id: 'users:guests',
        label: 'Guests',
        style: 1,
        required: false,
        value: `@ana, ${PEOPLE.bea}`,
        placeholder: '@username or id, separated by commas',
      },
    ]);
    expect(r.inbound.commands.map((c) => c.name)).toEqual(['plan']);
  });

  it('a valid submission reaches handleFormSubmit, users as addresses; the ok text comes back privately', async () => {
    const r = await start();
    const opened = await openPlan(r);
    const G = r.fake.guildId;
    const sent = r.fake.submitModal({
      user: PEOPLE.host,
      on: opened,
      values: { 'datetime:when': '2026-12-03 13:00', 'users:guests': `<@${PEOPLE.ana}>, ${PEOPLE.bea}` },
    });
    const answer = await answered(r, sent, 'the ok text');
    expect(r.inbound.submits).toEqual([
      {
        formId: 'plan:weekly-chat:2026-12-03',
        channel: r.address.channel(),
        community: `discord:${G}`,
        by: { id: r.address.user(PEOPLE.host), displayName: 'hana', isBot: false, isHost: true },
        values: {
          topic: 'Building trust',
          notes: '',
          when: '2026-12-03 13:00',
          guests: `discord:${G}:${PEOPLE.ana},discord:${G}:${PEOPLE.bea}`,
        },
      },
    ]);
    expect(answer).toEqual({
      callbackType: 5,
      ephemeral: true,
      content: 'Saved plan:weekly-chat:2026-12-03',
      allowedMentions: { parse: [] },
    });
  });

  it('errors come back ephemerally by field, with a button reopening the modal filled as typed', async () => {
    const r = await start();
    r.inbound.outcomes.push({ ok: false, errors: { when: 'Write it as 2026-12-03 13:00.', '': 'That day is taken.' } });
    const opened = await openPlan(r);
    const guests = `<@!${PEOPLE.bea}> @nobody`;
    const typed = { 'short:topic': 'Trust, again', 'datetime:when': 'next thursday', 'users:guests': guests };
    const sent = r.fake.submitModal({ user: PEOPLE.host, on: opened, values: typed });
    const answer = await answered(r, sent, 'the errors');
    const bea = `discord:${r.fake.guildId}:${PEOPLE.bea}`;
    expect(r.inbound.submits[0]!.values).toMatchObject({ when: 'next thursday', guests: `${bea},@nobody` });
    expect(answer).toMatchObject({ callbackType: 5, ephemeral: true });
    expect(answer.content).toContain('• **Starts**: Write it as 2026-12-03 13:00.');
    expect(answer.content).toContain('• That day is taken.');
    const [button] = answer.components![0]!.components as Json[];
    const reopen = expect.stringMatching(/^emcee_reopen:/);
    expect(button).toMatchObject({ type: 2, style: 1, label: 'Fix and send again', custom_id: reopen });

    const reopened = r.fake.clickButton({ user: PEOPLE.host, on: sent, customId: String(button!.custom_id) });
    const modal = (await answered(r, reopened, 'the modal again')).modal;
    expect(modal!.custom_id).toBe('emcee_form:plan:weekly-chat:2026-12-03');
    expect(inputs(modal).map((input) => input.value)).toEqual(['Trust, again', undefined, 'next thursday', guests]);

    // Fixed and sent again: the core gets it, the person gets the ok.
    const values = { 'datetime:when': '2026-12-03 13:00' };
    const again = r.fake.submitModal({ user: PEOPLE.host, on: reopened, values });
    expect((await answered(r, again, 'the ok')).content).toBe('Saved plan:weekly-chat:2026-12-03');
    expect(r.inbound.submits[1]!.values).toMatchObject({ topic: 'Trust, again', when: '2026-12-03 13:00' });
  });

  it('a core that throws loses nothing: "could not be saved" with a button to send the same values again', async () => {
    const r = await start();
    r.inbound.outcomes.push(new Error('database is locked'));
    const opened = await openPlan(r);
    const sent = r.fake.submitModal({ user: PEOPLE.host, on: opened, values: { 'datetime:when': '2026-12-03 13:00' } });
    const answer = await answered(r, sent, 'the failure');
    expect(answer.content).toMatch(/could not be saved/);
    const [button] = answer.components![0]!.components as Json[];
    expect(button).toMatchObject({ label: 'Send again' });
    const reopened = r.fake.clickButton({ user: PEOPLE.host, on: sent, customId: String(button!.custom_id) });
    const modal = (await answered(r, reopened, 'the modal again')).modal;
    expect(inputs(modal).find((input) => input.custom_id === 'datetime:when')!.value).toBe('2026-12-03 13:00');
    expect(r.inbound.submits).toHaveLength(1);
  });

  it('a form id too long for a custom_id goes through a short key and comes back whole', async () => {
    const longId = `plan:${'x'.repeat(95)}`;
    const r = await start((G) => planForm(G, [], longId));
    const opened = await openPlan(r);
    const customId = String(r.fake.interactionAnswer(opened)!.modal!.custom_id);
    expect(customId).toMatch(/^emcee_formkey:[\w-]{8}$/);
    const sent = r.fake.submitModal({ user: PEOPLE.ana, on: opened, values: { 'datetime:when': '2026-12-03 13:00' } });
    await answered(r, sent, 'the ok');
    expect(r.inbound.submits[0]).toMatchObject({ formId: longId, by: { isHost: false } });
  });
});

describe('Discord reply lines with buttons', () => {
  it('each line gets a row of buttons: primary, danger or secondary, numbered like its line', async () => {
    const r = await start();
    const id = r.fake.slashCommand({ user: PEOPLE.host, sub: 'episodes' });
    const answer = await answered(r, id, 'the list');
    const lines = ['**1.** Episode 1 — Building trust', '**2.** Episode 2 — Building trust'];
    expect(answer.content).toBe(['Upcoming chats', '', ...lines].join('\n'));
    expect(answer.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 2, label: '1 · Edit', custom_id: 'emcee_action:episode:edit:weekly-chat:1' },
          { type: 2, style: 4, label: '1 · Skip', custom_id: 'emcee_action:episode:skip:weekly-chat:1' },
        ],
      },
      {
        type: 1,
        components: [
          { type: 2, style: 2, label: '2 · Edit', custom_id: 'emcee_action:episode:edit:weekly-chat:2' },
          { type: 2, style: 4, label: '2 · Skip', custom_id: 'emcee_action:episode:skip:weekly-chat:2' },
        ],
      },
    ]);
  });

  it('a click reaches handleAction with the host flag right, and its reply updates the message in place', async () => {
    const r = await start();
    const listed = r.fake.slashCommand({ user: PEOPLE.host, sub: 'episodes' });
    await answered(r, listed, 'the list');
    const skip = (n: number) => `emcee_action:episode:skip:weekly-chat:${n}`;
    const byMallory = r.fake.clickButton({ user: PEOPLE.mallory, on: listed, customId: skip(2) });
    expect((await answered(r, byMallory, 'the update')).callbackType).toBe(7);
    const content = 'Skipped episode:skip:weekly-chat:2\n\n**1.** Episode 1 — Building trust';
    expect(r.fake.answerMessage(listed)).toMatchObject({ flags: 64, content });
    expect(r.fake.answerMessage(listed)!.components as Json[]).toHaveLength(1);
    const byManager = r.fake.clickButton({ user: PEOPLE.manager, on: listed, customId: skip(1) });
    await answered(r, byManager, 'the second update');
    expect(r.inbound.actions.map((a) => [a.actionId, a.by.displayName, a.by.isHost])).toEqual([
      ['episode:skip:weekly-chat:2', 'mallory', false],
      ['episode:skip:weekly-chat:1', 'max', true],
    ]);
    const community = `discord:${r.fake.guildId}`;
    expect(r.inbound.actions[0]).toMatchObject({ channel: r.address.channel(), community });
    const lastOneGone = { content: 'Skipped episode:skip:weekly-chat:1', components: [] };
    expect(r.fake.answerMessage(listed)).toMatchObject(lastOneGone);
  });

  it('a click answered with a form opens the modal', async () => {
    const r = await start();
    const listed = r.fake.slashCommand({ user: PEOPLE.host, sub: 'episodes' });
    await answered(r, listed, 'the list');
    const edit = 'emcee_action:episode:edit:weekly-chat:1';
    const click = r.fake.clickButton({ user: PEOPLE.host, on: listed, customId: edit });
    const answer = await answered(r, click, 'the modal');
    expect(answer.modal).toMatchObject({ custom_id: 'emcee_form:plan:weekly-chat:2026-12-03', title: 'Plan a chat' });
    const sent = r.fake.submitModal({ user: PEOPLE.host, on: click, values: { 'datetime:when': '2026-12-04 18:30' } });
    await answered(r, sent, 'the ok');
    expect(r.inbound.submits[0]!.values.when).toBe('2026-12-04 18:30');
  });

  it('more lines than a message has rows are paged, 4 at a time, turned in place', async () => {
    const r = await start();
    r.inbound.items = episodes(7);
    const listed = r.fake.slashCommand({ user: PEOPLE.host, sub: 'episodes' });
    const answer = await answered(r, listed, 'the first page');
    expect(answer.components).toHaveLength(5);
    expect(answer.content).toMatch(/\*\*4\.\*\* Episode 4[\s\S]*Page 1 of 2$/);
    expect(answer.content).not.toContain('Episode 5');
    const turn = answer.components![4]!.components as Json[];
    expect(turn.map((b) => [b.label, b.disabled])).toEqual([
      ['◀ Previous', true],
      ['Next ▶', false],
    ]);
    const next = r.fake.clickButton({ user: PEOPLE.ana, on: listed, customId: String(turn[1]!.custom_id) });
    expect((await answered(r, next, 'the second page')).callbackType).toBe(7);
    const page2 = r.fake.answerMessage(listed)!;
    expect(page2.content).toMatch(/\*\*5\.\*\* Episode 5[\s\S]*\*\*7\.\*\* Episode 7[\s\S]*Page 2 of 2$/);
    expect(((page2.components as Json[])[0]!.components as Json[])[0]).toMatchObject({ label: '5 · Edit' });
    expect(r.inbound.actions).toHaveLength(0);
  });
});
