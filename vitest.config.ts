import { configDefaults, defineConfig } from 'vitest/config';

// Tests that start child processes (the real CLI), launch Chromium, kill and restart the bot, or wait out real
// network outages (a gateway's 5 s re-identify, retry back-off): real time and whole processes, so they run apart
// from the in-process suite (`npm run test:e2e`).
// New ones are named *.e2e.test.ts; the older ones are listed by name.
const E2E = [
  'test/**/*.e2e.test.ts',
  'test/local/cli-controls.test.ts',
  'test/local/kill-and-restart.test.ts',
  'test/local/local-room-e2e.test.ts',
  'test/recap/html-browser.test.ts',
  'test/slack/slack-kill-and-restart.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Tests that run the CLI (in process or as a child) would all want port 8787: the website is off unless a
    // test turns it on with its own port.
    env: { EMCEE_WEB: 'off' },
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Test files share a worker's module cache: Bolt and discord.js load once per worker, not once per
          // file, which takes the in-process suite from ~35 s to ~13 s here. Tests keep no state in modules.
          isolate: false,
          include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'adapters/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...E2E],
        },
      },
      { extends: true, test: { name: 'e2e', include: E2E } },
    ],
  },
});
