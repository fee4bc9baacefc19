import { describe, expect, it } from 'vitest';
import { parseTranscriptTime } from '../../src/time/parse-time.js';

describe('transcript times', () => {
  it('reads ISO 8601 with Z, with offsets in every spelling, and with fractions', () => {
    const at = Date.UTC(2026, 10, 19, 18, 5, 16);
    expect(parseTranscriptTime('2026-11-19T18:05:16Z')).toBe(at);
    expect(parseTranscriptTime('2026-11-19T19:05:16+01:00')).toBe(at);
    expect(parseTranscriptTime('2026-11-19 13:05:16-0500')).toBe(at);
    expect(parseTranscriptTime('2026-11-19T23:35:16+05:30')).toBe(at);
    expect(parseTranscriptTime('2026-11-19T18:05:16.25Z')).toBe(at + 250);
    expect(parseTranscriptTime('2026-11-19T18:05Z')).toBe(at - 16_000);
  });

  it("takes a time without an offset as UTC, whatever the machine's timezone", () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York'; // Node applies a changed TZ at once; Date.parse would now read local time
    try {
      expect(parseTranscriptTime('2026-11-19T18:05:16')).toBe(Date.UTC(2026, 10, 19, 18, 5, 16));
      expect(parseTranscriptTime('2026-11-19 18:05')).toBe(Date.UTC(2026, 10, 19, 18, 5));
      expect(parseTranscriptTime('2026-11-19')).toBe(Date.UTC(2026, 10, 19));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("reads Twitter's archive form with its offset", () => {
    expect(parseTranscriptTime('Thu Nov 19 18:05:16 +0000 2026')).toBe(Date.UTC(2026, 10, 19, 18, 5, 16));
    expect(parseTranscriptTime('Thu Nov 19 19:05:16 +0100 2026')).toBe(Date.UTC(2026, 10, 19, 18, 5, 16));
    expect(parseTranscriptTime('Mon Mar 2 09:00:00 -0800 2026')).toBe(Date.UTC(2026, 2, 2, 17));
  });

  it('refuses anything else, including days and hours that do not exist', () => {
    for (const bad of [
      '',
      'yesterday',
      '1763575516',
      'Nov 19 2026',
      '2026-02-30T10:00:00Z',
      '2026-11-19T24:00:00Z',
      '2026-13-01',
      'Thu Foo 19 18:05:16 +0000 2026',
      '19/11/2026 18:05',
    ]) {
      expect(parseTranscriptTime(bad), bad).toBeNaN();
    }
  });
});
