import type { CommandServices } from '../../src/commands/command-spec.js';
import { ManualClock } from '../../src/time/manual-clock.js';

/**
 * Command services with nothing behind them (no platform, no scripts, nobody reachable privately), for tests
 * of single commands; a test passes what its command uses.
 */
export function testCommandServices(overrides: Partial<CommandServices> = {}): CommandServices {
  return {
    scripts: undefined,
    startSession: () => Promise.reject(new Error('not in this test')),
    describeNext: () => '',
    describeLastRecap: () => '',
    planner: undefined,
    nameOf: async (user) => user,
    store: undefined as never,
    resolveChannel: () => undefined,
    openDirectChannel: async () => undefined,
    clock: new ManualClock(0),
    sendPrivately: async () => false,
    tellHosts: async () => undefined,
    mentionOf: (user) => `<@${user}>`,
    recapDir: undefined,
    ...overrides,
  };
}
