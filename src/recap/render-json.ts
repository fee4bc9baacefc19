import type { Recap } from './recap-model.js';
import { INVISIBLE_OR_BREAKING } from './safe-text.js';

/**
 * The recap's JSON contract, pretty-printed. Text is kept as written, but bidi controls, zero-width characters
 * and line separators are written as \uXXXX escapes, so viewing the raw file shows them instead of obeying them.
 */
export function renderJson(recap: Recap): string {
  return [...renderJsonChunks(recap)].join('');
}

/**
 * The same text in pieces, element by element: the recap of a huge transcript is longer than the longest string
 * JavaScript can hold, so it is written out as it is made. Joined, the pieces equal JSON.stringify(recap, null, 2).
 */
export function* renderJsonChunks(recap: Recap): Generator<string> {
  for (const chunk of jsonChunks(recap, '')) yield chunk.replace(INVISIBLE_OR_BREAKING, escapeChar);
  yield '\n';
}

function escapeChar(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

// Arrays, and objects holding arrays, are opened up; anything else is small and goes out whole.
function* jsonChunks(value: unknown, indent: string): Generator<string> {
  const inner = `${indent}  `;
  if (Array.isArray(value) && value.length > 0) {
    yield '[';
    for (const [index, item] of value.entries()) {
      yield `${index === 0 ? '' : ','}\n${inner}`;
      yield* jsonChunks(item ?? null, inner);
    }
    yield `\n${indent}]`;
  } else if (isObject(value) && Object.values(value).some((v) => Array.isArray(v) && v.length > 0)) {
    // JSON.stringify leaves out undefined and function values; so does this.
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    yield '{';
    for (const [index, [key, item]] of entries.entries()) {
      yield `${index === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `;
      yield* jsonChunks(item, inner);
    }
    yield `\n${indent}}`;
  } else {
    yield JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
