import type { Recap } from './recap-model.js';

/** The recap's JSON contract, pretty-printed. */
export function renderJson(recap: Recap): string {
  return `${JSON.stringify(recap, null, 2)}\n`;
}
