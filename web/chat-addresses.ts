/** A series' calendar: `/series/<id>.ics`. */
export function seriesCalendarPath(seriesId: string): string {
  return `/series/${encodeURIComponent(seriesId)}.ics`;
}

/** One chat's calendar entry, for an "Add to calendar" link: `/series/<id>/<YYYY-MM-DD>.ics`. */
export function addToCalendarPath(seriesId: string, localDate: string): string {
  return `/series/${encodeURIComponent(seriesId)}/${localDate}.ics`;
}
