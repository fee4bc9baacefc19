/**
 * The live console's script, served from /assets/live-console.js (the CSP runs no inline script). It keeps the
 * server-rendered page current from the Server-Sent Events stream and posts the controls with fetch; without it
 * the page still shows everything as of its load, and the controls are plain forms. Participant text is only
 * ever set with textContent.
 */
export const LIVE_CONSOLE_JS = `(() => {
  'use strict';
  const root = document.querySelector('[data-live-channel]');
  if (!root) return;
  const channel = root.dataset.liveChannel;
  const sessionId = Number(root.dataset.sessionId);
  const $ = (selector, within) => (within || root).querySelector(selector);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---- countdown: the server's remaining time, ticked here at the chat clock's speed ----
  const countdown = $('[data-countdown]');
  let remaining = countdown.dataset.remainingMs === '' ? null : Number(countdown.dataset.remainingMs);
  let speed = Number(countdown.dataset.speed) || 1;
  let running = countdown.dataset.state === 'running';
  let since = performance.now();
  function countdownText(ms) {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = String(total % 60).padStart(2, '0');
    return hours > 0 ? hours + ':' + String(minutes).padStart(2, '0') + ':' + seconds : minutes + ':' + seconds;
  }
  function tick() {
    if (remaining === null) countdown.textContent = '\\u2013';
    else countdown.textContent = countdownText(running ? remaining - (performance.now() - since) * speed : remaining);
  }
  setInterval(tick, 500);

  // ---- answers, grouped by question, newest first, each shown once ----
  const shown = new Set([...root.querySelectorAll('li[data-address]')].map((li) => li.dataset.address));
  const groups = $('[data-groups]');
  function groupFor(question, text) {
    const key = question === null ? 'none' : String(question);
    let group = groups.querySelector('section[data-question="' + key + '"]');
    if (group) return group;
    group = el('section', 'answer-group');
    group.dataset.question = key;
    const heading = el('h3', '', question === null ? 'Other messages' : 'Q' + question);
    const count = el('span', 'muted');
    const number = el('span', '', '0');
    number.dataset.groupCount = '';
    count.append(' (', number, ')');
    heading.append(' ', count);
    group.append(heading);
    if (text) group.append(el('p', 'question-text', text));
    const list = el('ol', 'answers');
    list.dataset.answers = '';
    group.append(list);
    // Latest question first, messages that answer none last.
    const later = [...groups.children].find((other) => {
      const q = other.dataset.question;
      return q === 'none' || (question !== null && Number(q) < question);
    });
    groups.insertBefore(group, later || null);
    return group;
  }
  function answerItem(a) {
    const li = el('li', 'answer');
    li.dataset.address = a.address;
    li.dataset.authorId = a.authorId;
    const meta = el('p', 'meta');
    const time = el('time', '', a.when);
    time.dateTime = a.iso;
    meta.append(el('span', 'who', a.who), ' ', time);
    if (a.firstTime) {
      const badge = el('span', 'badge first', 'First time, ');
      const welcomed = el('span', '', a.welcomed ? 'welcomed' : 'not welcomed yet');
      welcomed.dataset.welcomed = '';
      badge.append(welcomed);
      meta.append(' ', badge);
    }
    if (a.late) meta.append(' ', el('span', 'badge late', 'Late'));
    if (a.fromHost) meta.append(' ', el('span', 'badge host', 'Host'));
    if (a.link && /^https?:\\/\\//.test(a.link)) {
      const link = el('a', '', 'Jump to the message');
      link.href = a.link;
      meta.append(' ', link);
    }
    li.append(meta, el('p', 'text', a.text));
    return li;
  }
  function addParticipant(a) {
    if (a.fromHost) return;
    const list = $('[data-participants]');
    if ([...list.children].some((li) => li.dataset.authorId === a.authorId)) return;
    const li = el('li', '', a.who);
    li.dataset.authorId = a.authorId;
    list.append(li);
    $('[data-participant-count]').textContent = String(list.children.length);
  }
  function addAnswer(a) {
    if (shown.has(a.address)) return;
    shown.add(a.address);
    const group = groupFor(a.question);
    $('[data-answers]', group).prepend(answerItem(a));
    const count = $('[data-group-count]', group);
    count.textContent = String(Number(count.textContent) + 1);
    addParticipant(a);
  }
  function markWelcomed(authorId) {
    for (const li of root.querySelectorAll('li[data-address]')) {
      const welcomed = li.dataset.authorId === authorId && li.querySelector('[data-welcomed]');
      if (welcomed) welcomed.textContent = 'welcomed';
    }
  }
  function showStep(step) {
    $('[data-step-label]').textContent = step.label;
    $('[data-step-text]').textContent = step.questionText || '';
    $('[data-step-state]').textContent = step.state === 'paused' ? '(paused)' : '';
    remaining = step.timeLeftMs;
    speed = step.clockSpeed || 1;
    running = step.state === 'running';
    since = performance.now();
    tick();
    if (step.questionText) groupFor(step.openQuestion, step.questionText);
  }

  // ---- the stream ----
  const address = '/console/live/events?channel=' + encodeURIComponent(channel) +
    '&after=' + encodeURIComponent(root.dataset.lastEventId || '');
  const events = new EventSource(address);
  const status = $('[data-live-status]');
  events.addEventListener('open', () => {
    root.dataset.connected = 'yes';
    status.textContent = 'Newest first; new answers appear as they arrive.';
  });
  events.addEventListener('error', () => {
    root.dataset.connected = 'no';
    status.textContent = 'Reconnecting to the chat\u2026';
  });
  const data = (event) => JSON.parse(event.data);
  const sameChat = (payload) => {
    // A new chat in this channel: the page is rendered afresh for it.
    if (payload.sessionId === sessionId) return true;
    events.close();
    location.reload();
    return false;
  };
  events.addEventListener('message', (event) => {
    const payload = data(event);
    if (sameChat(payload)) addAnswer(payload);
  });
  events.addEventListener('welcomed', (event) => {
    const payload = data(event);
    if (payload.sessionId === sessionId) markWelcomed(payload.authorId);
  });
  events.addEventListener('step', (event) => {
    const payload = data(event);
    if (sameChat(payload)) showStep(payload);
  });
  events.addEventListener('reload', () => {
    events.close();
    location.reload();
  });
  events.addEventListener('bye', () => {
    events.close();
    root.dataset.connected = 'no';
    status.textContent = 'Emcee stopped, so this page no longer updates. Reload it once Emcee runs again.';
  });

  // ---- controls: posted in the background, the reply shown in place ----
  const reply = $('[data-control-reply]');
  for (const form of root.querySelectorAll('form[data-control]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const body = new URLSearchParams(new FormData(form));
      if (event.submitter && event.submitter.name) body.set(event.submitter.name, event.submitter.value);
      reply.textContent = 'Sending\\u2026';
      reply.className = 'control-reply';
      fetch(form.action, { method: 'POST', body, headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
        .then((answer) => {
          reply.textContent = answer.text;
          reply.className = 'control-reply ' + (answer.ok ? 'ok' : 'refused');
        })
        .catch(() => {
          reply.textContent = 'That did not reach the server. Reload the page and try again.';
          reply.className = 'control-reply refused';
        });
    });
  }
})();
`;
