import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, writeCalendar } from '../../src/calendar/ics-writer.js';
import { offsetTransitions, vtimezoneLines } from '../../src/calendar/vtimezone.js';

describe('iCalendar text', () => {
  it('escapes backslashes, semicolons, commas and newlines', () => {
    expect(escapeText('a\\b; c, d\r\ne\nf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `DESCRIPTION:${'é'.repeat(50)}🎉${'x'.repeat(40)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
  });
});

describe('VTIMEZONE from the tz database', () => {
  it('finds the changes of a year to the minute', () => {
    const ny = offsetTransitions('America/New_York', 2026, 2026);
    expect(ny.map((t) => [new Date(t.at).toISOString(), t.from / 3_600_000, t.to / 3_600_000])).toEqual([
      ['2026-03-08T07:00:00.000Z', -5, -4],
      ['2026-11-01T06:00:00.000Z', -4, -5],
    ]);
    expect(offsetTransitions('Asia/Tokyo', 2026, 2027)).toEqual([]);
  });

  it('writes DAYLIGHT and STANDARD observances at local times, and one STANDARD for a zone without DST', () => {
    const berlin = vtimezoneLines('Europe/Berlin', 2027, 2027).join('\n');
    expect(berlin).toContain('BEGIN:DAYLIGHT\nDTSTART:20270328T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200');
    expect(berlin).toContain('BEGIN:STANDARD\nDTSTART:20271031T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100');
    const kolkata = vtimezoneLines('Asia/Kolkata', 2026, 2026);
    expect(kolkata.filter((line) => line.startsWith('BEGIN:'))).toEqual(['BEGIN:VTIMEZONE', 'BEGIN:STANDARD']);
    expect(kolkata).toContain('TZOFFSETTO:+0530');
  });

  it('gives a file a real parser reads, with CRLF lines, the right instants and the text intact', () => {
    const start = Date.UTC(2026, 10, 5, 23); // 18:00 in New York, after the change to EST
    const text = writeCalendar({
      name: 'Test; calendar',
      stamp: Date.UTC(2026, 9, 1),
      events: [
        {
          uid: 'weekly-2026-11-05@emcee',
          start,
          end: start + 3_600_000,
          timeZone: 'America/New_York',
          summary: 'Weekly, with commas; and semicolons',
          description: `Line one\nLine two: ${'long words '.repeat(12)}`,
          sequence: 3,
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().getTime()).toBe(start);
    expect(event.endDate.toJSDate().getTime()).toBe(start + 3_600_000);
    expect(event.summary).toBe('Weekly, with commas; and semicolons');
    expect(event.description).toBe(`Line one\nLine two: ${'long words '.repeat(12)}`);
    expect(event.sequence).toBe(3);
  });
});
