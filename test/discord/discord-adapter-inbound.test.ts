import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import { startAdapter, type AdapterRig } from './adapter-harness.js';
import { PEOPLE } from './fake-people.js';

let rig: AdapterRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const question = (number: number, openThread: boolean) => ({
  kind: 'question' as const,
  text: `Q${number}: What helps? #Chat\nReply with A${number}: …`,
  question: { number, text: 'What helps?', hashtag: '#Chat', hint: `Reply with A${number}: …`, openThread },
});

describe('Discord events reach the core as InboundMessage, edits, deletes and commands', () => {
  it('a message in the channel: address, channel, community, author, text, time', async () => {
    const r = (rig = await startAdapter());
    const before = Date.now();
    const said = r.fake.memberSays({ author: PEOPLE.ana, content: 'A1: Listen first' });
    await waitFor(() => r.inbound.messages.length === 1, 'the message');
    const [message] = r.inbound.messages;
    expect(message).toEqual({
      id: r.address.message(said),
      channel: r.address.channel(),
      community: `discord:${r.fake.guildId}`,
      author: { id: r.address.user(PEOPLE.ana), displayName: 'ana', isBot: false, isHost: false },
      text: 'A1: Listen first',
      ts: expect.any(Number),
    });
    expect(message!.ts).toBeGreaterThanOrEqual(before - 1000);
    expect(message!.id).toMatch(/^discord:\d+:\d+:\d+$/);
  });

  it('hosts are the host role, Manage Events and the owner; nicknames are display names', async () => {
    const r = (rig = await startAdapter());
    r.fake.addMember({ id: r.fake.ownerId, username: 'owner' });
    for (const author of [PEOPLE.host, PEOPLE.manager, r.fake.ownerId, PEOPLE.bea])
      r.fake.memberSays({ author, content: `hi from ${author}` });
    await waitFor(() => r.inbound.messages.length === 4, 'four messages');
    expect(r.inbound.messages.map((m) => [m.author.displayName, m.author.isHost])).toEqual([
      ['hana', true],
      ['max', true],
      ['owner', true],
      ['Bea B.', false],
    ]);
  });

  it("the bot's own posts and other bots never reach the core", async () => {
    const r = (rig = await startAdapter());
    r.fake.addMember({ id: '100000000000000050', username: 'otherbot', bot: true });
    await r.adapter.post(r.adapter.defaultChannel, { kind: 'notice', text: 'A1: the bot speaking' });
    r.fake.memberSays({ author: '100000000000000050', content: 'A1: another bot' });
    r.fake.memberSays({ author: PEOPLE.ana, content: 'after the bots' });
    await waitFor(() => r.inbound.messages.length >= 1, 'the person');
    expect(r.inbound.messages.map((m) => m.text)).toEqual(['after the bots']);
  });

  it('a thread message answers its question in the parent channel; a Discord reply points at its message', async () => {
    const r = (rig = await startAdapter());
    const posted = await r.adapter.post(r.adapter.defaultChannel, question(1, true));
    await waitFor(() => r.fake.threads.size === 1, 'the thread');
    const threadId = [...r.fake.threads.keys()][0]!;
    expect(posted.address).toBe(`discord:${r.fake.guildId}:${r.fake.channelId}:${threadId}`);
    const first = r.fake.memberSays({ author: PEOPLE.bea, content: 'Reply to every comment', channelId: threadId });
    // A Discord reply inside the thread still answers the thread's question.
    r.fake.memberSays({ author: PEOPLE.ana, content: 'agreed', channelId: threadId, replyTo: String(first.id) });
    const earlier = r.fake.memberSays({ author: PEOPLE.ana, content: 'A1: in the channel' });
    r.fake.memberSays({ author: PEOPLE.bea, content: 'so true', replyTo: String(earlier.id) });
    await waitFor(() => r.inbound.messages.length === 4, 'four messages');
    const [inThread, replyInThread, , reply] = r.inbound.messages;
    expect(inThread).toMatchObject({
      channel: r.adapter.defaultChannel,
      replyTo: posted.address,
      author: { displayName: 'Bea B.' },
    });
    expect(inThread!.id).toMatch(new RegExp(`:${threadId}:\\d+$`));
    expect(replyInThread).toMatchObject({ channel: r.adapter.defaultChannel, replyTo: posted.address });
    expect(reply!.replyTo).toBe(r.address.message(earlier));
  });

  it('edits and deletes, in the channel and in threads; a thread starting on a message is not an edit', async () => {
    const r = (rig = await startAdapter());
    await r.adapter.post(r.adapter.defaultChannel, question(1, true));
    await waitFor(() => r.fake.threads.size === 1, 'the thread');
    const threadId = [...r.fake.threads.keys()][0]!;
    const inChannel = r.fake.memberSays({ author: PEOPLE.ana, content: 'hello' });
    const inThread = r.fake.memberSays({ author: PEOPLE.bea, content: 'typo', channelId: threadId });
    r.fake.memberEdits(inChannel, 'A1: hello, edited');
    r.fake.memberEdits(inThread, 'no typo');
    r.fake.memberDeletes(inThread);
    await waitFor(() => r.inbound.events.length === 5, 'five events');
    expect(r.inbound.events.map((e) => e.kind)).toEqual(['message', 'message', 'edit', 'edit', 'delete']);
    expect(r.inbound.events[2]).toEqual({
      kind: 'edit',
      edit: { id: r.address.message(inChannel), text: 'A1: hello, edited', editedAt: expect.any(Number) },
    });
    expect(r.inbound.events[3]).toMatchObject({
      kind: 'edit',
      edit: { id: r.address.message(inThread), text: 'no typo' },
    });
    expect(r.inbound.events[4]).toEqual({ kind: 'delete', id: r.address.message(inThread) });
  });

  it('keeps arrival order even when a thread must be looked up over REST first', async () => {
    const r = (rig = await startAdapter());
    // A thread discord.js has not heard of (created while the bot was away): its parent needs GET /channels/:id.
    const starter = r.fake.memberSays({ author: PEOPLE.ana, content: 'starter' });
    r.fake.guild.startThread(r.fake.channelId, String(starter.id), 'side thread', 1440);
    const inThread = r.fake.memberSays({ author: PEOPLE.bea, content: 'first', channelId: String(starter.id) });
    r.fake.memberEdits(inThread, 'first, edited');
    await waitFor(() => r.inbound.events.length === 3, 'three events');
    expect(r.inbound.events.map((e) => e.kind)).toEqual(['message', 'message', 'edit']);
    expect(r.fake.callsTo('GET', new RegExp(`^/channels/${String(starter.id)}$`))).toHaveLength(1);
    expect(r.inbound.messages[1]).toMatchObject({
      channel: r.adapter.defaultChannel,
      replyTo: r.address.message(starter),
    });
  });
});

