import { html } from 'hono/html';
import type { CommandForm, CommandReply, FormField } from '../src/port.js';
import { commandFormHtml, type FormRendering } from './command-form-html.js';
import { consoleNav } from './console-nav.js';
import { type Markup, page } from './page-layout.js';
import { csrfField, type Viewer } from './viewer.js';

/** What the plan page shows. */
export interface PlanPageParts {
  /** Who is looking. */
  viewer: Viewer;
  /** The page's heading: "Plan" or "Edit a chat". */
  heading: string;
  /** A command's words about what was just done, and whether it went well. */
  notice?: { text: string; ok: boolean };
  /** Every series, for the picker (shown when there are several). */
  series: string[];
  /** The series being planned, if one is chosen. */
  chosen?: string;
  /** The form and how to show it; absent when there is none (the reply's text says why). */
  form?: { form: CommandForm; rendering: FormRendering; intro: string };
  /** Why there is no form (e.g. "Planning is not set up here."). */
  noForm?: string;
  /** The `episodes` command's reply: the upcoming chats with their buttons. */
  episodes?: CommandReply;
}

/** The console's plan page: a chat's form (new or edit) and the upcoming chats with Edit, Skip and Delete. */
export function planPage(parts: PlanPageParts): Markup {
  return page({
    title: parts.heading,
    viewer: parts.viewer,
    body: html`${consoleNav('plan')}
<h1>${parts.heading}</h1>
${
  parts.notice
    ? html`<p class="notice${parts.notice.ok ? '' : ' notice-bad'}" role="status">${parts.notice.text}</p>`
    : ''
}
<section aria-labelledby="plan-form-heading" class="plan-form">
<h2 id="plan-form-heading">${parts.form?.form.title ?? 'Plan a chat'}</h2>
${parts.series.length > 1 ? seriesPicker(parts.series, parts.chosen) : ''}
${parts.form ? formSection(parts.form) : ''}
${parts.noForm ? html`<p>${parts.noForm}</p>` : ''}
</section>
${parts.episodes ? episodeList(parts.episodes, parts.viewer) : ''}`,
  });
}

function formSection(form: NonNullable<PlanPageParts['form']>): Markup {
  return html`<p class="muted">${form.intro}</p>${commandFormHtml(form.form, form.rendering)}`;
}

function seriesPicker(series: string[], chosen: string | undefined): Markup {
  return html`<form class="series-picker" method="get" action="/console/plan">
<label for="plan-series">Series</label>
<select id="plan-series" name="series">${series.map(
    (id) => html`<option value="${id}"${id === chosen ? html` selected` : ''}>${id}</option>`,
  )}</select>
<button type="submit" class="secondary">Choose</button>
</form>`;
}

// The episodes command's own lines and buttons: Edit opens the form on its page, Skip and Delete act at once.
function episodeList(reply: CommandReply, viewer: Viewer): Markup {
  const items = reply.items ?? [];
  return html`<section aria-labelledby="episodes-heading">
<h2 id="episodes-heading">Upcoming chats</h2>
${
  items.length === 0
    ? html`<p>${reply.text}</p>`
    : html`<ul class="cards episode-list">${items.map(
        (item, index) => html`<li><span id="episode-${index}">${item.text}</span>
<div class="episode-actions">${item.actions.map((action) => {
          const edit = editPath(action.id);
          if (edit)
            return html`<a class="button secondary" href="${edit}" aria-describedby="episode-${index}">Edit</a>`;
          return html`<form class="inline" method="post" action="/console/plan/act">${csrfField(viewer)}
<input type="hidden" name="action" value="${action.id}">
<button type="submit" class="${action.style === 'danger' ? 'danger' : 'secondary'}"
 aria-describedby="episode-${index}">${action.label}</button></form>`;
        })}</div></li>`,
      )}</ul>`
}
</section>`;
}

/** "episodes:edit:weekly-chat:2026-12-03 13:00" → "/console/plan/weekly-chat/2026-12-03". */
export function editPath(actionId: string): string | undefined {
  const match = /^episodes:edit:([a-z0-9][a-z0-9-]*):(\d{4}-\d{2}-\d{2})/.exec(actionId);
  return match ? `/console/plan/${match[1]}/${match[2]}` : undefined;
}

/** The form with a `users` field's addresses shown as a host reads them. */
export function withShownPeople(form: CommandForm, shown: (addresses: string) => string): CommandForm {
  const fields = form.fields.map(
    (field): FormField =>
      field.kind === 'users' && field.initial ? { ...field, initial: shown(field.initial) } : field,
  );
  return { ...form, fields };
}
