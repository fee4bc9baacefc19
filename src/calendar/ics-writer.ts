import { wallTimeAt } from '../time/zoned-time.js';
import { localStamp, utcStamp } from './ics-time.js';
import { vtimezoneLines } from './vtimezone.js';

/** One calendar entry (a VEVENT). */
export interface CalendarEvent {
  /** Stable across feeds and changes: the same chat keeps it when it moves or is edited. */
  uid: string;
  /** Start, epoch ms. */
  start: number;
  /** End, epoch ms. */
  end: number;
  /** The IANA time zone the times are written in (with its VTIMEZONE). */
  timeZone: string;
  /** The title. */
  summary: string;
  /** Plain text; newlines allowed. */
  description: string;
  /** A page about it, absolute, when known. */
  url?: string;
  /** Bumped when the entry changes (RFC 5545 SEQUENCE). */
  sequence: number;
  /** When it last changed, epoch ms, when known. */
  lastModified?: number;
}

/** A calendar feed. */
export interface Calendar {
  /** Shown by clients as the calendar's name. */
  name: string;
  /** The entries. */
  events: CalendarEvent[];
  /** When the feed was made (DTSTAMP), epoch ms. */
  stamp: number;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped. */
export function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * One content line folded at 75 octets (RFC 5545 3.1): continuation lines start with a space, and no UTF-8
 * character is split between two lines.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ` ${char}`;
      octets = 1 + size;
    } else {
      current += char;
      octets += size;
    }
  }
  out.push(current);
  return out.join(CRLF);
}

/** The calendar as an RFC 5545 file: CRLF lines, folded, with a VTIMEZONE for every zone its entries use. */
export function writeCalendar(calendar: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Emcee//Chat calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ];
  for (const [zone, instants] of instantsByZone(calendar.events)) {
    const years = instants.map((at) => wallTimeAt(at, zone).year);
    lines.push(...vtimezoneLines(zone, Math.min(...years), Math.max(...years)));
  }
  for (const event of calendar.events) lines.push(...eventLines(event, calendar.stamp));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function eventLines(event: CalendarEvent, stamp: number): string[] {
  const zone = `TZID=${event.timeZone}`;
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcStamp(stamp)}`,
    `DTSTART;${zone}:${localStamp(event.start, event.timeZone)}`,
    `DTEND;${zone}:${localStamp(event.end, event.timeZone)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    ...(event.url ? [`URL:${event.url}`] : []),
    `SEQUENCE:${event.sequence}`,
    ...(event.lastModified !== undefined ? [`LAST-MODIFIED:${utcStamp(event.lastModified)}`] : []),
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

function instantsByZone(events: CalendarEvent[]): Map<string, number[]> {
  const zones = new Map<string, number[]>();
  for (const event of events) {
    const list = zones.get(event.timeZone) ?? [];
    list.push(event.start, event.end);
    zones.set(event.timeZone, list);
  }
  return zones;
}
