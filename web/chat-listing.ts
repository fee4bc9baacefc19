import { html } from 'hono/html';
import { recapPath, seriesPath } from '../src/recap/recap-address.js';
import { localDate } from '../src/recap/recap-dates.js';
import { addToCalendarPath } from './chat-addresses.js';
import { formatDay, formatInZone } from '../src/time/format-time.js';
import type { Markup } from './page-layout.js';
import type { RecapEntry } from './recap-list.js';
import type { SeriesInfo } from './series-directory.js';
import type { UpcomingChat } from './upcoming-chats.js';

/** "Thu, Dec 3, 2026, 1:00 PM EST (America/New_York)": a time in the series' zone, the zone named. */
export function zonedTime(at: number, timeZone: string): Markup {
  return html`<time datetime="${new Date(at).toISOString()}">${formatInZone(at, timeZone)} (${timeZone})</time>`;
}

/** One chat ahead: when, which series (when asked), its topic and guests. */
export function upcomingItem(chat: UpcomingChat, showSeries: boolean): Markup {
  const guests = chat.guests.map((guest) => guest.name).join(', ');
  return html`<li><strong>${zonedTime(chat.at, chat.series.timezone)}</strong>
${showSeries ? html`<br><a href="${seriesPath(chat.series.id)}">${chat.series.title}</a>` : ''}
${chat.topic ? html`<br>Topic: ${chat.topic}` : ''}
${guests ? html`<br>Guest${chat.guests.length === 1 ? '' : 's'}: ${guests}` : ''}
<br><a href="${addToCalendarPath(chat.series.id, localDate(chat.at, chat.series.timezone))}">Add to calendar<span
class="visually-hidden"> (${chat.series.title}, ${formatDay(chat.at, chat.series.timezone)})</span></a></li>`;
}

/** One finished chat: its date and a link to its recap, with its topic and numbers. */
export function recapItem(entry: RecapEntry, series: SeriesInfo | undefined, showSeries: boolean): Markup {
  const { chat } = entry;
  const title = showSeries ? `${series?.title ?? chat.seriesId} · ` : '';
  const counts = `${plural(entry.answers, 'answer')} from ${plural(entry.participants, 'person', 'people')}`;
  const day = formatDay(chat.startedAt, chat.timezone);
  return html`<li><a href="${recapPath(chat.seriesId, chat.slug)}">${title}${day}</a>
${entry.topic ? html`<br>${entry.topic}` : ''}
<br><span class="muted">${counts}</span></li>`;
}

/** "1 answer", "3 answers". */
export function plural(n: number, one: string, other = `${one}s`): string {
  return `${n} ${n === 1 ? one : other}`;
}
