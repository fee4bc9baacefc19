import { buildRecap } from './build-recap.js';
import { pickHighlights } from './highlights.js';
import type { RecapInput } from './recap-input.js';
import type { Recap, RecapAnswer } from './recap-model.js';
import { renderCsvChunks } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJsonChunks } from './render-json.js';
import { renderMarkdownChunks } from './render-markdown.js';

/** The formats a recap comes in. */
export const RECAP_FORMATS = ['md', 'html', 'json', 'csv'] as const;
/** One recap format. */
export type RecapFormat = (typeof RECAP_FORMATS)[number];

/** Extras some formats show. */
export interface RenderExtras {
  /** AI synthesis per question number, when one was made. */
  summaries?: Map<number, string>;
  /** A line for readers, e.g. that the AI summary could not be made. */
  notice?: string;
}

/** What every renderer gets: one build of the recap and what goes with it. */
export interface RenderContext {
  /** The built recap. */
  recap: Recap;
  /** The messages it was built from (the HTML draws its activity chart from them). */
  input: RecapInput;
  /** Highlights per question number. */
  highlights: Map<number, RecapAnswer[]>;
  /** AI summaries and the notice. */
  extras: RenderExtras;
}

/** Turns a built recap into one format's text, in pieces (a huge recap is longer than one string can be). */
export type Renderer = (context: RenderContext) => Iterable<string>;

// A Record, not a chain of ifs: a format added to RECAP_FORMATS without a renderer fails to compile.
const RENDERERS: Record<RecapFormat, Renderer> = {
  md: ({ recap, input, highlights, extras }) =>
    renderMarkdownChunks(recap, { timezone: input.timezone, highlights, ...extras }),
  html: ({ recap, input, highlights, extras }) => [
    renderHtml(recap, { timezone: input.timezone, highlights, input, ...extras }),
  ],
  json: ({ recap }) => renderJsonChunks(recap),
  csv: ({ recap }) => renderCsvChunks(recap),
};

/** Renders a recap in several formats from one build, so all of them agree. */
export function renderRecaps(
  input: RecapInput,
  formats: readonly RecapFormat[],
  extras: RenderExtras = {},
): Map<RecapFormat, string> {
  const context = contextOf(input, extras);
  return new Map(formats.map((format) => [format, [...RENDERERS[format](context)].join('')]));
}

/** One format's text in pieces, for writing a recap too big to hold as one string. */
export function renderRecapChunks(input: RecapInput, format: RecapFormat, extras: RenderExtras = {}): Iterable<string> {
  return RENDERERS[format](contextOf(input, extras));
}

function contextOf(input: RecapInput, extras: RenderExtras): RenderContext {
  const recap = buildRecap(input);
  return { recap, input, highlights: pickHighlights(recap, input), extras };
}
