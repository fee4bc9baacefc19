import { ApplicationCommandOptionType, REST, Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { z } from 'zod';
import type { DiscordConfig } from './discord-config.js';
import { explainLoginError } from './discord-login-error.js';
import { discordIdSchema } from './discord-payloads.js';

const simple = (name: string, description: string) => ({ type: ApplicationCommandOptionType.Subcommand as const, name, description });

/** The `/emcee` command with its subcommands, as registered for the guild. */
export const EMCEE_COMMAND: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'emcee',
  description: 'Community chat controls',
  options: [
    {
      ...simple('start', 'Start a chat now (hosts)'),
      options: [{ type: ApplicationCommandOptionType.String, name: 'script', description: 'Script name, e.g. weekly-chat', required: true }],
    },
    simple('pause', 'Pause the chat (hosts)'),
    simple('resume', 'Resume the chat (hosts)'),
    simple('skip', 'Post the next question now (hosts)'),
    {
      ...simple('extend', 'Keep the open question open longer (hosts)'),
      options: [{ type: ApplicationCommandOptionType.Integer, name: 'minutes', description: 'Minutes to add', required: true, min_value: 1, max_value: 120 }],
    },
    simple('end', 'Close the chat now, with thanks and recap (hosts)'),
    simple('status', 'Where the chat stands'),
    simple('next', 'When the next chat is'),
    simple('recap', 'Where the last recap is'),
    simple('help', 'What Emcee can do'),
  ],
};

const registeredSchema = z.array(z.object({ id: z.string(), name: z.string() }));

/**
 * Puts `/emcee` on the guild with a bulk overwrite: re-running is harmless, and a guild command shows up
 * at once (global commands can take an hour). Returns the names Discord now has for the guild.
 */
export async function putGuildCommands(rest: REST, applicationId: string, guildId: string): Promise<string[]> {
  const answer = await rest.put(Routes.applicationGuildCommands(applicationId, guildId), { body: [EMCEE_COMMAND] });
  return registeredSchema.parse(answer).map((command) => command.name);
}

/**
 * Registers `/emcee` for the configured guild without connecting to the gateway (for `emcee discord
 * register`): asks Discord which application the token belongs to, then overwrites the guild's commands.
 */
export async function registerDiscordCommands(config: Pick<DiscordConfig, 'token' | 'guildId' | 'apiUrl'>): Promise<string[]> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  try {
    const application = discordIdSchema.parse(await rest.get(Routes.currentApplication()));
    return await putGuildCommands(rest, application.id, config.guildId);
  } catch (error) {
    throw explainLoginError(error);
  } finally {
    // Nothing of this one-off client should outlive the call.
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
