/** Inline SVG charts for the HTML recap: no scripts, no external requests, readable at any width. */

/** A bar chart of answers per question. */
export function answersPerQuestionChart(data: { question: number; answers: number }[]): string {
  const width = 640;
  const height = 220;
  const pad = { left: 36, right: 12, top: 16, bottom: 32 };
  const max = Math.max(1, ...data.map((d) => d.answers));
  const slot = (width - pad.left - pad.right) / Math.max(1, data.length);
  const bars = data
    .map((d, i) => {
      const h = ((height - pad.top - pad.bottom) * d.answers) / max;
      const x = pad.left + i * slot + slot * 0.15;
      const y = height - pad.bottom - h;
      return (
        `<rect class="bar" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" ` +
        `height="${h.toFixed(1)}"><title>Q${d.question}: ${d.answers} ` +
        `${d.answers === 1 ? 'answer' : 'answers'}</title></rect>` +
        `<text x="${(x + slot * 0.35).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" ` +
        `class="value">${d.answers}</text>` +
        `<text x="${(x + slot * 0.35).toFixed(1)}" y="${height - pad.bottom + 16}" ` +
        `text-anchor="middle">Q${d.question}</text>`
      );
    })
    .join('');
  return svg('answers-chart', 'Answers per question', width, height, `${axis(pad, width, height)}${bars}`);
}

/** Messages per minute across the chat, with each question marked where it was asked. */
export function activityChart(perMinute: number[], markers: { label: string; minute: number }[]): string {
  const width = 640;
  const height = 220;
  const pad = { left: 36, right: 12, top: 22, bottom: 32 };
  const max = Math.max(1, ...perMinute);
  const step = (width - pad.left - pad.right) / Math.max(1, perMinute.length);
  const bars = perMinute
    .map((count, i) => {
      const h = ((height - pad.top - pad.bottom) * count) / max;
      return (
        `<rect class="minute" x="${(pad.left + i * step).toFixed(1)}" ` +
        `y="${(height - pad.bottom - h).toFixed(1)}" width="${Math.max(1, step - 1).toFixed(1)}" ` +
        `height="${h.toFixed(1)}"><title>minute ${i}: ${count} ${count === 1 ? 'message' : 'messages'}</title></rect>`
      );
    })
    .join('');
  const marks = markers
    .map((m) => {
      const x = (pad.left + m.minute * step).toFixed(1);
      return (
        `<line class="marker" x1="${x}" x2="${x}" y1="${pad.top - 4}" y2="${height - pad.bottom}"/><text ` +
        `x="${x}" y="${pad.top - 8}" text-anchor="middle" class="marker-label">${m.label}</text>`
      );
    })
    .join('');
  const ticks = [0, Math.floor(perMinute.length / 2), perMinute.length - 1]
    .filter((t, i, all) => t >= 0 && all.indexOf(t) === i)
    .map((t, i, all) => {
      const anchor = i === 0 ? 'start' : i === all.length - 1 ? 'end' : 'middle';
      return (
        `<text x="${(pad.left + t * step).toFixed(1)}" y="${height - pad.bottom + 16}" ` +
        `text-anchor="${anchor}">${t} min</text>`
      );
    })
    .join('');
  return svg(
    'activity-chart',
    'Messages per minute',
    width,
    height,
    `${axis(pad, width, height)}${bars}${marks}${ticks}`,
  );
}

/** One chat's bar in the attendance chart. */
export interface AttendanceBar {
  /** Under the bar, e.g. "Nov 19". */
  label: string;
  /** People new to the community. */
  new: number;
  /** People who had come before. */
  returning: number;
}

/** People per chat as stacked bars: returning people at the bottom, newcomers on top, with a legend. */
export function attendanceChart(bars: AttendanceBar[]): string {
  const width = 640;
  const height = 240;
  const pad = { left: 36, right: 12, top: 34, bottom: 32 };
  const max = Math.max(1, ...bars.map((b) => b.new + b.returning));
  const slot = (width - pad.left - pad.right) / Math.max(1, bars.length);
  const scale = (n: number) => ((height - pad.top - pad.bottom) * n) / max;
  const body = bars
    .map((b, i) => {
      const x = pad.left + i * slot + slot * 0.15;
      const w = (slot * 0.7).toFixed(1);
      const returningTop = height - pad.bottom - scale(b.returning);
      const newTop = returningTop - scale(b.new);
      const title = `${b.label}: ${b.new} new, ${b.returning} returning`;
      return (
        `<g><title>${title}</title>` +
        `<rect class="returning" x="${x.toFixed(1)}" y="${returningTop.toFixed(1)}" width="${w}" ` +
        `height="${scale(b.returning).toFixed(1)}"/>` +
        `<rect class="new" x="${x.toFixed(1)}" y="${newTop.toFixed(1)}" width="${w}" ` +
        `height="${scale(b.new).toFixed(1)}"/>` +
        `<text x="${(x + slot * 0.35).toFixed(1)}" y="${(newTop - 4).toFixed(1)}" text-anchor="middle" ` +
        `class="value">${b.new + b.returning}</text>` +
        `<text x="${(x + slot * 0.35).toFixed(1)}" y="${height - pad.bottom + 16}" ` +
        `text-anchor="middle">${b.label}</text></g>`
      );
    })
    .join('');
  const legend =
    `<rect class="returning" x="${pad.left}" y="8" width="12" height="12"/>` +
    `<text x="${pad.left + 16}" y="18">returning</text>` +
    `<rect class="new" x="${pad.left + 96}" y="8" width="12" height="12"/>` +
    `<text x="${pad.left + 112}" y="18">new</text>`;
  return svg(
    'attendance-chart',
    'People per chat, new and returning',
    width,
    height,
    `${axis(pad, width, height)}${legend}${body}`,
  );
}

function axis(
  pad: { left: number; bottom: number; top: number; right: number },
  width: number,
  height: number,
): string {
  return (
    `<line class="axis" x1="${pad.left}" x2="${width - pad.right}" y1="${height - pad.bottom}" ` +
    `y2="${height - pad.bottom}"/>`
  );
}

function svg(id: string, title: string, width: number, height: number, body: string): string {
  return (
    `<svg id="${id}" role="img" aria-label="${title}" viewBox="0 0 ${width} ${height}" ` +
    `xmlns="http://www.w3.org/2000/svg"><title>${title}</title>${body}</svg>`
  );
}
