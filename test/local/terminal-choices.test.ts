import { describe, expect, it } from 'vitest';
import { chooseColors, terminalChoices } from '../../cli/terminal-choices.js';

describe('chooseColors', () => {
  it('colours a terminal and not a pipe by default', () => {
    expect(chooseColors({}, true)).toBe(true);
    expect(chooseColors({}, false)).toBe(false);
    expect(chooseColors({ TERM: 'dumb' }, true)).toBe(false);
  });

  it('turns colour off for any non-empty NO_COLOR, and ignores an empty one', () => {
    expect(chooseColors({ NO_COLOR: '1' }, true)).toBe(false);
    expect(chooseColors({ NO_COLOR: 'yes' }, true)).toBe(false);
    expect(chooseColors({ NO_COLOR: '' }, true)).toBe(true);
  });

  it('forces colour into a pipe with FORCE_COLOR, except 0 or false', () => {
    expect(chooseColors({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(chooseColors({ FORCE_COLOR: '' }, false)).toBe(true);
    expect(chooseColors({ FORCE_COLOR: '3', TERM: 'dumb' }, false)).toBe(true);
    expect(chooseColors({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(chooseColors({ FORCE_COLOR: 'false' }, true)).toBe(false);
  });

  it('lets NO_COLOR win over FORCE_COLOR', () => {
    expect(chooseColors({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
  });
});

describe('terminalChoices', () => {
  it('offers the prompt only when both input and output are terminals that can move the cursor', () => {
    expect(terminalChoices({}, { isTTY: true }, { isTTY: true }).interactive).toBe(true);
    expect(terminalChoices({}, { isTTY: false }, { isTTY: true }).interactive).toBe(false);
    expect(terminalChoices({}, { isTTY: true }, {}).interactive).toBe(false);
    expect(terminalChoices({ TERM: 'dumb' }, { isTTY: true }, { isTTY: true }).interactive).toBe(false);
  });
});
