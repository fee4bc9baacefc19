import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { classifyMessageEvent } from '../../adapters/slack/slack-events.js';

const fixture = (name: string) =>
  (JSON.parse(readFileSync(new URL(`../../adapters/slack/fixtures/${name}.json`, import.meta.url), 'utf8')) as { event: unknown }).event;

describe("Slack's documented payloads through the parser", () => {
  it('a channel message is a message', () => {
    expect(classifyMessageEvent(fixture('message'), 'UBOT')).toMatchObject({ kind: 'message', event: { user: 'U123ABC456', text: 'A1: Hello world' } });
  });

  it('a thread reply keeps its thread', () => {
    expect(classifyMessageEvent(fixture('thread-reply'), 'UBOT')).toMatchObject({ kind: 'message', event: { thread_ts: '1355517523.000005' } });
  });

  it('message_changed is an edit of the inner message', () => {
    expect(classifyMessageEvent(fixture('message-changed'), 'UBOT')).toMatchObject({
      kind: 'edit',
      event: { message: { ts: '1355517523.000005', text: 'A1: Hello, world!' } },
    });
  });

  it('message_deleted is a delete', () => {
    expect(classifyMessageEvent(fixture('message-deleted'), 'UBOT')).toMatchObject({ kind: 'delete', event: { deleted_ts: '1358878749.000002' } });
  });

  it("bots, and the bot's own messages, are ignored", () => {
    expect(classifyMessageEvent(fixture('bot-message'), 'UBOT').kind).toBe('ignored');
    expect(classifyMessageEvent({ ...(fixture('message') as object), user: 'UBOT' }, 'UBOT').kind).toBe('ignored');
  });
});

describe('the app manifest', () => {
  it('is valid YAML with exactly the scopes the adapter uses', () => {
    const manifest = parseYaml(readFileSync(new URL('../../adapters/slack/manifest.yaml', import.meta.url), 'utf8'));
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['channels:history', 'chat:write', 'commands', 'groups:history', 'reactions:write', 'users:read']);
    expect(manifest.features.slash_commands[0].command).toBe('/emcee');
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    // Every Web API method the adapter calls is covered by one of those scopes.
    const source = readFileSync(new URL('../../adapters/slack/slack-adapter.ts', import.meta.url), 'utf8');
    const methods = [...new Set([...source.matchAll(/\.(chat|reactions|users|conversations)\s*\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`))].sort();
    expect(methods).toEqual(['chat.postEphemeral', 'chat.postMessage', 'conversations.history', 'conversations.replies', 'reactions.add', 'users.info']);
  });
});
