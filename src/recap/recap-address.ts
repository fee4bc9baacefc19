/**
 * Where the website shows a series and each chat's recap. One scheme, here in the core, so the website's routes and
 * the links in posts and reminders agree: `/series/<id>` and `/recaps/<series>/<YYYY-MM-DD>` (the date in the
 * series' timezone; a second chat of the series on the same date is `<YYYY-MM-DD>-2`, a third `-3`).
 */

/** `/series/<id>`: a series' page. */
export function seriesPath(seriesId: string): string {
  return `/series/${encodeURIComponent(seriesId)}`;
}

/** `/recaps/<series>/<date>`: a chat's recap page; `dateSlug` is "2026-12-03" or "2026-12-03-2". */
export function recapPath(seriesId: string, dateSlug: string): string {
  return `/recaps/${encodeURIComponent(seriesId)}/${dateSlug}`;
}

/** The address of a chat among the series' chats of one local date: the first has none, the second "-2". */
export function dateSlug(localDate: string, nthThatDay: number): string {
  return nthThatDay <= 1 ? localDate : `${localDate}-${nthThatDay}`;
}

/** A full link from the public URL (EMCEE_PUBLIC_URL) and a path; undefined when no public URL is set. */
export function publicLink(publicUrl: string | undefined, path: string): string | undefined {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : undefined;
}
