export { createDiscordAdapter, DiscordAdapter, registerDiscordCommands } from './discord-adapter.js';
export { discordConfigFromEnv, discordConfigSchema, type DiscordConfig } from './discord-config.js';
export { discordTimestamp } from './discord-text.js';
