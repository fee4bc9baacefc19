import { describe, expect, it } from 'vitest';
import { EMCEE_COMMAND } from '../../adapters/discord/discord-commands.js';
import { dispatchCommand } from '../../src/commands/dispatch-command.js';
import { parseCommandArgs } from '../../src/commands/parse-args.js';
import { CHAT_COMMANDS, chatHelp } from '../../src/commands/registry.js';
import { usage } from '../../cli/main.js';
import { CONTROL_HELP } from '../../cli/commands/control.js';
import type { InboundCommand } from '../../src/port.js';
import { testCommandServices } from '../support/command-services.js';

const services = testCommandServices({
  describeNext: () => 'Next: Thursday.',
  describeLastRecap: () => 'Last recap: here.',
});
const command = (name: string, args: string[] = [], isHost = false): InboundCommand => ({
  channel: 'local:room',
  community: 'local',
  by: { id: 'u1', displayName: 'Ana', isBot: false, isHost },
  name,
  args,
});

describe('the chat-command registry', () => {
  it('has unique names, and every help text names every command', () => {
    const names = CHAT_COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(chatHelp()).toContain(name);
  });

  it('refuses host commands to everyone else, by the declared audience, before anything runs', async () => {
    for (const spec of CHAT_COMMANDS.filter((c) => c.audience === 'host')) {
      const reply = await dispatchCommand(command(spec.name, ['3']), undefined, services);
      const task = spec.hostsOnlyTo ?? `${spec.name} a chat`;
      expect(reply).toEqual({ ok: false, text: `Only hosts can ${task}. Ask a host of this community.` });
    }
  });

  it('answers queries through the services and unknown names with the help', async () => {
    expect(await dispatchCommand(command('next'), undefined, services)).toEqual({ ok: true, text: 'Next: Thursday.' });
    expect(await dispatchCommand(command('RECAP'), undefined, services)).toEqual({
      ok: true,
      text: 'Last recap: here.',
    });
    expect(await dispatchCommand(command(''), undefined, services)).toEqual({ ok: true, text: chatHelp() });
    const unknown = await dispatchCommand(command('dance'), undefined, services);
    expect(unknown.ok).toBe(false);
    expect(unknown.text).toBe(`I don't know "dance". ${chatHelp()}`);
  });

  it('reads arguments by their specs: defaults, ranges and the hint on a bad value', () => {
    const extend = CHAT_COMMANDS.find((c) => c.name === 'extend')!;
    expect(parseCommandArgs(extend.args, [])).toEqual({ ok: true, args: { minutes: 5 } });
    expect(parseCommandArgs(extend.args, ['12'])).toEqual({ ok: true, args: { minutes: 12 } });
    for (const bad of ['abc', '0', '121', '2.5']) {
      expect(parseCommandArgs(extend.args, [bad])).toEqual({
        ok: false,
        hint: expect.stringMatching(/^Give the minutes/),
      });
    }
    const start = CHAT_COMMANDS.find((c) => c.name === 'start')!;
    expect(parseCommandArgs(start.args, [])).toEqual({ ok: false, hint: expect.stringMatching(/^Say which chat/) });
    expect(parseCommandArgs(start.args, ['weekly', 'chat'])).toEqual({ ok: true, args: { script: 'weekly chat' } });
  });

  it("Discord's /emcee has one subcommand per registered command, with its typed options", () => {
    const subs = EMCEE_COMMAND.options as {
      name: string;
      description: string;
      options: { name: string; required: boolean }[];
    }[];
    expect(subs.map((s) => s.name)).toEqual(CHAT_COMMANDS.map((c) => c.name));
    for (const [i, spec] of CHAT_COMMANDS.entries()) {
      expect(subs[i]!.options.map((o) => [o.name, o.required])).toEqual(spec.args.map((a) => [a.name, a.required]));
      expect(subs[i]!.description.endsWith('(hosts)')).toBe(spec.audience === 'host');
    }
  });

  it('the CLI relays exactly the commands marked for it, and its help lists them', () => {
    const relayed = CHAT_COMMANDS.filter((c) => c.relayFromCli).map((c) => c.name);
    expect(relayed).toEqual(['pause', 'resume', 'skip', 'extend', 'end']);
    for (const name of relayed) expect(CONTROL_HELP).toContain(`emcee ${name}`);
    expect(usage()).toMatch(/pause .*resume, skip, extend <minutes>, end/);
  });
});
