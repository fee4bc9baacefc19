import { planForRun } from '../plan/episode-book.js';
import type { ChatScript } from '../script/script-schema.js';
import { SessionAlreadyRunning } from '../session/session-already-running.js';
import type { ChatCommand, CommandServices } from './command-spec.js';
import { pickSeries } from './plan-command.js';

/**
 * `rehearse [series] [channel]`: runs the next episode squeezed into about two minutes where only the host
 * sees it — a direct message where the platform can open one, else the channel named — so the host sees every
 * post as participants will, answers to see the acknowledgements, the thanks and the recap. It never counts.
 */
export const rehearseCommand: ChatCommand = {
  name: 'rehearse',
  audience: 'host',
  summary: 'Rehearse the next chat in two minutes, just for you',
  args: [
    {
      name: 'series',
      kind: 'text',
      description: 'Series, e.g. weekly-chat (optional when there is one)',
      required: false,
      hint: 'Say which series to rehearse, e.g. "rehearse weekly-chat".',
      example: 'weekly-chat',
    },
    {
      name: 'channel',
      kind: 'text',
      description: 'A channel to rehearse in instead of a direct message',
      required: false,
      hint: 'Name the channel to rehearse in, e.g. "rehearse weekly-chat #rehearsals".',
      example: '#rehearsals',
    },
  ],
  relayFromCli: false,
  async run({ command, services }, args) {
    const words = [args.series, args.channel]
      .filter((word) => word !== undefined)
      .map(String)
      .join(' ')
      .split(/\s+/);
    const channelWord = words.find((word) => /^<#|^#|^[CGD][A-Z0-9]{6,}$|^\d{15,21}$/.test(word));
    const seriesWord = words.find((word) => word && word !== channelWord);
    const series = pickSeries(services, seriesWord);
    if (!series.ok) return series.reply;
    const where = await rehearsalPlace(services, command.by.id, channelWord);
    if (!where.ok) return { ok: false, text: where.text };
    const script = nextEpisodeScript(services, series.id);
    try {
      await services.startSession({ script, community: command.community, channel: where.channel, rehearsal: true });
    } catch (error) {
      if (error instanceof SessionAlreadyRunning) return { ok: false, text: error.message };
      throw error;
    }
    const topic = script.topic ? ` ("${script.topic}")` : '';
    return { ok: true, text: `Rehearsing ${script.title}${topic} ${where.label}: about two minutes. It never counts.` };
  },
};

// The next planned episode of the series, or its own questions.
function nextEpisodeScript(services: CommandServices, seriesId: string): ChatScript {
  const script = services.scripts!.load(seriesId);
  const next = services.planner?.list(seriesId).find((episode) => episode.state === 'planned');
  if (!next) return script;
  const plan = planForRun(services.store, script, Date.parse(next.at));
  return 'script' in plan ? plan.script : script;
}

async function rehearsalPlace(
  services: CommandServices,
  host: string,
  channelWord: string | undefined,
): Promise<{ ok: true; channel: string; label: string } | { ok: false; text: string }> {
  if (channelWord) {
    const id = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(channelWord)?.[1] ?? channelWord.replace(/^#/, '');
    const channel = services.resolveChannel(id);
    if (!channel)
      return { ok: false, text: `Give the channel as a link or an id, e.g. "rehearse weekly-chat <#${id}>".` };
    return { ok: true, channel, label: `in ${channelWord}` };
  }
  const direct = await services.openDirectChannel(host);
  if (direct) return { ok: true, channel: direct, label: 'in a direct message with you' };
  return {
    ok: false,
    text: 'Say where to rehearse: a channel only you (and the bot) are in, e.g. "rehearse weekly-chat #rehearsals".',
  };
}
