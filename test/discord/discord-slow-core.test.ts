import { afterEach, describe, expect, it } from 'vitest';
import type { Json } from '../fakes/discord/fake-guild.js';
import { waitFor } from '../support/wait-for.js';
import { startAdapter, type AdapterRig } from './adapter-harness.js';
import { PEOPLE } from './fake-people.js';
import { FormInbound, planForm } from './form-inbound.js';

const PLAN = 'plan:weekly-chat:2026-12-03';
const SKIP_1 = 'episode:skip:weekly-chat:1';
let rig: AdapterRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

// Discord allows 3 s for the first answer; the budget is shortened so a held core is "slow" at once.
async function startSlow() {
  const r = (rig = await startAdapter({ connect: false, config: { answerBudgetMs: 20 } }));
  const inbound = new FormInbound(planForm(r.fake.guildId, []));
  let release = () => {};
  inbound.hold = new Promise<void>((resolve) => (release = resolve));
  await r.adapter.start(inbound);
  return { ...r, inbound, release };
}

describe('a core slower than Discord allows for the first answer', () => {
  it('a command is deferred; a form that comes late is offered behind "Open the form"', async () => {
    const r = await startSlow();
    const id = r.fake.slashCommand({ user: PEOPLE.host, sub: 'plan' });
    await waitFor(() => r.fake.interactionAnswer(id) !== undefined, 'the deferral');
    expect(r.fake.interactionAnswer(id)).toMatchObject({ callbackType: 5, ephemeral: true, content: undefined });
    r.release();
    await waitFor(() => r.fake.interactionAnswer(id)!.content !== undefined, 'the late reply');
    const answer = r.fake.interactionAnswer(id)!;
    expect(answer.content).toBe('Plan the next chat');
    const [button] = answer.components![0]!.components as Json[];
    expect(button).toMatchObject({ label: 'Open the form', custom_id: expect.stringMatching(/^emcee_reopen:/) });
    const open = r.fake.clickButton({ user: PEOPLE.host, on: id, customId: String(button!.custom_id) });
    await waitFor(() => r.fake.interactionAnswer(open) !== undefined, 'the modal');
    expect(r.fake.interactionAnswer(open)!.modal).toMatchObject({ custom_id: `emcee_form:${PLAN}` });
  });

  it('a click is acknowledged as a deferred update, and the message changes once the core answers', async () => {
    const r = await startSlow();
    r.release();
    const listed = r.fake.slashCommand({ user: PEOPLE.host, sub: 'episodes' });
    await waitFor(() => r.fake.interactionAnswer(listed)?.content !== undefined, 'the list');
    let release = () => {};
    r.inbound.hold = new Promise<void>((resolve) => (release = resolve));
    const click = r.fake.clickButton({ user: PEOPLE.host, on: listed, customId: `emcee_action:${SKIP_1}` });
    await waitFor(() => r.fake.interactionAnswer(click) !== undefined, 'the acknowledgement');
    expect(r.fake.interactionAnswer(click)!.callbackType).toBe(6);
    expect(r.fake.answerMessage(listed)!.content).toMatch(/^Upcoming chats/);
    release();
    await waitFor(() => String(r.fake.answerMessage(listed)!.content).startsWith('Skipped'), 'the update');
    expect(r.fake.answerMessage(listed)!.content).toBe(`Skipped ${SKIP_1}\n\n**1.** Episode 2 — Building trust`);
  });
});
