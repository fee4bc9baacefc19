import { mkdtempSync } from 'node:fs';
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

describe("the hosts' follow-up list on Slack", () => {
  it("reaches the host's direct message after a chat: mentions to click, a quiet person named only", async () => {
    const core = readCoreConfig({ EMCEE_RECAP_DIR: mkdtempSync(join(tmpdir(), 'emcee-slack-followups-')) });
    const rig = await startSlackEngine({
      closeGraceMs: 0,
      onEnded: async (session) => {
        await finishSession(
          { store: rig.store, platform: rig.adapter, log: silentLogger, config: core, clock: rig.clock },
          session,
        );
      },
    });
    stops.push(rig.stop);
    const { fake, clock, router, store } = rig;
    store.quiet.setQuiet('slack:T0001', 'slack:T0001:U2', true, clock.now());
    const demo = shippedScript('demo');
    const script: ChatScript = { ...demo, questions: demo.questions.slice(0, 2), recapDelivery: 'none' };
    const runner = await router.startSession({ script, community: 'slack:T0001', channel: 'slack:T0001:C1' });
    await clock.advance(planTimeline(script).questionOffsets[0]! + 1000); // Q1 open
    const ts = () => (clock.now() / 1000).toFixed(6);
    const say = async (user: string, text: string) => {
      fake.userSays({ channel: 'C1', user, text, ts: ts() });
      await clock.advance(1000);
    };
    await say('UHOST', 'Hello all, glad you came');
    await say('U1', 'A1: listen before you post');
    await say('U2', 'A1: reply to every reply');
    await say('U1', '<@UHOST> will there be a recap?');
    await waitFor(() => store.messages.forSession(runner.id).length === 4, 'the messages stored');
    await runner.end();
    await runner.done;

    const sent = () =>
      fake
        .callsTo('chat.postMessage')
        .map((call) => call.args as { channel: string; text: string })
        .filter((post) => post.text.startsWith('Follow-ups after'));
    await waitFor(() => sent().length === 1, 'the follow-up list');
    const [{ channel, text: list }] = sent() as [{ channel: string; text: string }];
    // To the host himself (Slack opens the app's direct message with him), never to the chat's channel.
    expect([fake.dms.get('UHOST'), 'UHOST']).toContain(channel);
    expect(list).toContain('First-timers — say hello (2)');
    expect(list).toContain('<@U1>: A1: “listen before you post”');
    expect(list).toContain('Bea: A1: “reply to every reply”');
    expect(list).toContain('<@U1> asked Host Hana: “@Host Hana will there be a recap?”');
    // Bea asked to be quiet: named, never mentioned.
    expect(list).not.toContain('<@U2>');
  });
});
