/**
 * The site's one stylesheet, served from /assets/site.css (a strict CSP allows no inline styles). Plain CSS,
 * readable on a phone: nothing may be wider than the screen, and long unbroken text wraps.
 */
export const SITE_CSS = `
:root { --ink:#1f2330; --muted:#555c6b; --accent:#2f4fc4; --soft:#eef2ff; --line:#d5dae4; --bg:#fafbfd;
  --ok:#1e6b3a; --warn:#8a4b00; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: var(--bg); }
a { color: var(--accent); }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 6px 10px; z-index: 10; }
header.site { background: #fff; border-bottom: 1px solid var(--line); }
header.site nav { max-width: 960px; margin: 0 auto; padding: 10px 18px; display: flex; flex-wrap: wrap;
  gap: 6px 18px; align-items: center; }
header.site .brand { font-weight: 700; text-decoration: none; color: var(--ink); margin-right: auto; }
main { max-width: 960px; margin: 0 auto; padding: 20px 18px 64px; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.4em 0; }
h2 { font-size: 1.2rem; margin: 1.4em 0 0.5em; }
.muted { color: var(--muted); }
form.inline { display: inline; margin: 0; }
button, .button { font: inherit; padding: 6px 14px; border: 1px solid var(--accent); border-radius: 6px;
  background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
input, select, textarea { font: inherit; padding: 6px 8px; border: 1px solid #8a91a3; border-radius: 6px;
  max-width: 100%; }
textarea { width: 100%; min-height: 6em; }
label { display: block; font-weight: 600; margin: 0.8em 0 0.2em; }
.field-error { color: #a4161a; font-weight: 600; margin: 0.2em 0; }
.notice { background: var(--soft); border-left: 4px solid var(--accent); padding: 8px 12px; border-radius: 4px; }
ul.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: 10px; }
ul.cards > li { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
.table-wrap { overflow-x: auto; }
mark { background: #ffe58a; color: inherit; }
svg { max-width: 100%; height: auto; }
@media (max-width: 480px) { body { font-size: 15px; } main { padding: 14px 12px 48px; } }
/* Host console: navigation, Plan, Archive and People (web/console-nav.ts, web/plan-page.ts, console-*-routes.ts) */
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
/* Hidden text inside a wide table must stay inside its scrolling wrapper, not stretch the page. */
.table-wrap { position: relative; }
nav.console-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 6px; padding: 0; margin: 0 0 12px; }
nav.console-nav a { display: inline-block; padding: 4px 12px; border-radius: 6px; text-decoration: none;
  border: 1px solid var(--line); background: #fff; }
nav.console-nav a[aria-current="page"] { background: var(--accent); border-color: var(--accent); color: #fff; }
.command-form input[type="text"], .command-form input[type="datetime-local"] { width: 100%; max-width: 28em; }
.form-field .hint, .publish-switch .hint { color: var(--muted); margin: 0 0 0.3em; font-size: 0.95em; }
.form-field.has-error input, .form-field.has-error textarea { border-color: #a4161a; border-width: 2px; }
.form-errors { border-left: 4px solid #a4161a; background: #fff1f1; padding: 6px 12px; border-radius: 4px; }
.form-errors p { margin: 0; }
.optional { font-weight: 400; color: var(--muted); }
.notice-bad { border-left-color: #a4161a; background: #fff1f1; }
button.danger { background: #a4161a; border-color: #a4161a; }
.episode-list li { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; justify-content: space-between; }
.episode-actions { display: flex; flex-wrap: wrap; gap: 6px; }
.series-picker, .people-search, .community-picker { display: flex; flex-wrap: wrap; gap: 6px 10px;
  align-items: center; margin: 0.6em 0; }
.series-picker label, .people-search label, .community-picker label { margin: 0; }
.archive-series { border-top: 1px solid var(--line); margin-top: 1.4em; }
.state { font-weight: 700; padding: 1px 8px; border-radius: 10px; }
.state-public { background: #e3f4e8; color: var(--ok); }
.state-private { background: #f1f1f4; color: var(--ink); }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
table.people, .archive-series table { min-width: 34em; }
nav.pager { display: flex; gap: 14px; align-items: center; margin-top: 1em; }
/* Search page (web/search/search-page.ts) */
form.search .search-main input { width: 100%; }
form.search .search-filters { display: flex; flex-wrap: wrap; gap: 0 16px; }
form.search .search-filters > div { flex: 1 1 10rem; min-width: 0; }
form.search .search-filters input, form.search .search-filters select { width: 100%; }
ol.search-results { padding-left: 1.6em; }
ol.search-results > li { margin: 0 0 14px; }
ol.search-results .snippet { margin: 0 0 2px; white-space: pre-line; }
ol.search-results .muted { margin: 0; }
nav.pager { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; margin-top: 16px; }
/* The community's pages (home, series, recap: web/routes/home-, series- and recap-routes.ts). */
figure.attendance { margin: 8px 0 18px; }
figure.attendance svg { background: #fff; border: 1px solid var(--line); border-radius: 10px; width: 100%; }
figure.attendance figcaption { color: var(--muted); font-size: .9rem; }
svg text { font-size: 12px; fill: var(--muted); }
svg .axis { stroke: var(--line); }
svg .returning { fill: var(--accent); }
svg .new { fill: #e8590c; }
ul.recaps { padding-left: 18px; columns: 16em; }
ul.recaps li { break-inside: avoid; margin: 2px 0; }
.pager { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.crumbs { margin: 0 0 8px; }
a.jump { font-size: .85rem; white-space: nowrap; }
.downloads ul { display: flex; flex-wrap: wrap; gap: 8px 18px; padding-left: 18px; }

/* The host console: live (web/live/console-page.ts) */
.live-now { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 4px 14px 10px; }
.live-question { font-size: 1.1rem; font-weight: 600; margin: 0.2em 0; }
.countdown { font-variant-numeric: tabular-nums; font-weight: 700; font-size: 1.2rem; }
form.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; margin: 0 0 10px; }
form.controls label { margin: 0; flex-basis: 100%; }
form.controls input[type=number] { width: 6em; }
.control-reply { min-height: 1.55em; margin: 0.3em 0; }
.control-reply.ok { color: var(--ok); font-weight: 600; }
.control-reply.refused { color: var(--warn); font-weight: 600; }
ul.people { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 4px 8px; }
ul.people > li { background: var(--soft); border-radius: 12px; padding: 0 10px; }
.answer-group h3 { margin: 1em 0 0.2em; }
.question-text { margin: 0 0 0.4em; color: var(--muted); }
ol.answers { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; }
ol.answers > li { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; }
.answer .meta { margin: 0; font-size: 0.9rem; color: var(--muted); }
.answer .who { font-weight: 700; color: var(--ink); }
.answer .text { margin: 0.2em 0 0; white-space: pre-wrap; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 0.8rem; font-weight: 600; }
.badge.first { background: #e3f4e8; color: var(--ok); }
.badge.late { background: #fff1dc; color: var(--warn); }
.badge.host { background: var(--soft); color: var(--accent); }
/* Host console: Follow-ups (web/follow-ups-page.ts, web/routes/console-followups-routes.ts) */
.chat-picker { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin: 0.6em 0; }
.chat-picker label { margin: 0; }
.chat-picker select { min-width: 0; flex: 1 1 14em; }
h2.followups-chat { margin-top: 0.8em; }
section.followups h3 { font-size: 1.05rem; margin: 1.2em 0 0.4em; }
section.followups h3 .count { font-weight: 400; color: var(--muted); }
section.followups ul { padding-left: 1.2em; margin: 0; }
section.followups li { margin: 0.35em 0; }
.answer-label { font-weight: 700; font-variant-numeric: tabular-nums; }
q.said { font-style: italic; }
section.followups time { color: var(--muted); font-size: 0.95em; }
`;
