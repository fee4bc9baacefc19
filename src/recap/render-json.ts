import type { Recap } from './recap-model.js';
import { INVISIBLE_OR_BREAKING } from './safe-text.js';

/**
 * The recap's JSON contract, pretty-printed. Text is kept as written, but bidi controls, zero-width characters
 * and line separators are written as \uXXXX escapes, so viewing the raw file shows them instead of obeying them.
 */
export function renderJson(recap: Recap): string {
  const json = JSON.stringify(recap, null, 2);
  return `${json.replace(INVISIBLE_OR_BREAKING, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
