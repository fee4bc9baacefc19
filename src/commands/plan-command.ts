import type { EpisodePlanner, EpisodeView } from '../plan/episode-planner.js';
import { parseQuestionLines, questionLines } from '../plan/episode-schema.js';
import type { CommandForm, CommandReply, FormOutcome } from '../port.js';
import type { ChatCommand, CommandServices } from './command-spec.js';

/** `plan [series]`: opens the form for the next unplanned date of a series (hosts). */
export const planCommand: ChatCommand = {
  name: 'plan',
  audience: 'host',
  summary: 'Plan a chat: date, topic, guests, questions',
  args: [
    {
      name: 'series',
      kind: 'text',
      description: 'Series, e.g. weekly-chat (optional when there is one)',
      required: false,
      hint: 'Say which series to plan, e.g. "plan weekly-chat".',
      example: 'weekly-chat',
    },
  ],
  relayFromCli: false,
  async run({ services }, args) {
    const series = pickSeries(services, args.series === undefined ? undefined : String(args.series));
    if (!series.ok) return series.reply;
    const planner = services.planner!;
    const at = planner.nextUnplanned(series.id) ?? '';
    return { ok: true, text: `Planning ${series.id}.`, form: planForm(series.id, { at }) };
  },
  async submit({ services }, key, values) {
    const planner = services.planner;
    if (!planner) return { ok: false, errors: { '': 'Planning is not set up here.' } };
    const [series = '', ...was] = key.split(':');
    return submitPlan(planner, services, series, values, was.length ? was.join(':') : undefined);
  },
};

/** The planning form, filled with an episode's values when it edits one. */
export function planForm(series: string, fill: Partial<EpisodeView> & { at?: string }, editing?: string): CommandForm {
  return {
    id: `plan:${series}${editing ? `:${editing}` : ''}`,
    title: editing ? 'Edit the chat' : 'Plan a chat',
    submitLabel: 'Save',
    fields: [
      { id: 'at', label: 'Date and time', kind: 'datetime', required: true, initial: fill.local ?? fill.at ?? '' },
      {
        id: 'topic',
        label: 'Topic',
        kind: 'short',
        required: true,
        initial: fill.topic ?? '',
        placeholder: 'Building trust online',
      },
      {
        id: 'guests',
        label: 'Guests',
        kind: 'users',
        required: false,
        initial: (fill.guests ?? []).flatMap((g) => (g.id ? [g.id] : [])).join(','),
      },
      {
        id: 'questions',
        label: 'Questions, one per line ([10] = 10 min)',
        kind: 'paragraph',
        required: false,
        initial: questionLines(fill.questions ?? []),
        placeholder: "What builds trust? [10]\nWhat breaks it?\n(empty: the series' own questions)",
      },
      { id: 'note', label: 'Note for the hosts', kind: 'paragraph', required: false, initial: fill.note ?? '' },
    ],
  };
}

async function submitPlan(
  planner: EpisodePlanner,
  services: CommandServices,
  series: string,
  values: Record<string, string>,
  editing: string | undefined,
): Promise<FormOutcome> {
  const questions = parseQuestionLines(values.questions ?? '');
  if (!questions.ok) return { ok: false, errors: { questions: questions.message } };
  const ids = (values.guests ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const guests = await Promise.all(ids.map(async (id) => ({ name: await services.nameOf(id), id })));
  const outcome = planner.plan(
    {
      series,
      at: values.at ?? '',
      topic: values.topic ?? '',
      guests,
      questions: questions.questions,
      ...(values.note?.trim() ? { note: values.note } : {}),
    },
    editing ? { series, at: editing } : undefined,
  );
  if (!outcome.ok) return outcome;
  const { episode } = outcome;
  return { ok: true, text: `Planned ${episode.series} on ${episode.local} (${episode.timezone}): ${episode.topic}.` };
}

/** The series a command is about: the one named, or the only one there is. */
export function pickSeries(
  services: CommandServices,
  named: string | undefined,
): { ok: true; id: string } | { ok: false; reply: CommandReply } {
  const scripts = services.scripts;
  if (!scripts || !services.planner) return { ok: false, reply: { ok: false, text: 'Planning is not set up here.' } };
  const names = scripts.names();
  if (named) {
    if (!scripts.pathOf(named))
      return { ok: false, reply: { ok: false, text: `No series called "${named}". Series: ${names.join(', ')}.` } };
    return { ok: true, id: named };
  }
  if (names.length === 1) return { ok: true, id: names[0]! };
  return { ok: false, reply: { ok: false, text: `Say which series: ${names.join(', ')}.` } };
}
