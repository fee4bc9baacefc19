import { describe, expect, it } from 'vitest';
import { addressOf, communityAddressing } from '../../src/people/addressing.js';
import { RecordingPlatform } from '../support/recording-platform.js';
import { ManualClock } from '../../src/time/manual-clock.js';
import { COMMUNITY, person, rightsCommunityPerTest } from './rights-community.js';

const newCommunity = rightsCommunityPerTest();

const ana = person('Ana');
const bea = person('Bea');
const mentionOf = (who: { id: string }) => `<@${who.id}>`;

describe('/emcee quiet and unquiet', () => {
  it('a quiet newcomer gets no welcome and is thanked by name, without a mention; their answers count', async () => {
    const c = newCommunity();
    expect((await c.command(ana, 'quiet')).text).toMatch(/^From now on I won't mention, welcome or ping you here/);
    expect((await c.command(ana, 'quiet')).text).toMatch(/^You were already quiet\./);
    await c.chat([
      [ana, 'A1: listen first #CommunityChat'],
      [bea, 'A1: reply every time #CommunityChat'],
    ]);
    const posts = c.platform.posts;
    expect(posts.filter((p) => p.message.kind === 'first-timer').map((p) => p.message.mentions)).toEqual([[bea.id]]);
    for (const post of posts) {
      expect(post.message.text).not.toContain(mentionOf(ana));
      expect(post.message.mentions ?? []).not.toContain(ana.id);
    }
    const thanks = posts.filter((p) => p.message.kind === 'thanks');
    expect(thanks.map((p) => p.message.text).join('\n')).toMatch(/Ana/);
    expect(thanks.flatMap((p) => p.message.mentions ?? [])).toEqual([bea.id]);
    expect(c.store.thanks.forSession(1).map((t) => [t.user_id, t.answers])).toEqual([
      [ana.id, 1],
      [bea.id, 1],
    ]);
    expect(c.store.messages.answerCounts(1, 1)).toMatchObject({ total: 2, participants: 2 });
    // The reaction on her answer stays (it pings nobody); an applause standing in for it would name her plainly.
    const onAna = c.platform.reactions.filter((r) => r.to === 'test:C1:m1');
    expect(onAna.map((r) => r.reaction.quietName)).toEqual(['Ana']);
    expect(c.platform.reactions.filter((r) => r.to === 'test:C1:m2').map((r) => r.reaction.quietName)).toEqual([
      undefined,
    ]);
  });

  it('unquiet brings the mentions back, in the next chat', async () => {
    const c = newCommunity();
    await c.command(ana, 'quiet');
    await c.chat([[ana, 'A1: one #CommunityChat']]);
    expect((await c.command(ana, 'unquiet')).text).toBe(`I'll mention and welcome you again. "quiet" stops it.`);
    expect((await c.command(ana, 'unquiet')).text).toMatch(/^You were not quiet\./);
    const before = c.platform.posts.length;
    await c.chat([[ana, 'A1: two #CommunityChat']]);
    const thanks = c.platform.posts.slice(before).filter((p) => p.message.kind === 'thanks');
    expect(thanks.flatMap((p) => p.message.mentions ?? [])).toEqual([ana.id]);
    expect(thanks[0]!.message.text).toContain(mentionOf(ana));
  });

  it('addressOf: a mention, or the plain name made inert; the community addressing reads who is quiet', () => {
    const platform = new RecordingPlatform(new ManualClock());
    expect(addressOf(platform, { id: 'u1', displayName: 'Ana' }, false)).toBe('<@u1>');
    expect(addressOf(platform, { id: 'u1', displayName: '@everyone' }, true)).toBe('@\u200beveryone');
    const c = newCommunity();
    c.store.quiet.setQuiet(COMMUNITY, ana.id, true, 0);
    const addressing = communityAddressing(c.store, platform, COMMUNITY);
    expect(addressing.addressOf({ id: ana.id, displayName: 'Ana' })).toBe('Ana');
    expect(addressing.addressOf({ id: bea.id, displayName: 'Bea' })).toBe(`<@${bea.id}>`);
    expect(addressing.pingable([ana.id, bea.id])).toEqual([bea.id]);
    expect(communityAddressing(c.store, platform, 'elsewhere').isQuiet(ana.id)).toBe(false);
  });
});