describe('/emcee slash commands', () => {
  it("a non-host's /emcee end gets the core's refusal, ephemerally; a host's goes through", async () => {
    const r = (rig = await startAdapter());
    const refused = r.fake.slashCommand({ user: PEOPLE.mallory, sub: 'end' });
    await waitFor(() => r.fake.interactionAnswer(refused)?.content !== undefined, 'the refusal');
    expect(r.fake.interactionAnswer(refused)).toEqual({
      callbackType: 5,
      ephemeral: true,
      content: 'Only hosts can end a chat. Ask a host of this community.',
      allowedMentions: { parse: [] },
    });
    expect(r.inbound.commands[0]).toEqual({
      channel: r.adapter.defaultChannel,
      community: r.adapter.community,
      by: { id: r.address.user(PEOPLE.mallory), displayName: 'mallory', isBot: false, isHost: false },
      name: 'end',
      args: [],
    });

    const extended = r.fake.slashCommand({ user: PEOPLE.manager, sub: 'extend', minutes: 5 });
    const started = r.fake.slashCommand({ user: PEOPLE.host, sub: 'start', script: 'weekly-chat' });
    await waitFor(
      () =>
        r.fake.interactionAnswer(extended)?.content !== undefined &&
        r.fake.interactionAnswer(started)?.content !== undefined,
      'two answers',
    );
    expect(r.fake.interactionAnswer(extended)).toMatchObject({ ephemeral: true, content: 'Done: extend 5' });
    expect(r.fake.interactionAnswer(started)).toMatchObject({ ephemeral: true, content: 'Done: start weekly-chat' });
    expect(r.inbound.commands.map((c) => c.by.isHost)).toEqual([false, true, true]);
  });

  it("a command in a question's thread concerns the chat in the thread's channel", async () => {
    const r = (rig = await startAdapter());
    await r.adapter.post(r.adapter.defaultChannel, question(1, true));
    await waitFor(() => r.fake.threads.size === 1, 'the thread');
    const id = r.fake.slashCommand({ user: PEOPLE.ana, sub: 'status', channelId: [...r.fake.threads.keys()][0]! });
    await waitFor(() => r.fake.interactionAnswer(id)?.content !== undefined, 'the answer');
    expect(r.inbound.commands[0]!.channel).toBe(r.adapter.defaultChannel);
  });

  it('a failing core still answers the caller, without details', async () => {
    const r = (rig = await startAdapter());
    r.inbound.failNextCommand = true;
    const id = r.fake.slashCommand({ user: PEOPLE.host, sub: 'status' });
    await waitFor(() => r.fake.interactionAnswer(id)?.content !== undefined, 'the answer');
    expect(r.fake.interactionAnswer(id)!.content).toMatch(/Something went wrong/);
  });
});
