import {
  ApplicationCommandOptionType,
  REST,
  Routes,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { z } from 'zod';
import type { ChatCommand } from '../../src/commands/command-spec.js';
import { CHAT_COMMANDS } from '../../src/commands/registry.js';
import type { DiscordConfig } from './discord-config.js';
import { discordRestAgent } from './discord-agent.js';
import { explainLoginError } from './discord-login-error.js';
import { discordIdSchema } from './discord-payloads.js';

/** One subcommand of `/emcee` per registered chat command, with its arguments as typed options. */
function subcommandOf(command: ChatCommand): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: command.name,
    description: command.audience === 'host' ? `${command.summary} (hosts)` : command.summary,
    options: command.args.map((arg) =>
      arg.kind === 'integer'
        ? {
            type: ApplicationCommandOptionType.Integer,
            name: arg.name,
            description: arg.description,
            required: arg.required,
            ...(arg.min === undefined ? {} : { min_value: arg.min }),
            ...(arg.max === undefined ? {} : { max_value: arg.max }),
          }
        : {
            type: ApplicationCommandOptionType.String,
            name: arg.name,
            description: arg.description,
            required: arg.required,
          },
    ),
  };
}

/** The `/emcee` command with its subcommands, as registered for the guild: derived from the core's registry. */
export const EMCEE_COMMAND: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'emcee',
  description: 'Community chat controls',
  options: CHAT_COMMANDS.map(subcommandOf),
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
export async function registerDiscordCommands(
  config: Pick<DiscordConfig, 'token' | 'guildId' | 'apiUrl'>,
): Promise<string[]> {
  const rest = new REST({ agent: discordRestAgent(), ...(config.apiUrl ? { api: config.apiUrl } : {}) }).setToken(
    config.token,
  );
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
