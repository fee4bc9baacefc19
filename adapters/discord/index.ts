export { createDiscordAdapter, DiscordAdapter } from './discord-adapter.js';
export { DISCORD_INTENTS } from './discord-client.js';
export { EMCEE_COMMAND, registerDiscordCommands } from './discord-commands.js';
export { discordConfigFromEnv, discordConfigSchema, type DiscordConfig } from './discord-config.js';
export {
  changeScheduledEvent,
  createScheduledEvent,
  deleteScheduledEvent,
  findScheduledEvent,
  scheduledEventBody,
  updateScheduledEvent,
} from './discord-scheduled-events.js';
export { discordTime, discordTimestamp, neutraliseMentions, type DiscordTimeStyle } from './discord-text.js';
