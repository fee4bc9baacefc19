import { DiscordAPIError, Routes, type REST, type RESTPostAPIGuildScheduledEventJSONBody } from 'discord.js';
import { z } from 'zod';
import type { AnnouncementChange, RunAnnouncement } from '../../src/port.js';
import { parseDiscordChannel } from './discord-addresses.js';
import { discordIdSchema } from './discord-payloads.js';

// Discord's enums, spelled out so the body reads like the documentation.
const GUILD_ONLY = 2;
const EXTERNAL = 3;
const UNKNOWN_SCHEDULED_EVENT = 10070;
// GuildScheduledEventStatus: 1 scheduled, 2 active, 3 completed, 4 canceled.
const STATUS: Record<NonNullable<AnnouncementChange['status']>, number> = { active: 2, completed: 3, canceled: 4 };

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
export async function updateScheduledEvent(
  rest: REST,
  guildId: string,
  eventId: string,
  run: RunAnnouncement,
): Promise<void> {
  await changeScheduledEvent(rest, guildId, eventId, { run });
}

/**
 * One PATCH of a Scheduled Event: new fields and/or a new status (active when the chat starts, completed
 * when it ends, canceled when its start was missed). Discord refuses other orders (a completed event
 * cannot start again), so the scheduler sends them in order.
 */
export async function changeScheduledEvent(
  rest: REST,
  guildId: string,
  eventId: string,
  change: AnnouncementChange,
): Promise<void> {
  const body = {
    ...(change.run ? scheduledEventBody(change.run) : {}),
    ...(change.status ? { status: STATUS[change.status] } : {}),
  };
  try {
    await rest.patch(Routes.guildScheduledEvent(guildId, eventId), { body });
  } catch (error) {
    // A moderator deleted the event: no status left to set. A move still fails, so it is not lost silently.
    if (!change.run && error instanceof DiscordAPIError && error.code === UNKNOWN_SCHEDULED_EVENT) return;
    throw error;
  }
}

const listedEventSchema = z.object({
  id: z.string(),
  scheduled_start_time: z.string(),
  status: z.number().optional(),
  entity_metadata: z.object({ location: z.string().optional() }).nullish(),
});

/**
 * The id of a Scheduled Event already made for a run, recognised by its place (the channel link) and its
 * start: one whose creation answer was lost in a crash.
 */
export async function findScheduledEvent(
  rest: REST,
  guildId: string,
  run: RunAnnouncement,
): Promise<string | undefined> {
  const wanted = scheduledEventBody(run);
  const listed = z.array(listedEventSchema).parse(await rest.get(Routes.guildScheduledEvents(guildId)));
  return listed.find(
    (event) =>
      event.entity_metadata?.location === wanted.entity_metadata?.location &&
      Date.parse(event.scheduled_start_time) === run.start,
  )?.id;
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
