import { buildRecap } from './build-recap.js';
import { pickHighlights } from './highlights.js';
import type { RecapInput } from './recap-input.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';

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

/** Renders a recap in several formats from one build, so all of them agree. */
export function renderRecaps(input: RecapInput, formats: readonly RecapFormat[], extras: RenderExtras = {}): Map<RecapFormat, string> {
  const recap = buildRecap(input);
  const highlights = pickHighlights(recap, input);
  const out = new Map<RecapFormat, string>();
  for (const format of formats) {
    if (format === 'json') out.set(format, renderJson(recap));
    else if (format === 'csv') out.set(format, renderCsv(recap));
    else if (format === 'md') out.set(format, renderMarkdown(recap, { timezone: input.timezone, highlights, ...extras }));
    else out.set(format, renderHtml(recap, { timezone: input.timezone, highlights, input, ...extras }));
  }
  return out;
}
