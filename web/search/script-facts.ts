/** What a page shows of a chat's stored script: its title, time zone and question texts. */
export interface ScriptFacts {
  /** The series' title. */
  title: string;
  /** Its time zone (the chat's date is read there). */
  timeZone: string;
  /** The question texts, Q1 first. */
  questions: string[];
}

/**
 * The facts of a script stored as JSON with a session; a script that does not read as one (an old or damaged row)
 * shows its series id in UTC rather than failing the page.
 */
export function scriptFacts(scriptJson: string, seriesId: string): ScriptFacts {
  let script: { title?: unknown; timezone?: unknown; questions?: unknown } = {};
  try {
    script = JSON.parse(scriptJson) ?? {};
  } catch {
    // Shown with the fallbacks below.
  }
  const questions = Array.isArray(script.questions)
    ? script.questions.map((q: { text?: unknown }) => (typeof q?.text === 'string' ? q.text : ''))
    : [];
  return {
    title: typeof script.title === 'string' && script.title ? script.title : seriesId,
    timeZone: typeof script.timezone === 'string' && isZone(script.timezone) ? script.timezone : 'UTC',
    questions,
  };
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
