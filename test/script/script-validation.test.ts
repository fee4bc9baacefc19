import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WELCOME_BACK_AFTER } from '../../src/people/returners.js';
import { loadScript, parseScript, ScriptError } from '../../src/script/load-script.js';
import { DEFAULT_MILESTONES_WORDING, DEFAULT_WELCOME_BACK } from '../../src/script/script-schema.js';
import { planTimeline } from '../../src/script/timeline.js';
import { replaceOrThrow } from '../support/write-test-script.js';

const weekly = readFileSync(new URL('../../prompts/weekly-chat.yaml', import.meta.url), 'utf8');

function problemsOf(source: string) {
  try {
    parseScript(source, 'prompts/broken.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ScriptError);
    return error as ScriptError;
  }
  throw new Error('expected the script to be refused');
}

describe('chat scripts', () => {
  it('the shipped scripts are valid', () => {
    for (const name of ['weekly-chat', 'demo']) {
      const script = loadScript(new URL(`../../prompts/${name}.yaml`, import.meta.url).pathname);
      expect(script.questions.length).toBeGreaterThanOrEqual(6);
    }
  });

  it('the weekly chat shows the community-memory settings, worded as the defaults a script without them gets', () => {
    const script = loadScript(new URL('../../prompts/weekly-chat.yaml', import.meta.url).pathname);
    for (const key of ['welcomeBackAfter: 4', '  welcomeBack:', '  milestones:', '    chats:', '    streak:']) {
      expect(weekly).toContain(`\n${key}`);
    }
    expect(script.welcomeBackAfter).toBe(DEFAULT_WELCOME_BACK_AFTER);
    expect(script.wording.welcomeBack).toEqual(DEFAULT_WELCOME_BACK);
    expect(script.wording.milestones).toEqual(DEFAULT_MILESTONES_WORDING);
  });

  it('the weekly chat posts Q1 at :05 and a question about every eight minutes within the hour', () => {
    const plan = planTimeline(loadScript(new URL('../../prompts/weekly-chat.yaml', import.meta.url).pathname));
    expect(plan.questionOffsets.map((ms) => ms / 60_000)).toEqual([5, 13, 21, 29, 37, 45]);
    expect(plan.closingOffset / 60_000).toBeLessThanOrEqual(60);
  });

  it('names the file, line, field and fix for a wrong value', () => {
    const broken = replaceOrThrow(weekly, '    minutes: 7', '    minutes: -2');
    const error = problemsOf(broken);
    const line = broken.split('\n').findIndex((l) => l.includes('minutes: -2')) + 1;
    expect(error.problems).toEqual([{ field: 'questions.5.minutes', line, message: 'must be more than 0' }]);
    expect(error.message).toContain(`prompts/broken.yaml:${line}  questions.5.minutes: must be more than 0`);
  });

  it('points at a misspelt field', () => {
    const error = problemsOf(replaceOrThrow(weekly, 'closing: |', 'closng: |'));
    expect(error.message).toMatch(/unknown field "closng"/);
    expect(error.message).toMatch(/closing: missing/);
  });

  it('explains a bad hashtag and timezone', () => {
    const error = problemsOf(
      replaceOrThrow(
        replaceOrThrow(weekly, 'hashtag: "#CommunityChat"', 'hashtag: CommunityChat'),
        'America/New_York',
        'Mars/Olympus',
      ),
    );
    expect(error.problems.map((p) => p.field)).toEqual(['hashtag', 'timezone']);
    expect(error.message).toContain('a hashtag like "#CommunityChat"');
    expect(error.message).toContain('an IANA timezone');
  });

  it('asks for enough thank-you variants', () => {
    const error = problemsOf(
      replaceOrThrow(weekly, / {2}thanks:\n( {4}- .*\n)+/, '  thanks:\n    - "Thanks {name}"\n'),
    );
    expect(error.problems[0]).toMatchObject({ field: 'wording.thanks' });
    expect(error.problems[0]!.message).toContain('at least 3');
  });

  it('reports YAML syntax errors with their line', () => {
    const error = problemsOf('id: x\ntitle: [unclosed\n');
    expect(error.problems[0]!.message).toMatch(/^YAML syntax/);
    expect(error.problems[0]!.line).toBeGreaterThan(0);
  });

  it('refuses question offsets that go backwards', () => {
    const source = replaceOrThrow(
      weekly,
      '  - text: What does relationship marketing mean to you?',
      '  - text: What does relationship marketing mean to you?\n    at: "3:00"',
    );
    const error = problemsOf(source);
    expect(error.problems[0]).toMatchObject({ field: 'questions.1.at' });
  });

  it('says so when the file is missing', () => {
    expect(() => loadScript('prompts/nope.yaml')).toThrow(
      /prompts\/nope.yaml .*cannot read the file \(no such file\)/s,
    );
  });
});
