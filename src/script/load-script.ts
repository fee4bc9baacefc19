import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { scriptSchema, type ChatScript } from './script-schema.js';
import { planTimeline } from './timeline.js';

/** One problem in a script file, located as precisely as the file allows. */
export interface ScriptProblem {
  /** 1-based line in the file, when known. */
  line?: number;
  /** Dotted path of the field, e.g. "questions.2.minutes". */
  field: string;
  /** What is expected instead. */
  message: string;
}

/** A script file that cannot be used; its message names the file, the line, the field and the fix. */
export class ScriptError extends Error {
  /** Stable code for callers that branch on it. */
  readonly code = 'SCRIPT_INVALID';
  constructor(
    /** The file that was read. */
    readonly file: string,
    /** Everything wrong with it. */
    readonly problems: ScriptProblem[],
  ) {
    super(
      `${file} is not a valid chat script:\n` +
        problems
          .map((p) => `  ${file}${p.line ? `:${p.line}` : ''}  ${p.field || '(top level)'}: ${p.message}`)
          .join('\n'),
    );
    this.name = 'ScriptError';
  }
}

/** Reads, parses and validates a chat script; throws ScriptError listing every problem. */
export function loadScript(file: string): ChatScript {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new ScriptError(file, [{ field: '', message: `cannot read the file (${reason})` }]);
  }
  return parseScript(source, file);
}

/** Parses and validates script text; `file` names it in errors. */
export function parseScript(source: string, file: string): ChatScript {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  if (doc.errors.length > 0) {
    throw new ScriptError(
      file,
      doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line,
        field: '',
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  const result = scriptSchema.safeParse(doc.toJS());
  if (!result.success) {
    throw new ScriptError(
      file,
      result.error.issues.map((issue) => locate(issue, doc, lineCounter)),
    );
  }
  const timelineProblems = planTimeline(result.data).problems;
  if (timelineProblems.length > 0) {
    throw new ScriptError(
      file,
      timelineProblems.map((p) => ({ ...p, line: lineOf(doc, lineCounter, p.field.split('.')) })),
    );
  }
  return result.data;
}

function locate(issue: z.core.$ZodIssue, doc: Document, lineCounter: LineCounter): ScriptProblem {
  const path = issue.path.map(String);
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    message =
      `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} ` +
      `(check the spelling)`;
    path.push(issue.keys[0] ?? '');
  } else if (issue.code === 'invalid_type' && message.includes('received undefined')) {
    message = `missing: add ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`} here`;
  }
  return { field: path.filter(Boolean).join('.'), message, line: lineOf(doc, lineCounter, path) };
}

// Walks up the path until a node with a position is found, so a missing field points at its parent.
function lineOf(doc: Document, lineCounter: LineCounter, path: string[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const keys = path.slice(0, depth).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    const node = depth === 0 ? doc.contents : doc.getIn(keys, true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}
