import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyMessageEvent, slashCommandSchema } from '../../adapters/slack/slack-events.js';

const read = (name: string) => readFileSync(new URL(`../../adapters/slack/fixtures/${name}`, import.meta.url), 'utf8');
const event = (name: string) => (JSON.parse(read(`${name}.json`)) as { event: Record<string, unknown> }).event;

describe("Slack's payloads through the parser", () => {
  it('a channel message is a message', () => {
    expect(classifyMessageEvent(event('message'), 'UBOT')).toMatchObject({
      kind: 'message',
      event: { channel: 'C123ABC456', user: 'U123ABC456', text: 'A1: Hello world', ts: '1355517523.000005' },
    });
  });

  it('a thread reply keeps its thread', () => {
    expect(classifyMessageEvent(event('thread-reply'), 'UBOT')).toMatchObject({
      kind: 'message',
      event: { ts: '1355517600.000010', thread_ts: '1355517523.000005' },
    });
  });

  it('message_changed is an edit of the inner message, timed by its edit', () => {
    expect(classifyMessageEvent(event('message-changed'), 'UBOT')).toEqual({
      kind: 'edit',
      channel: 'C123ABC456',
      ts: '1355517523.000005',
      threadTs: undefined,
      text: 'A1: Hello, world!',
      editedAt: 1358878755000,
    });
  });

  it('a Socket Mode edit envelope carries the same event', () => {
    const envelope = JSON.parse(read('socket-mode-edit-envelope.json')) as {
      type: string;
      payload: { event: unknown };
    };
    expect(envelope.type).toBe('events_api');
    expect(classifyMessageEvent(envelope.payload.event, 'UBOT')).toMatchObject({
      kind: 'edit',
      ts: '1652635099.971779',
      text: 'Goodbye world',
    });
  });

  it('an unfurl changes the message but not its text: not an edit', () => {
    expect(classifyMessageEvent(event('message-changed-unfurl'), 'UBOT')).toEqual({
      kind: 'ignored',
      why: 'text unchanged',
    });
  });

  it('message_deleted is a delete, with or without the previous message', () => {
    expect(classifyMessageEvent(event('message-deleted'), 'UBOT')).toEqual({
      kind: 'delete',
      channel: 'C123ABC456',
      ts: '1358878749.000002',
      threadTs: undefined,
    });
    const inThread = {
      ...event('message-deleted'),
      previous_message: {
        type: 'message',
        user: 'U1',
        text: 'x',
        ts: '1358878749.000002',
        thread_ts: '1358878700.000001',
      },
    };
    expect(classifyMessageEvent(inThread, 'UBOT')).toMatchObject({ kind: 'delete', threadTs: '1358878700.000001' });
  });

  it('a deleted thread parent arrives as a tombstone and is a delete', () => {
    expect(classifyMessageEvent(event('thread-parent-tombstone'), 'UBOT')).toMatchObject({
      kind: 'delete',
      ts: '1355517523.000005',
    });
  });

  it("bots, and the bot's own messages and edits, are ignored", () => {
    expect(classifyMessageEvent(event('bot-message'), 'UBOT').kind).toBe('ignored');
    expect(classifyMessageEvent({ ...event('message'), user: 'UBOT' }, 'UBOT').kind).toBe('ignored');
    expect(classifyMessageEvent({ ...event('message'), bot_id: 'B1' }, 'UBOT').kind).toBe('ignored');
    const own = event('message-changed') as { message: Record<string, unknown> };
    expect(classifyMessageEvent({ ...own, message: { ...own.message, user: 'UBOT' } }, 'UBOT').kind).toBe('ignored');
  });

  it('joins, topics and other subtypes are not messages', () => {
    expect(classifyMessageEvent({ ...event('message'), subtype: 'channel_join' }, 'UBOT')).toMatchObject({
      kind: 'ignored',
    });
    expect(classifyMessageEvent({ type: 'message', subtype: 'message_changed' }, 'UBOT')).toMatchObject({
      kind: 'ignored',
      why: 'malformed message_changed',
    });
  });

  it("Slack's documented slash command form parses", () => {
    const form = Object.fromEntries(new URLSearchParams(read('slash-command.form').trim()));
    expect(slashCommandSchema.parse(form)).toMatchObject({
      command: '/emcee',
      text: 'extend 5',
      user_id: 'U2147483697',
      channel_id: 'C2147483705',
      team_id: 'T0001',
    });
  });
});
