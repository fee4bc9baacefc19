import { isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { ScriptProblem } from './load-script.js';

/**
 * The placeholders the bot fills in each wording of a script, read from where each is posted (session runner,
 * thank-you, answer intake, milestones, scheduler, reaction pacer). Anything else in braces is posted as written.
 */
export const PLACEHOLDERS_BY_FIELD: Readonly<Record<string, readonly string[]>> = {
  welcome: ['hashtag'],
  'intro.prompt': ['hashtag'],
  closing: ['hashtag'],
  'wording.answerHint': ['number', 'hashtag'],
  'wording.questionLabel': ['number', 'text', 'hashtag'],
  'wording.firstTimerWelcome': ['name', 'hashtag'],
  'wording.welcomeBack': ['name', 'weeks', 'hashtag'],
  'wording.milestones.chats': ['count', 'nth', 'hashtag'],
  'wording.milestones.anniversary': ['hashtag'],
  'wording.milestones.streak': ['streak', 'hashtag'],
  'wording.thanks': ['name', 'answers', 'count', 'questions', 'hashtag'],
  'wording.thanksNoAnswers': ['name', 'answers', 'count', 'questions', 'hashtag'],
  'wording.thanksHeader': ['hashtag'],
  'wording.thanksGuest': ['name', 'answers', 'count', 'questions', 'hashtag'],
  'wording.guestIntro': ['guests', 'hashtag'],
  'wording.pausedNotice': [],
  'wording.resumedNotice': ['number'],
  'wording.extendedNotice': ['number', 'minutes'],
  'wording.recapNotice': ['path'],
  'wording.applause': ['names'],
  'wording.reminder': ['title', 'hashtag', 'when', 'topic', 'firstQuestion', 'guests'],
};

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Placeholders a script uses where the bot does not fill them ("{nmae}", "{constructor}"), with the line of each.
 * These are warnings: the script still runs, and the braces are posted as written.
 */
export function unknownPlaceholders(source: string): ScriptProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  if (doc.errors.length > 0) return [];
  const problems: ScriptProblem[] = [];
  for (const [field, known] of Object.entries(PLACEHOLDERS_BY_FIELD)) {
    const node = doc.getIn(field.split('.'), true);
    const items = isSeq(node)
      ? node.items.map((item, index) => ({ item, at: `${field}.${index}` }))
      : [{ item: node, at: field }];
    for (const { item, at } of items) {
      if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
      // Searched in the source rather than the value, so each placeholder gets its own line in a block of text.
      const start = item.range[0];
      for (const match of source.slice(start, item.range[1]).matchAll(PLACEHOLDER)) {
        const name = match[1]!;
        if (known.includes(name)) continue;
        const line = lineCounter.linePos(start + match.index).line;
        const usable = known.map((k) => `{${k}}`).join(', ');
        const offer = known.length ? `this text can use ${usable}` : 'this text has none';
        const message = `{${name}} is not filled in here and is posted as written (${offer})`;
        problems.push({ line, field: at, message });
      }
    }
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
