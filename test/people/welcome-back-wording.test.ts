import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../src/script/fill-template.js';
import { type ChatScript, DEFAULT_WELCOME_BACK } from '../../src/script/script-schema.js';
import { CLOSE_GRACE_MS } from '../../src/session/session-runner.js';
import { CHANNEL, COMMUNITY, createHarness } from '../support/chat-harness.js';
import { shippedScript } from '../support/write-test-script.js';

const WEEK = 7 * 24 * 60 * 60 * 1000;
const RETURNERS = ['ada', 'ben', 'cal', 'dot', 'eve', 'fox'];

/** Six people at the first weekly chat, Zoe alone at the next four, then the six back in the sixth. */
async function sixBack(script: ChatScript) {
  const h = createHarness({ script });
  const first = h.clock.now();
  let welcomes: string[] = [];
  for (let week = 1; week <= 6; week++) {
    await h.clock.advanceTo(first + (week - 1) * WEEK);
    const runner = await h.host.startSession({ script, community: COMMUNITY, channel: CHANNEL });
    await h.clock.advance(20_000); // Q1 is open
    const before = h.platform.posts.length;
    for (const name of week === 1 || week === 6 ? RETURNERS : ['zoe']) await h.say(name, `A1: ${name} here`);
    await runner.end();
    await h.clock.advance(CLOSE_GRACE_MS);
    await runner.done;
    welcomes = h.platform.posts
      .slice(before)
      .flatMap((p) => (p.message.kind === 'welcome-back' ? [p.message.text] : []));
  }
  return welcomes;
}

describe('the welcome-back wording', () => {
  it("is one of the script's variants, each with {name}, {weeks} and {hashtag} filled, and they vary", async () => {
    const script: ChatScript = {
      ...shippedScript('demo'),
      wording: {
        ...shippedScript('demo').wording,
        welcomeBack: [
          '[one] {name} {weeks} {hashtag}',
          '[two] {hashtag}: {name} after {weeks} weeks',
          '[three] {name}',
        ],
      },
    };
    const welcomes = await sixBack(script);
    expect(welcomes).toHaveLength(RETURNERS.length);
    const filled = (name: string) =>
      script.wording.welcomeBack!.map((t) =>
        fillTemplate(t, { name: `<@test:U-${name}>`, weeks: 5, hashtag: '#CommunityChat' }),
      );
    for (const name of RETURNERS) {
      const theirs = welcomes.filter((text) => text.includes(`<@test:U-${name}>`));
      expect(theirs, name).toHaveLength(1);
      expect(filled(name), name).toContain(theirs[0]);
    }
    // Not everyone gets the same words.
    expect(new Set(welcomes.map((text) => /^\[(\w+)\]/.exec(text)![1])).size).toBeGreaterThan(1);
  });

  it('defaults to several variants when a script gives none', async () => {
    expect(DEFAULT_WELCOME_BACK.length).toBeGreaterThanOrEqual(3);
    for (const template of DEFAULT_WELCOME_BACK) {
      for (const placeholder of ['{name}', '{weeks}', '{hashtag}']) expect(template).toContain(placeholder);
    }
    // A script stored before the wording existed has none.
    const { welcomeBack: _none, ...wording } = shippedScript('demo').wording;
    const welcomes = await sixBack({ ...shippedScript('demo'), wording: wording as ChatScript['wording'] });
    expect(welcomes).toHaveLength(RETURNERS.length);
    for (const text of welcomes) expect(text).toContain('5 weeks');
  });
});
