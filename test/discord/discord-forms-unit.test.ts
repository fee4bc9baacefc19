import { describe, expect, it } from 'vitest';
import { pageCount, renderReply } from '../../adapters/discord/discord-components.js';
import {
  modalData,
  NO_NAMES,
  readSubmission,
  userAddresses,
  type PeopleNames,
} from '../../adapters/discord/discord-forms.js';
import { DiscordUiMemory, UI_MEMORY_TTL_MS } from '../../adapters/discord/discord-ui-memory.js';
import type { CommandForm } from '../../src/port.js';
import { messageComponentsProblem, modalProblem } from '../fakes/discord/fake-components.js';
import type { Json } from '../fakes/discord/fake-guild.js';
import { episodes } from './form-inbound.js';

const G = '100000000000000001';
const ANA = '100000000000000011';
const BEA = '100000000000000012';
const names: PeopleNames = {
  idOf: (name) => (name.toLowerCase() === 'ana' ? ANA : undefined),
  nameOf: (id) => (id === ANA ? 'ana' : undefined),
};

const form = (fields: CommandForm['fields']): CommandForm => ({ id: 'f:1', title: 'T', submitLabel: 'Save', fields });
const firstInput = (data: Record<string, unknown>) => ((data.components as Json[])[0]!.components as Json[])[0]!;

describe('users fields', () => {
  it('mentions, ids and known @names become addresses, once each, in order; the rest is passed on as typed', () => {
    const typed = `<@${ANA}>, <@!${BEA}>  ${ANA},@Ana\nzed`;
    expect(userAddresses(typed, G, names)).toBe(`discord:${G}:${ANA},discord:${G}:${BEA},zed`);
    expect(userAddresses('  ', G, names)).toBe('');
  });

  it('pre-fill shows @usernames where known and ids otherwise, never mentions', () => {
    const guests = (initial: string) => form([{ id: 'g', label: 'Guests', kind: 'users', required: false, initial }]);
    const both = guests(`discord:${G}:${ANA},discord:${G}:${BEA}`);
    expect(firstInput(modalData(both, 'emcee_form:f:1', names)).value).toBe(`@ana, ${BEA}`);
    expect(firstInput(modalData(guests(`discord:${G}:${ANA}`), 'x', NO_NAMES)).value).toBe(ANA);
  });
});

describe('modal data', () => {
  it('a datetime label too long for its format keeps it in the placeholder; typed values win over initial ones', () => {
    const label = 'When does this very special chat begin?';
    const when = form([{ id: 'w', label, kind: 'datetime', required: true, initial: '2026-01-01 10:00' }]);
    const data = modalData(when, 'x', NO_NAMES, { w: 'soon' });
    const expected = { label, placeholder: 'YYYY-MM-DD HH:MM', value: 'soon', custom_id: 'datetime:w' };
    expect(firstInput(data)).toMatchObject(expected);
  });

  it('a field id that cannot fit a custom_id is refused with its name', () => {
    const long = form([{ id: 'x'.repeat(95), label: 'L', kind: 'short', required: true }]);
    expect(() => modalData(long, 'x', NO_NAMES)).toThrow(/Form field id "x+" is too long/);
  });

  it('a submission is read from its custom_ids alone; inputs of other kinds are left out', () => {
    const submitted = [
      { customId: 'short:topic', value: ' Trust ' },
      { customId: 'users:g', value: `<@${BEA}>` },
      { customId: 'other', value: 'x' },
    ];
    const read = readSubmission(submitted, G, NO_NAMES);
    expect(read.values).toEqual({ topic: 'Trust', g: `discord:${G}:${BEA}` });
    expect(read.typed).toEqual({ topic: ' Trust ', g: `<@${BEA}>` });
    expect(read.fields.map((f) => [f.id, f.kind])).toEqual([
      ['topic', 'short'],
      ['g', 'users'],
    ]);
  });
});

describe('what the adapter remembers', () => {
  it('typed values are kept 15 minutes, then forgotten', () => {
    let now = 1_000_000;
    const memory = new DiscordUiMemory(() => now);
    const key = memory.keepDraft({ form: form([]), typed: { a: '1' } });
    now += UI_MEMORY_TTL_MS - 1;
    expect(memory.draft(key)?.typed).toEqual({ a: '1' });
    now += 1;
    expect(memory.draft(key)).toBeUndefined();
  });
});

describe('lines with buttons', () => {
  it('5 lines fit one message; 6 are paged 4 at a time; a long action id goes through a key', () => {
    expect([5, 6, 9].map((n) => pageCount(episodes(n)))).toEqual([1, 2, 3]);
    const longId = `episode:${'y'.repeat(95)}`;
    const action = (id: string) => (id.length > 80 ? 'emcee_actionkey:k' : `emcee_action:${id}`);
    const ids = { action, listKey: () => 'L' };
    const items = [{ text: 'one', actions: [{ id: longId, label: 'Go', style: 'primary' as const }] }];
    const button = { type: 2, style: 1, label: '1 · Go', custom_id: 'emcee_actionkey:k' };
    expect(renderReply({ text: 'T', items }, ids).components).toEqual([{ type: 1, components: [button] }]);
    const lastPage = renderReply({ text: 'T', items: episodes(13) }, ids, 3);
    expect(lastPage.content).toMatch(/\*\*13\.\*\* Episode 13[\s\S]*Page 4 of 4$/);
    expect(messageComponentsProblem(lastPage.components)).toBeUndefined();
  });
});

describe("the fake refuses what Discord's component limits refuse", () => {
  const input = (fields: Json = {}) => ({
    type: 1,
    components: [{ type: 4, custom_id: 'a', label: 'A', style: 1, ...fields }],
  });
  it('modals: rows, label, style, value, duplicate ids, title', () => {
    const modal = (components: Json[], title = 'T') => modalProblem({ custom_id: 'm', title, components });
    expect(modal([input()])).toBeUndefined();
    expect(modal(Array.from({ length: 6 }, (_, i) => input({ custom_id: `i${i}` })))).toMatch(/1-5 rows/);
    expect(modal([input({ label: 'x'.repeat(46) })])).toMatch(/label/);
    expect(modal([input({ style: 3 })])).toMatch(/style/);
    expect(modal([input({ value: 'x'.repeat(4001) })])).toMatch(/value/);
    expect(modal([input(), input()])).toMatch(/unique/);
    expect(modal([input()], 'x'.repeat(46))).toMatch(/title/);
  });

  it('messages: at most 5 rows of at most 5 buttons with unique custom_ids', () => {
    const button = (id: string) => ({ type: 2, style: 1, label: id, custom_id: id });
    const row = (...ids: string[]) => ({ type: 1, components: ids.map(button) });
    expect(messageComponentsProblem([row('a', 'b')])).toBeUndefined();
    expect(messageComponentsProblem(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => row(id)))).toMatch(/5 action rows/);
    expect(messageComponentsProblem([row('a', 'b', 'c', 'd', 'e', 'f')])).toMatch(/5 buttons/);
    expect(messageComponentsProblem([row('a'), row('a')])).toMatch(/unique/);
  });
});
