import { describe, expect, it } from 'vitest';
import { parseAnswerPrefix, parseQuestionMarker, stripAnswerPrefix } from '../../src/attribution/answer-prefix.js';
import { attribute, type AttributionContext } from '../../src/attribution/attribute.js';

// An 11-question chat with Q3 open; message "q2msg" is the posting of Q2.
const context: AttributionContext = {
  questionCount: 11,
  askedQuestions: 3,
  openQuestion: 3,
  questionOfMessage: (id) => ({ q2msg: 2, q3msg: 3 })[id],
};

const participant = (text: string, replyTo?: string) => attribute({ text, fromHostOrBot: false, replyTo }, context);

describe('answer prefixes hosts expect', () => {
  it.each([
    ['A1: Listen first', 1, undefined],
    ['a1 - lower case and a dash', 1, undefined],
    ['A1) a parenthesis', 1, undefined],
    ['A 1: a space before the number', 1, undefined],
    ['A1b: second part', 1, 'b'],
    ['A1a - first part', 1, 'a'],
    ['@host #Chat A3：full-width colon', 3, undefined],
    ['<@U123> <#C9|chat> A2. Slack-style mentions first', 2, undefined],
    ['A2– en dash', 2, undefined],
    ['A2— em dash', 2, undefined],
    ['A2/ slash', 2, undefined],
    ['A2, comma', 2, undefined],
    ['A3 just a space', 3, undefined],
    ['A10: ten, not one', 10, undefined],
  ])('%s → question %s', (text, number, part) => {
    expect(parseAnswerPrefix(text)).toEqual(part ? { number, part } : { number });
  });

  it.each([
    'Those A2s are gold',
    'My A3 is coming, typing slowly',
    'A+ answer',
    'A1st place',
    'Answer: yes',
    'A1',
    'Great point @li_wei',
    'B1: wrong letter',
  ])('"%s" has no answer prefix', (text) => {
    expect(parseAnswerPrefix(text)).toBeUndefined();
  });

  it('strips the prefix for display', () => {
    expect(stripAnswerPrefix('@host A1b: Video replies!')).toBe('Video replies!');
    expect(stripAnswerPrefix('no prefix here')).toBe('no prefix here');
  });

  it('reads host question markers', () => {
    expect(parseQuestionMarker('Q1: How do you …')).toBe(1);
    expect(parseQuestionMarker('#Chat Q10) Who …')).toBe(10);
    expect(parseQuestionMarker('Quick break')).toBeUndefined();
  });
});

describe('where a message belongs', () => {
  it('counts the open question', () => {
    expect(participant('A3: yes')).toEqual({ question: 3, late: false, via: 'prefix' });
  });

  it('marks an answer to an earlier question late', () => {
    expect(participant('A1: catching up')).toEqual({ question: 1, late: true, via: 'prefix' });
  });

  it('keeps the part letter of multi-part answers', () => {
    expect(participant('A3b: more')).toEqual({ question: 3, part: 'b', late: false, via: 'prefix' });
  });

  it('never counts hosts or bots', () => {
    expect(attribute({ text: 'A3: host example', fromHostOrBot: true }, context)).toEqual({
      question: null,
      reason: 'host',
    });
  });

  it('leaves a number that is not a question of this chat unmatched', () => {
    expect(participant('A14: eleven questions only')).toEqual({ question: null, reason: 'unmatched-number' });
    expect(participant('A0: zero')).toEqual({ question: null, reason: 'unmatched-number' });
  });

  it('does not match a question not asked yet', () => {
    expect(participant('A5: too early')).toEqual({ question: null, reason: 'unmatched-number' });
  });

  it("counts a reply in a question's thread as an answer to it", () => {
    expect(participant('Reply to every comment', 'q2msg')).toEqual({ question: 2, late: true, via: 'thread' });
    expect(participant('On time', 'q3msg')).toEqual({ question: 3, late: false, via: 'thread' });
  });

  it('lets the prefix win over the thread', () => {
    expect(participant('A3: in the Q2 thread', 'q2msg')).toEqual({ question: 3, late: false, via: 'prefix' });
  });

  it("treats a reply to another participant's message as conversation", () => {
    expect(participant('Great point!', 'someone-else')).toEqual({ question: null, reason: 'conversation' });
  });

  it('leaves chatter without a prefix unattributed', () => {
    expect(participant('Those A2s are gold')).toEqual({ question: null, reason: 'no-prefix' });
  });
});
