import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatRouter } from '../../src/chat-router.js';
import { readCoreConfig } from '../../src/config/core-config.js';
import { silentLogger } from '../../src/log.js';
import { EpisodePlanner } from '../../src/plan/episode-planner.js';
import { ScriptCatalog } from '../../src/script/script-catalog.js';
import { planTimeline } from '../../src/script/timeline.js';
import { finishSession } from '../../src/service/finish-session.js';
import { REHEARSAL_MS } from '../../src/session/session-runner.js';
import { ChatStore } from '../../src/store/chat-store.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { RecordingPlatform } from '../support/recording-platform.js';
import { shippedScript, writeTestScript } from '../support/write-test-script.js';

const COMMUNITY = 'test:community';
const HOST = { id: 'test:U-host', displayName: 'Hana', isBot: false, isHost: true };

/** A platform that can open a direct message, so a rehearsal goes there. */
class DirectPlatform extends RecordingPlatform {
  async openDirectChannel(user: string): Promise<string> {
    return `test:dm:${user}`;
  }
}

function rehearsalRig() {
  const clock = new ManualClock();
  const store = ChatStore.open(':memory:');
  const folder = mkdtempSync(join(tmpdir(), 'emcee-rehearsal-'));
  const recaps = join(folder, 'recaps');
  writeTestScript(folder, { ...shippedScript('demo'), id: 'weekly-test', defaultQuestionMinutes: 8 });
  const platform = new DirectPlatform(clock);
  const config = readCoreConfig({ EMCEE_RECAP_DIR: recaps });
  const router = new ChatRouter({
    store,
    platform,
    clock,
    log: silentLogger,
    scripts: new ScriptCatalog(folder),
    onEnded: async (session) =>
      void (await finishSession({ store, platform, log: silentLogger, config, clock }, session)),
  });
  return { clock, store, platform, router, folder, recaps };
}

describe('a rehearsal', () => {
  it("runs the next episode in the host's direct message in about two minutes, and leaves no trace", async () => {
    const { clock, store, platform, router, folder, recaps } = rehearsalRig();
    const planner = new EpisodePlanner({ store, scripts: new ScriptCatalog(folder), clock });
    const planned = planner.plan({
      series: 'weekly-test',
      at: '2026-12-03 13:00',
      topic: 'Trust',
      guests: [{ name: 'Ana Lopez', id: 'test:U-ana' }],
      questions: [{ text: 'What builds trust?' }, { text: 'What breaks it?', minutes: 10 }],
    });
    expect(planned.ok).toBe(true);
    const reply = await router.handleCommand({
      channel: 'test:C1',
      community: COMMUNITY,
      by: HOST,
      name: 'rehearse',
      args: ['weekly-test'],
    });
    expect(reply).toMatchObject({ ok: true, text: expect.stringContaining('in a direct message with you') });
    const dm = `test:dm:${HOST.id}`;
    const runner = router.runnerFor(dm)!;
    expect(runner.rehearsal).toBe(true);
    const start = clock.now();

    // The host answers like a participant would, and a second "participant" (a co-host trying it) too.
    await clock.advance(30_000);
    const say = (id: string, who: string, text: string) =>
      router.handleMessage({
        id: `${dm}:${id}`,
        channel: dm,
        community: COMMUNITY,
        author: { id: who, displayName: who, isBot: false, isHost: false },
        text,
        ts: clock.now(),
      });
    await say('m1', 'test:U-tester', 'A1: listening first');
    await clock.advance(REHEARSAL_MS);
    await runner.done;

    // Every post in the direct message, the episode's questions, within about two minutes.
    expect(platform.posts.every((post) => post.channel === dm || post.replyTo?.startsWith(dm))).toBe(true);
    expect(platform.ofKind('question').map((p) => p.message.question?.text)).toEqual([
      'What builds trust?',
      'What breaks it?',
    ]);
    const closing = platform.ofKind('closing')[0]!;
    expect(closing.at - start).toBeLessThanOrEqual(REHEARSAL_MS);
    expect(closing.at - start).toBeLessThan(
      planTimeline({
        ...shippedScript('demo'),
        questions: [{ text: 'a' }, { text: 'b', minutes: 10 }],
        defaultQuestionMinutes: 8,
      }).closingOffset,
    );
    expect(platform.ofKind('opening')[0]!.message.text).toContain('Our guest today: <@test:U-ana>');
    expect(platform.reactions).toHaveLength(1);
    expect(platform.ofKind('thanks')[0]!.message.text).toContain('test:U-tester');
    const recapPosts = platform
      .ofKind('recap')
      .map((post) => post.message.text)
      .join('\n');
    expect(recapPosts).toContain('That was a rehearsal: nothing was kept.');
    expect(recapPosts).not.toContain('on its way');

    // No trace: nobody recorded in the community, no first-timer, no recap files, not the "last recap".
    expect(store.participants.count(COMMUNITY)).toBe(0);
    expect(store.messages.forSession(runner.id).every((m) => m.first_time === 0)).toBe(true);
    expect(platform.ofKind('first-timer')).toHaveLength(0);
    expect(store.sessions.get(runner.id)).toMatchObject({ rehearsal: 1, state: 'ended' });
    expect(() => readdirSync(recaps)).toThrow();
    expect(router.describeLastRecap(dm)).toBe('No chat has finished in this channel yet.');
    expect(planner.list('weekly-test')[0]!.state).toBe('planned');
  });

  it('needs a channel where the platform cannot open a direct message, and refuses non-hosts', async () => {
    const { router } = rehearsalRig();
    const plain = new ChatRouter({
      store: ChatStore.open(':memory:'),
      platform: new RecordingPlatform(new ManualClock()),
      clock: new ManualClock(),
      log: silentLogger,
      scripts: (router as unknown as { deps: { scripts: ScriptCatalog } }).deps.scripts,
    });
    const ask = (by: typeof HOST) =>
      plain.handleCommand({ channel: 'test:C1', community: COMMUNITY, by, name: 'rehearse', args: ['weekly-test'] });
    expect(await ask(HOST)).toMatchObject({ ok: false, text: expect.stringMatching(/^Say where to rehearse/) });
    expect(await ask({ ...HOST, isHost: false })).toMatchObject({
      ok: false,
      text: expect.stringMatching(/^Only hosts/),
    });
  });
});
