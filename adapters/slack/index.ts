export { createSlackAdapter, SlackAdapter } from './slack-adapter.js';
export { slackConfigFromEnv, slackConfigSchema, type SlackConfig } from './slack-config.js';
