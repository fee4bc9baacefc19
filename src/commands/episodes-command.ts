import type { EpisodeView } from '../plan/episode-planner.js';
import type { CommandReply, ReplyItem } from '../port.js';
import type { ChatCommand } from './command-spec.js';
import { pickSeries, planForm } from './plan-command.js';

/** `episodes [series]`: the upcoming episodes, each with Edit, Skip and Delete (hosts). */
export const episodesCommand: ChatCommand = {
  name: 'episodes',
  audience: 'host',
  summary: 'Upcoming chats, to edit, skip or delete',
  args: [
    {
      name: 'series',
      kind: 'text',
      description: 'Series, e.g. weekly-chat (optional)',
      required: false,
      hint: 'Say which series, e.g. "episodes weekly-chat".',
      example: 'weekly-chat',
    },
  ],
  relayFromCli: false,
  async run({ services }, args) {
    const planner = services.planner;
    if (!planner) return { ok: false, text: 'Planning is not set up here.' };
    const series = args.series === undefined ? undefined : String(args.series);
    return listReply(planner.list(series), series);
  },
  async act({ services }, key) {
    const planner = services.planner;
    if (!planner) return { ok: false, text: 'Planning is not set up here.' };
    const [verb = '', series = '', ...when] = key.split(':');
    const local = when.join(':');
    const known = pickSeries(services, series);
    if (!known.ok) return known.reply;
    const found = planner.find(series, local);
    if (!found) return { ok: false, text: `Nothing is planned for ${series} on ${local} any more.` };
    if (found.state !== 'planned' && found.state !== 'skipped') {
      return { ok: false, text: `${series} on ${local} is ${found.state}: it can no longer be changed.` };
    }
    const episode = planner.view(found);
    if (verb === 'edit')
      return { ok: true, text: `Editing ${series} on ${local}.`, form: planForm(series, episode, local) };
    if (verb === 'skip') {
      const outcome = planner.skip(series, local);
      if (!outcome.ok) return { ok: false, text: Object.values(outcome.errors).join(' ') };
      return listReply(planner.list(), undefined, `Skipped ${series} on ${local}: no chat that day.`);
    }
    if (verb === 'delete') {
      planner.delete(series, local);
      return listReply(
        planner.list(),
        undefined,
        `Deleted ${series} on ${local}: its own questions run that day, if scheduled.`,
      );
    }
    return { ok: false, text: 'This button is out of date: run the command again.' };
  },
};

function listReply(episodes: EpisodeView[], series: string | undefined, done?: string): CommandReply {
  const prefix = done ? `${done}\n` : '';
  if (episodes.length === 0) {
    return {
      ok: true,
      text: `${prefix}Nothing planned${series ? ` for ${series}` : ''} yet: plan one with "/emcee plan".`,
    };
  }
  const items: ReplyItem[] = episodes.slice(0, 20).map((episode) => {
    const key = `${episode.series}:${episode.local}`;
    const guests = episode.guests.length ? ` (guest: ${episode.guests.map((g) => g.name).join(', ')})` : '';
    const state = episode.state === 'planned' ? '' : ` [${episode.state}]`;
    return {
      text: `${episode.series} · ${episode.local} — ${episode.topic}${guests}${state}`,
      // A chat running or done is history: it can no longer be edited, skipped or deleted from here.
      actions:
        episode.state === 'planned' || episode.state === 'skipped'
          ? [
              { id: `episodes:edit:${key}`, label: 'Edit', style: 'primary' as const },
              ...(episode.state === 'planned' ? [{ id: `episodes:skip:${key}`, label: 'Skip' }] : []),
              { id: `episodes:delete:${key}`, label: 'Delete', style: 'danger' as const },
            ]
          : [],
    };
  });
  return { ok: true, text: `${prefix}Upcoming chats:`, items };
}
