import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';

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
