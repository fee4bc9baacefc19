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

/** People per chat as stacked bars, returning below and new on top, oldest chat first, each labelled. */
export function newVersusReturningChart(data: { label: string; newcomers: number; returning: number }[]): string {
  const width = 640;
  const height = 240;
  const pad = { left: 36, right: 12, top: 34, bottom: 32 };
  const max = Math.max(1, ...data.map((d) => d.newcomers + d.returning));
  const slot = (width - pad.left - pad.right) / Math.max(1, data.length);
  const scale = (n: number) => ((height - pad.top - pad.bottom) * n) / max;
  const bars = data
    .map((d, i) => {
      const x = pad.left + i * slot + slot * 0.15;
      const back = scale(d.returning);
      const fresh = scale(d.newcomers);
      const base = height - pad.bottom;
      const name = d.label.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
      const tip = `${name}: ${d.newcomers} new, ${d.returning} returning`;
      const rect = (cls: string, y: number, h: number) =>
        `<rect class="${cls}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" ` +
        `height="${h.toFixed(1)}"><title>${tip}</title></rect>`;
      const middle = (x + slot * 0.35).toFixed(1);
      // Every other label on a crowded axis, so the dates do not run into each other.
      const label =
        data.length <= 8 || i % 2 === data.length % 2 || i === data.length - 1
          ? `<text x="${middle}" y="${base + 16}" text-anchor="middle">${name}</text>`
          : '';
      return (
        `${rect('returning', base - back, back)}${rect('newcomer', base - back - fresh, fresh)}` +
        `<text x="${middle}" y="${(base - back - fresh - 4).toFixed(1)}" text-anchor="middle" class="value">` +
        `${d.newcomers + d.returning}</text>${label}`
      );
    })
    .join('');
  const legend =
    `<rect class="newcomer" x="${pad.left}" y="8" width="12" height="12"/>` +
    `<text x="${pad.left + 16}" y="18">new</text>` +
    `<rect class="returning" x="${pad.left + 60}" y="8" width="12" height="12"/>` +
    `<text x="${pad.left + 76}" y="18">returning</text>`;
  return svg(
    'attendance-chart',
    'New and returning people per chat',
    width,
    height,
    `${axis(pad, width, height)}${bars}${legend}`,
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
