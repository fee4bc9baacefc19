import { DISCORD_SETTINGS } from '../adapters/discord/discord-config.js';
import { SLACK_SETTINGS } from '../adapters/slack/slack-config.js';
import { CORE_SETTINGS } from '../src/config/core-config.js';
import type { SettingsGroup } from '../src/config/render-settings.js';

/** Every setting Emcee reads, by group: the source of .env.example, the README table and `emcee settings`. */
export const SETTINGS_GROUPS: readonly SettingsGroup[] = [
  { title: 'Core', note: 'the database, recaps, scripts and logs', settings: CORE_SETTINGS },
  { title: 'Slack', note: 'a bot token turns Slack on (README, "Slack")', settings: SLACK_SETTINGS },
  { title: 'Discord', note: 'a token turns Discord on (README, "Discord")', settings: DISCORD_SETTINGS },
];
