import { DiscordAPIError, Routes, type REST, type RESTPostAPIGuildScheduledEventJSONBody } from 'discord.js';
import type { RunAnnouncement } from '../../src/port.js';
import { parseDiscordChannel } from './discord-addresses.js';
import { discordIdSchema } from './discord-payloads.js';

// Discord's enums, spelled out so the body reads like the documentation.
const GUILD_ONLY = 2;
const EXTERNAL = 3;
const UNKNOWN_SCHEDULED_EVENT = 10070;

/**
 * The body of a Guild Scheduled Event for a chat: EXTERNAL (chats happen in a text channel, which
 * Discord cannot host an event in), located at a link to the channel, with the end time EXTERNAL needs.
 */
export function scheduledEventBody(run: RunAnnouncement): RESTPostAPIGuildScheduledEventJSONBody {
  const { guild, channel } = parseDiscordChannel(run.channel);
  return {
    name: run.title.slice(0, 100),
    ...(run.description ? { description: run.description.slice(0, 1000) } : {}),
    scheduled_start_time: new Date(run.start).toISOString(),
    scheduled_end_time: new Date(run.end).toISOString(),
    privacy_level: GUILD_ONLY,
    entity_type: EXTERNAL,
    entity_metadata: { location: `https://discord.com/channels/${guild}/${channel}` },
  };
}

/** Creates the Scheduled Event for a run; returns its id. */
export async function createScheduledEvent(rest: REST, guildId: string, run: RunAnnouncement): Promise<string> {
  const answer = await rest.post(Routes.guildScheduledEvents(guildId), { body: scheduledEventBody(run) });
  return discordIdSchema.parse(answer).id;
}

/** Moves or renames an existing Scheduled Event, so members who pressed "Interested" keep following it. */
export async function updateScheduledEvent(rest: REST, guildId: string, eventId: string, run: RunAnnouncement): Promise<void> {
  await rest.patch(Routes.guildScheduledEvent(guildId, eventId), { body: scheduledEventBody(run) });
}

/** Deletes a Scheduled Event; one already gone (deleted by a moderator) counts as done. */
export async function deleteScheduledEvent(rest: REST, guildId: string, eventId: string): Promise<void> {
  try {
    await rest.delete(Routes.guildScheduledEvent(guildId, eventId));
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === UNKNOWN_SCHEDULED_EVENT) return;
    throw error;
  }
}
