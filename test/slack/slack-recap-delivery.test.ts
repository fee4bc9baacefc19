import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCoreConfig } from '../../src/config/core-config.js';
import { silentLogger } from '../../src/log.js';
import type { ChatScript } from '../../src/script/script-schema.js';
import { planTimeline } from '../../src/script/timeline.js';
import { finishSession } from '../../src/service/finish-session.js';
import { waitFor } from '../support/wait-for.js';
import { shippedScript } from '../support/write-test-script.js';
import { startSlackEngine } from './slack-engine-rig.js';

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

/** A short chat on the real Bolt against the fake Slack, ended by the full end-of-chat path (finishSession). */
async function endedChat(recapDelivery: ChatScript['recapDelivery']) {
  const recaps = mkdtempSync(join(tmpdir(), 'emcee-delivery-'));
  const core = readCoreConfig({ EMCEE_RECAP_DIR: recaps });
  const written: string[] = [];
  const rig = await startSlackEngine({
    closeGraceMs: 0,
    onEnded: async (session) => {
      const deps = { store: rig.store, platform: rig.adapter, log: silentLogger, config: core, clock: rig.clock };
      written.push(...(await finishSession(deps, session)));
    },
  });
  stops.push(rig.stop);
  const { fake, clock, router } = rig;
  const demo = shippedScript('demo');
  const script: ChatScript = { ...demo, questions: demo.questions.slice(0, 2), recapDelivery };
  const runner = await router.startSession({ script, community: 'slack:T0001', channel: 'slack:T0001:C1' });
  await clock.advance(planTimeline(script).questionOffsets[0]! + 1000); // Q1 open
  // Answers that mention people the Slack way (stamped in chat time): the recap must read them as names.
  const ts = () => (clock.now() / 1000).toFixed(6);
  fake.userSays({ channel: 'C1', user: 'U1', text: 'A1: ask <@U2> about it, <@UHOST> knows too', ts: ts() });
  await clock.advance(1000);
  fake.userSays({ channel: 'C1', user: 'U2', text: 'A1: thanks <@U1|ana>! <!channel> look', ts: ts() });
  await waitFor(() => rig.store.messages.forSession(runner.id).length === 2, 'the answers stored');
  await runner.end();
  await runner.done;
  return { fake, written };
}

describe('the full recap is delivered as files where the series says', () => {
  it("to the hosts' direct messages by default: Markdown and HTML as written, names, no raw mention", async () => {
    const { fake, written } = await endedChat('hosts');
    await waitFor(() => fake.files.shared.length === 2, 'the two recap files shared');
    const shared = fake.files.shared;
    expect(shared.map((file) => file.name.replace(/^.*\./, ''))).toEqual(['md', 'html']);
    expect(new Set(shared.map((file) => file.channel)).size).toBe(1);
    expect(shared[0]!.channel).toMatch(/^D/); // the app's DM with the host
    for (const file of shared) {
      const path = written.find((p) => p.endsWith(file.name.replace(/^.*\./, '.')))!;
      expect(file.bytes.equals(readFileSync(path))).toBe(true);
      const text = file.bytes.toString('utf8');
      expect(text).not.toMatch(/<@|&lt;@|<!channel>/);
      expect(text).toContain('@Bea');
      expect(text).toContain('2 answers');
    }
  });

  it("into the chat's channel when the series says recapDelivery: channel", async () => {
    const { fake } = await endedChat('channel');
    await waitFor(() => fake.files.shared.length === 2, 'the two recap files shared');
    expect(fake.files.shared.map((file) => file.channel)).toEqual(['C1', 'C1']);
  });
});
