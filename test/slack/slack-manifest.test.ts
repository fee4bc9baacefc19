import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { exampleOf } from '../../src/commands/parse-args.js';
import { CHAT_COMMANDS } from '../../src/commands/registry.js';

const dir = new URL('../../adapters/slack/', import.meta.url);

// The bot scope each Web API method the adapter calls needs (Slack's method reference pages).
const SCOPE_OF: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  // WebClient's helper: files.getUploadURLExternal, the upload itself, files.completeUploadExternal.
  'files.uploadV2': ['files:write'],
  'reactions.add': ['reactions:write'],
  'users.info': ['users:read'],
  // Public and private channels: the manifest lets Emcee run in either; and a rehearsal's DM.
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history'],
  // The DM a rehearsal runs in.
  'conversations.open': ['im:write'],
  // Modals: no scope, but interactivity on (checked below).
  'views.open': [],
};

describe('the app manifest', () => {
  const manifest = parseYaml(readFileSync(new URL('manifest.yaml', dir), 'utf8'));
  const source = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(new URL(f, dir), 'utf8'))
    .join('\n');
  const called = /\.(auth|chat|reactions|users|conversations|files|views)\s*\.(\w+)\(/g;
  const calls = [...source.matchAll(called)].map((m) => `${m[1]}.${m[2]}`);
  const helpers = [...source.matchAll(/\.filesUploadV2\(/g)].map(() => 'files.uploadV2');
  const methods = [...new Set([...calls, ...helpers])].sort();

  it('is valid YAML asking for exactly the scopes of the methods the adapter calls, plus the command', () => {
    expect(methods).toEqual(Object.keys(SCOPE_OF).sort());
    const needed = new Set([...methods.flatMap((m) => SCOPE_OF[m]!), 'commands']);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('subscribes to the message events the history scopes allow, with Socket Mode on and one /emcee command', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'message.channels',
      'message.groups',
      'message.im',
    ]);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.slash_commands).toHaveLength(1);
    expect(manifest.features.slash_commands[0].command).toBe('/emcee');
  });

  it("opens the app's Messages tab for the notices sent to hosts by direct message, writable for rehearsals", () => {
    expect(source).toMatch(/chat\.postMessage\(\{ channel: hostId/);
    // A host answers a rehearsal in the DM: a read-only Messages tab would let them read it only.
    expect(source).toMatch(/conversations\.open\(\{ users: userId \}\)/);
    const messagesTab = { messages_tab_enabled: true, messages_tab_read_only_enabled: false };
    expect(manifest.features.app_home).toMatchObject(messagesTab);
  });

  it('turns interactivity on (form submissions, button clicks need it), with no request_url in Socket Mode', () => {
    expect(source).toMatch(/app\.view\(FORM_CALLBACK_ID/);
    expect(source).toMatch(/app\.action\(/);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.interactivity.request_url).toBeUndefined();
    const header = readFileSync(new URL('manifest.yaml', dir), 'utf8');
    expect(header).toMatch(/request_url: .* under settings\.interactivity/);
  });

  it("lists in its usage hint every subcommand the core's help knows", () => {
    const hint = String(manifest.features.slash_commands[0].usage_hint);
    for (const sub of ['start', 'pause', 'resume', 'skip', 'extend', 'end', 'status', 'next', 'recap', 'help'])
      expect(hint).toContain(sub);
  });

  it('lists every command of the registry in its usage hint, in order, with an example argument', () => {
    const hint = String(manifest.features.slash_commands[0].usage_hint);
    expect(hint.split(' | ')).toEqual(CHAT_COMMANDS.map((command) => exampleOf(command.name, command.args)));
  });
});
