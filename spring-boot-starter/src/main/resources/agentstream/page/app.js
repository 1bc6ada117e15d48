// agentstream live run page: plain JS + EventSource, no dependencies, loaded as an ES module.
// The run's state comes from the client reducer module (clients/js/agentstream.js, served at
// /js/agentstream.js; the Java twin is io.agentstream.protocol.RunView), which applies events
// exactly as docs/protocol.md says. The DOM is always rendered from that state, never appended to
// blindly, so reconnects and rewinds cannot duplicate text. What only the page needs (the agent's
// name, the answer timeout, when a step was rewound) is noted here from the events themselves.
import { createRunView, EVENT_TYPES, FINISHED_STEP_STATUSES, isTerminal } from '/js/agentstream.js';

const ACTIVE = new Set(['RUNNING', 'WAITING_FOR_INPUT']);
const RUN_LABELS = { RUNNING: 'Running', WAITING_FOR_INPUT: 'Waiting for your answers', COMPLETED: 'Completed',
  FAILED: 'Failed', CANCELLED: 'Cancelled' };
const STEP_LABELS = { PENDING: 'pending', RUNNING: 'running', RETRYING: 'retrying', COMPLETED: 'done',
  CUT_SHORT: 'cut short', SKIPPED: 'skipped', FAILED: 'failed', CANCELLED: 'cancelled' };
const REWIND_HIGHLIGHT_MS = 5000;
const BACK_NOTICE_MS = 4000;

const $ = (selector, root = document) => root.querySelector(selector);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  children.flat().forEach(c => c != null && node.append(c));
  return node;
};

// ---- page state -----------------------------------------------------------------------------

let view = null;
let source = null;
let reconnectTimer = null;
let backTimer = null;
let lostSince = 0;
let retryDelay = 1000;
let answeredKey = null;
let finishRequested = false;
let lastUpdate = null;
let startedAt = null;
let endedAt = null;
let connectAttempt = 0;
const KEY_STORAGE = 'agentstream.apiKey';
const stats = { connections: 0, snapshots: 0, resyncs: 0, lastUrl: null };
// Until GET /api/agents answers: the two agents the page's HTML lists. Every agent's label and
// example come from the server (AgentDefinition), so a new agent needs no page edit.
const agents = new Map(Object.entries({
  'trip-planner': { name: 'trip-planner', inputField: 'request', description: '', example: 'Plan a 5-day trip to Hawaii' },
  'question-answer': { name: 'question-answer', inputField: 'question', description: '', example: 'Why is the sea salty?' },
}));

// ---- the open run -------------------------------------------------------------------------------

/**
 * The run on the page: its reducer, plus what only the page keeps. `reasoningOpen` holds, per step
 * id, whether the reader opened (true) or closed (false) that step's reasoning block themselves.
 */
function newView(runId) {
  return { runId, run: createRunView(), state: null, agent: null, timeoutSeconds: null, rewoundAt: new Map(),
    reasoningOpen: new Map() };
}

/** The reducer's state as of the last event; computed once per batch of events, when something reads it. */
function state() {
  if (!view.state) view.state = view.run.state();
  return view.state;
}

/**
 * Applies one stream event and notes the page-only facts it carries. A rewind is detected by its
 * type and confirmed by the state after it (the reducer ignores a stale or late one).
 */
function apply(type, data) {
  const outcome = view.run.apply(type, data);
  view.state = null;
  if (outcome !== 'ok') return outcome;
  if (type === 'snapshot' || type === 'run.started') view.agent = data.snapshot.agent;
  if (type === 'questions') view.timeoutSeconds = data.timeoutSeconds ?? null;
  if (type === 'step.rewind') {
    const step = state().steps.find(s => s.id === data.step);
    if (step && step.status === 'RUNNING' && step.attempt === data.attempt) view.rewoundAt.set(step.id, Date.now());
  }
  return outcome;
}

// ---- the live connection ----------------------------------------------------------------------

/**
 * Opens the event stream; with an id it resumes right after it, without one it starts from a snapshot.
 * EventSource cannot send an Authorization header: with a key, the stream's address carries a
 * short-lived stream token for this run instead (an expired one fails the browser's own reconnect,
 * and the resume path comes back here for a fresh one).
 */
async function connect(lastEventId) {
  closeStream();
  const attempt = ++connectAttempt;
  const runId = view.runId;
  let url = `/api/runs/${encodeURIComponent(runId)}/events`
    + (lastEventId != null ? `?lastEventId=${encodeURIComponent(lastEventId)}` : '');
  if (apiKey()) {
    let token = null;
    try {
      const { status, body } = await api('POST', `/api/runs/${encodeURIComponent(runId)}/stream-token`);
      if (status === 200) token = body.token;
    } catch (e) {
      // network down: the stream fails too, and its error path retries
    }
    if (attempt !== connectAttempt || !view || view.runId !== runId) return;
    if (token) url += (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token);
  }
  const es = new EventSource(url);
  source = es;
  stats.connections++;
  stats.lastUrl = url;
  EVENT_TYPES.forEach(type => es.addEventListener(type, message => onMessage(es, runId, type, message)));
  es.onopen = () => {
    if (es !== source) return;
    retryDelay = 1000;
    if (lostSince) showNotice('back');
  };
  es.onerror = () => {
    if (es !== source) return;
    if (view && isTerminal(state().status)) {
      closeStream();
      return;
    }
    if (es.readyState === EventSource.CLOSED) {
      // The browser gave up (an HTTP error, or 204: the run is over). Find out which, then resume.
      connectionLost(retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10000);
    } else {
      showNotice('lost'); // the browser reconnects by itself, sending Last-Event-ID
    }
  };
}

function closeStream() {
  if (source) {
    source.close();
    source = null;
  }
  clearTimeout(reconnectTimer);
  reconnectTimer = null;
}

/** The stream is gone: say so, then after a delay resume after the last event applied. */
function connectionLost(delayMs) {
  closeStream();
  showNotice('lost');
  const runId = view.runId;
  reconnectTimer = setTimeout(() => resume(runId), delayMs);
}

async function resume(runId) {
  if (!view || view.runId !== runId) return;
  try {
    const { status, body } = await api('GET', `/api/runs/${encodeURIComponent(runId)}`);
    if (!view || view.runId !== runId) return;
    if (status === 404) {
      showNotice('');
      showRunError('Run not found.');
      return;
    }
    if (status === 200 && isTerminal(body.status)) {
      // Over while we were away: the snapshot is the whole truth.
      stats.snapshots++;
      apply('snapshot', { runId, seq: body.lastEventId, type: 'snapshot', snapshot: body });
      lastUpdate = Date.now();
      showNotice('');
      render();
      return;
    }
  } catch (e) {
    // network still down: try the stream anyway, its error path comes back here
  }
  connect(state().lastEventId);
}

function onMessage(es, runId, type, message) {
  if (es !== source || !view || view.runId !== runId) return;
  let data;
  try {
    data = JSON.parse(message.data);
  } catch (e) {
    return;
  }
  if (type === 'snapshot') stats.snapshots++;
  if (apply(type, data) === 'resync') {
    // The view missed something: start over from a fresh snapshot (a new stream without an id).
    stats.resyncs++;
    connect(null);
    return;
  }
  lastUpdate = Date.now();
  if (lostSince && type !== 'snapshot') showNotice('back');
  if (type === 'run.status') loadRecent();
  if (type === 'run.completed' || type === 'run.failed' || type === 'run.cancelled') {
    endedAt = data.ts || Date.now();
    closeStream();
    loadRecent();
  } else if (type === 'snapshot' && isTerminal(state().status)) {
    loadRecent();
  }
  schedule();
}

// ---- debug hook (tests, demos) ----------------------------------------------------------------

window.agentstream = {
  /** Drops the live connection as if the network went away; it comes back after about a second. */
  dropConnection() {
    if (!source) return false;
    connectionLost(1000);
    return true;
  },
  info() {
    return { runId: view && view.runId, status: view && state().status, lastEventId: view && state().lastEventId,
      connected: !!source && source.readyState === EventSource.OPEN, ...stats };
  },
};

// ---- rendering --------------------------------------------------------------------------------

let renderQueued = false;
function schedule() {
  if (renderQueued) return;
  renderQueued = true;
  setTimeout(() => {
    renderQueued = false;
    render();
  }, 25);
}

function render() {
  if (!view) return;
  const { status, error } = state();
  $('#run-title').textContent = (view.agent ? view.agent + ' · ' : '') + view.runId;
  const runStatus = $('#run-status');
  runStatus.dataset.status = status || '';
  runStatus.textContent = RUN_LABELS[status] || (status ? status : 'Connecting…');
  const active = ACTIVE.has(status);
  $('#finish-now').disabled = !active || finishRequested;
  $('#cancel').disabled = !active;
  renderClock();
  renderTokens();
  renderQuestions();
  renderTimeline();
  renderResult();
  const runError = $('#run-error');
  if (status === 'FAILED' && error) showRunError('The run failed: ' + error);
  else if (runError.dataset.sticky !== 'true') runError.hidden = true;
}

function renderClock() {
  const elapsed = $('#elapsed');
  if (!view || startedAt == null) {
    elapsed.textContent = '—';
  } else {
    const end = isTerminal(state().status) ? (endedAt || Date.now()) : Date.now();
    elapsed.textContent = duration(Math.max(0, end - startedAt));
  }
  $('#last-update').textContent = lastUpdate ? new Date(lastUpdate).toLocaleTimeString() : '—';
}

/** The run's token count in the header: input + output, and the budget when the run has one. */
function renderTokens() {
  const { usage, tokenBudget, stopReason } = state();
  const used = usage ? usage.inputTokens + usage.outputTokens : 0;
  const tokens = $('#tokens');
  let text = used || tokenBudget ? used.toLocaleString() : '—';
  if (tokenBudget) text += ' of ' + tokenBudget.toLocaleString();
  if (stopReason === 'TOKEN_BUDGET') text += ' (budget used up)';
  if (tokens.textContent !== text) tokens.textContent = text;
  tokens.title = usage
    ? `${usage.inputTokens.toLocaleString()} input + ${usage.outputTokens.toLocaleString()} output tokens the model reported`
    : 'input + output tokens the model reported';
}

/** A finished step's tokens, small in its header; nothing while it runs or when it used none. */
function tokensOf(step) {
  const u = step.usage;
  if (!u || !(u.inputTokens || u.outputTokens)) return '';
  return `${(u.inputTokens + u.outputTokens).toLocaleString()} tokens`;
}

function duration(ms) {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return m ? `${h}h ${m}m` : `${h}h`;
}

function renderQuestions() {
  const box = $('#questions');
  const { questions, status } = state();
  const key = questions.map(q => q.id).join('\u0000');
  const show = status === 'WAITING_FOR_INPUT' && questions.length > 0 && answeredKey !== key;
  if (!show) {
    if (!box.hidden) {
      box.hidden = true;
      box.replaceChildren();
      delete box.dataset.key;
    }
    return;
  }
  if (box.dataset.key === key) return; // keep what the person is typing
  box.dataset.key = key;
  const form = el('form', { id: 'questions-form', class: 'card questions', 'aria-labelledby': 'questions-title' },
    el('h2', { id: 'questions-title', text: 'A few questions first' }),
    el('p', { class: 'muted', text: 'Leave a field empty to go with the suggestion shown.'
      + (view.timeoutSeconds ? ` Unanswered after ${duration(view.timeoutSeconds * 1000)}, the suggestions are used.` : '') }),
    questions.map(q => el('div', { class: 'question' },
      el('label', { for: 'answer-' + q.id, text: q.text }),
      el('input', { id: 'answer-' + q.id, name: q.id, type: 'text', placeholder: q.defaultAnswer || '',
        'data-question': q.id }))),
    el('div', { class: 'row' },
      el('button', { id: 'send-answers', type: 'submit', class: 'primary', text: 'Send' }),
      el('span', { class: 'error', role: 'alert' })));
  form.addEventListener('submit', event => {
    event.preventDefault();
    sendAnswers(form, questions, key);
  });
  box.replaceChildren(form);
  box.hidden = false;
  const focused = document.activeElement;
  if (!focused || focused === document.body || focused.id === 'submit') $('input', form).focus();
}

async function sendAnswers(form, questions, key) {
  const answers = {};
  for (const q of questions) {
    const input = form.elements[q.id];
    answers[q.id] = (input && input.value.trim()) || q.defaultAnswer || 'No preference';
  }
  const button = $('#send-answers', form);
  const error = $('.error', form);
  button.disabled = true;
  error.textContent = '';
  try {
    const { status, body } = await api('POST', `/api/runs/${encodeURIComponent(view.runId)}/answers`, { answers });
    if (status === 200 || status === 409) {
      answeredKey = key;
      render();
      return;
    }
    error.textContent = problem(body, status);
  } catch (e) {
    error.textContent = 'Could not send the answers: ' + e.message;
  }
  button.disabled = false;
}

const stepEls = new Map();
let timelineKey = null;

function groupOf(id) {
  const dash = id.indexOf('-');
  return dash > 0 ? id.slice(0, dash) : id;
}

function renderTimeline() {
  const { steps } = state();
  const ids = steps.map(s => s.id);
  const key = ids.join('\u0000');
  if (key !== timelineKey) {
    timelineKey = key;
    // Steps that share a prefix (research-restaurants, research-attractions) run side by side.
    const rows = [];
    for (const id of ids) {
      const last = rows[rows.length - 1];
      if (last && groupOf(last[0]) === groupOf(id) && groupOf(id) !== id) last.push(id);
      else rows.push([id]);
    }
    $('#timeline').replaceChildren(...rows.map(row =>
      el('li', { class: 'step-row' + (row.length > 1 ? ' parallel' : ''), 'data-row': groupOf(row[0]) },
        row.map(id => stepElement(id)))));
  }
  for (const step of steps) renderStep(step);
}

function stepElement(id) {
  let node = stepEls.get(id);
  if (!node) {
    const text = el('div', { class: 'text', 'aria-live': 'polite', 'aria-atomic': 'false' });
    text.append(document.createTextNode(''));
    node = el('article', { class: 'step', 'data-step': id },
      el('header', {},
        el('span', { class: 'dot', 'aria-hidden': 'true' }),
        el('h3', { class: 'title' }),
        el('span', { class: 'badge status' }),
        el('span', { class: 'badge attempt', hidden: true }),
        el('span', { class: 'tokens', hidden: true })),
      el('p', { class: 'progress', hidden: true }),
      el('p', { class: 'notice', hidden: true }),
      el('div', { class: 'tool-calls' }),
      text,
      el('div', { class: 'places' }));
    stepEls.set(id, node);
  }
  return node;
}

function renderStep(step) {
  const node = stepElement(step.id);
  const set = (selector, value) => {
    const target = $(selector, node);
    if (target.textContent !== (value || '')) target.textContent = value || '';
    target.hidden = !value;
  };
  node.dataset.status = step.status;
  node.dataset.attempt = String(step.attempt);
  const title = $('.title', node);
  if (title.textContent !== step.title) title.textContent = step.title;
  set('.status', STEP_LABELS[step.status] || step.status);
  set('.attempt', step.attempt > 1 ? `attempt ${step.attempt}` : '');
  set('.tokens', tokensOf(step));
  if (step.usage) $('.tokens', node).title = `${step.usage.inputTokens} input + ${step.usage.outputTokens} output tokens, every attempt included`;

  const live = step.status === 'RUNNING' || step.status === 'RETRYING';
  const p = step.progress;
  set('.progress', live && p && p.message
    ? p.message + (p.total != null ? ` · ${p.done ?? 0}/${p.total}` : '') : '');

  const rewoundAt = view.rewoundAt.get(step.id);
  const rewound = rewoundAt && Date.now() - rewoundAt < REWIND_HIGHLIGHT_MS && live;
  node.classList.toggle('rewound', !!rewound);
  if (rewound) {
    node.dataset.rewound = 'true';
    if (node.dataset.rewoundAt !== String(rewoundAt)) {
      node.dataset.rewoundAt = String(rewoundAt);
      setTimeout(schedule, REWIND_HIGHLIGHT_MS + 50); // to end the highlight
    }
  } else {
    delete node.dataset.rewound;
  }
  let notice = '';
  if (step.status === 'RETRYING') {
    notice = `Attempt ${step.attempt || 1} failed (${step.error || 'error'}); retrying as attempt ${(step.attempt || 1) + 1}…`;
  } else if (rewound) {
    notice = `Resumed from checkpoint (attempt ${step.attempt}): continuing from the last saved point.`;
  } else if (step.status === 'CUT_SHORT') {
    notice = state().stopReason === 'TOKEN_BUDGET'
      ? 'Cut short: the run used its token budget. Kept what it had.'
      : 'Cut short by “Finish now”: kept what it had.';
  } else if (step.status === 'SKIPPED') {
    notice = state().stopReason === 'TOKEN_BUDGET' ? 'Skipped: the run used its token budget.' : 'Skipped by “Finish now”.';
  } else if (step.status === 'FAILED') {
    notice = 'Failed: ' + (step.error || 'unknown error');
  }
  set('.notice', notice);

  // The text is re-rendered from state: append when it only grew, replace otherwise.
  const textEl = $('.text', node);
  let textNode = textEl.firstChild;
  if (!textNode || textNode.nodeType !== Node.TEXT_NODE || textEl.childNodes.length !== 1) {
    textEl.replaceChildren(textNode = document.createTextNode(''));
  }
  const shown = textNode.data;
  if (shown !== step.text) {
    if (step.text.length > shown.length && step.text.startsWith(shown)) textNode.appendData(step.text.slice(shown.length));
    else textNode.data = step.text;
  }
  // Steps that find items (places) also write notes; once done, the cards say it all.
  const notes = step.items.length > 0;
  textEl.classList.toggle('notes', notes);
  textEl.hidden = !step.text || (notes && FINISHED_STEP_STATUSES.includes(step.status));
  if (notes && !textEl.hidden && shown !== step.text) textEl.scrollTop = textEl.scrollHeight; // follow the newest line
  renderItems($('.places', node), step.items);
  renderToolCalls($('.tool-calls', node), step.toolCalls ?? []);
  renderReasoning(node, step);
}

/**
 * What a reasoning model writes while it thinks, as a muted disclosure in its step above the
 * step's text (and its tool calls): there only while the step runs and has reasoning (the reducer
 * empties it once the step has finished), open unless the reader closed it. The reader's choice is
 * kept per step id, so neither a re-render nor the block coming back (a rewind, a later model
 * call) reopens one they closed.
 */
function renderReasoning(node, step) {
  let box = $('details.reasoning', node);
  const reasoning = !FINISHED_STEP_STATUSES.includes(step.status) ? step.reasoning || '' : '';
  if (!reasoning) {
    if (box) box.remove();
    return;
  }
  const choices = view.reasoningOpen;
  if (!box) {
    box = el('details', { class: 'reasoning', 'data-reasoning-of': step.id },
      el('summary', { text: 'Thinking…' }),
      el('div', { class: 'reasoning-text' }));
    // A toggle the page did not ask for is the reader's: remember it for this step. A click on the
    // summary (keyboard included) is noted at once, so a render before the toggle event keeps it.
    $('summary', box).addEventListener('click', () => {
      box.pageOpen = !box.open;
      choices.set(step.id, box.pageOpen);
    });
    box.addEventListener('toggle', () => {
      if (box.open !== box.pageOpen) choices.set(step.id, box.open);
    });
    node.insertBefore(box, $('.tool-calls', node));
  }
  const open = choices.get(step.id) ?? true;
  box.pageOpen = open;
  if (box.open !== open) box.open = open;

  // Like the step's text: append when it only grew, replace otherwise; follow the newest line
  // unless the reader has scrolled up to read.
  const textEl = $('.reasoning-text', box);
  let textNode = textEl.firstChild;
  if (!textNode || textNode.nodeType !== Node.TEXT_NODE || textEl.childNodes.length !== 1) {
    textEl.replaceChildren(textNode = document.createTextNode(''));
  }
  const shown = textNode.data;
  if (shown === reasoning) return;
  const following = textEl.scrollHeight - textEl.scrollTop - textEl.clientHeight < 24;
  if (reasoning.length > shown.length && reasoning.startsWith(shown)) textNode.appendData(reasoning.slice(shown.length));
  else textNode.data = reasoning;
  if (following) textEl.scrollTop = textEl.scrollHeight;
}

/**
 * Each tool call as a disclosure in its step: name, arguments and the result's summary on one
 * line; open while the call runs (its arguments grow as the model streams them), collapsed once it
 * has its result. A reader who opens or closes one keeps it that way until its status changes.
 */
function renderToolCalls(box, calls) {
  while (box.children.length > calls.length) box.lastElementChild.remove();
  calls.forEach((call, index) => {
    const json = JSON.stringify(call);
    let row = box.children[index];
    if (row && row.dataset.json === json) return;
    if (!row || row.dataset.callId !== String(call.callId)) {
      const fresh = el('details', { class: 'tool-call', 'data-index': index, 'data-call-id': String(call.callId) },
        el('summary', {},
          el('span', { class: 'tool-name' }),
          el('code', { class: 'tool-args' }),
          el('span', { class: 'tool-result' })),
        el('pre', { class: 'tool-data' }));
      if (row) row.replaceWith(fresh);
      else box.append(fresh);
      row = fresh;
    }
    row.dataset.json = json;
    if (row.dataset.status !== call.status) {
      row.dataset.status = call.status;
      row.open = call.status === 'RUNNING';
    }
    $('.tool-name', row).textContent = call.name || 'tool';
    $('.tool-args', row).textContent = call.arguments || '…';
    $('.tool-result', row).textContent = call.status === 'RUNNING' ? ' … running'
      : call.status === 'FAILED' ? ' → failed: ' + (call.error || 'error')
        : ' → ' + (call.summary || 'done');
    $('.tool-data', row).textContent = call.data == null ? '' : JSON.stringify(call.data, null, 2);
  });
}

function renderItems(box, items) {
  while (box.children.length > items.length) box.lastElementChild.remove();
  items.forEach((item, index) => {
    const json = JSON.stringify(item);
    let card = box.children[index];
    if (card && card.dataset.json === json) return;
    const fresh = itemCard(item, index);
    fresh.dataset.json = json;
    if (card) card.replaceWith(fresh);
    else box.append(fresh);
  });
}

function itemCard(item, index) {
  if (!item || typeof item !== 'object') {
    return el('div', { class: 'item-card', 'data-index': index, text: String(item) });
  }
  if (item.documentId) { // a deep-research source, indexed document or numbered reference
    const head = (item.n ? `[${item.n}] ` : '') + (item.title || item.documentId);
    const meta = [item.section, item.documentId,
      typeof item.score === 'number' ? 'score ' + item.score.toFixed(3) : null,
      item.total ? `${item.done}/${item.total}` + (item.embedded === false ? ' · loaded' : '') : null]
      .filter(Boolean).join(' · ');
    return el('div', { class: 'item-card source-item', 'data-index': index },
      el('h4', { text: head }),
      meta && el('p', { class: 'meta', text: meta }),
      item.excerpt && el('p', { class: 'desc', text: item.excerpt }));
  }
  if (!item.name && item.text) { // a clarifying question
    return el('div', { class: 'item-card question-item', 'data-index': index },
      el('span', { text: item.text }),
      item.defaultAnswer && el('span', { class: 'default', text: ' — suggested: ' + item.defaultAnswer }));
  }
  const meta = [item.category, item.island, item.area, item.destination].filter(Boolean).join(' · ');
  return el('div', { class: 'place-card' + (item.rationale ? ' ranked' : ''), 'data-index': index,
    'data-place-id': item.id || null },
  el('h4', { text: item.name || item.title || item.id || `Item ${index + 1}` }),
  meta && el('p', { class: 'meta', text: meta }),
  item.description && el('p', { class: 'desc', text: item.description }),
  item.rationale
    ? el('p', { class: 'rationale', text: item.rationale })
    : el('p', { class: 'rationale pending', text: 'Weighing it up…' }));
}

let resultKey = null;
function renderResult() {
  const box = $('#result');
  const { status, result: completed, steps } = state();
  const result = status === 'COMPLETED' ? completed : null;
  const key = result == null ? null : JSON.stringify(result);
  if (key === resultKey) return;
  resultKey = key;
  if (result == null) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const title = id => (steps.find(s => s.id === id) || {}).title || id;
  const parts = [el('h2', { text: 'Result' })];
  if (state().stopReason === 'TOKEN_BUDGET') parts.push(el('p', { class: 'note budget', text: 'Stopped early: the run used its token budget.' }));
  if (typeof result !== 'object') {
    parts.push(el('p', { class: 'prose', text: String(result) }));
  } else if ('itinerary' in result) {
    const cut = result.cutShortSteps || [];
    const skipped = result.skippedSteps || [];
    if (cut.length) parts.push(el('p', { class: 'note cut-short', text: 'Finished early — cut short: ' + cut.map(title).join(', ') + '.' }));
    if (skipped.length) parts.push(el('p', { class: 'note skipped', text: 'Skipped: ' + skipped.map(title).join(', ') + '.' }));
    parts.push(el('h3', { text: 'Summary' }), prose(result.summary, 'summary'));
    parts.push(el('h3', { text: 'Itinerary' }), prose(result.itinerary, 'itinerary', /^Day \d+:/gm));
    const places = (label, list, cls) => list && list.length ? [el('h3', { text: label }),
      el('ul', { class: 'chosen ' + cls }, list.map(p => el('li', {},
        el('strong', { text: p.name }), [p.island, p.area].filter(Boolean).length ? ` (${[p.island, p.area].filter(Boolean).join(', ')})` : '',
        p.rationale ? ' — ' + p.rationale : '')))] : [];
    parts.push(...places('Where to eat', result.restaurants, 'restaurants'));
    parts.push(...places('What to see', result.attractions, 'attractions'));
    const answers = Object.entries(result.answers || {});
    if (answers.length) {
      parts.push(el('details', {}, el('summary', { text: 'Your answers' }),
        el('dl', {}, answers.map(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]))));
    }
  } else if ('report' in result) {
    const cut = result.cutShortSteps || [];
    if (cut.length) parts.push(el('p', { class: 'note cut-short', text: 'Finished early — cut short: ' + cut.map(title).join(', ') + '.' }));
    parts.push(el('h3', { text: 'Summary' }), prose(result.summary, 'summary'));
    parts.push(el('h3', { text: 'Report' }), prose(result.report, 'report'));
    if ((result.sources || []).length) {
      parts.push(el('h3', { text: 'Sources' }), el('ol', { class: 'sources' }, result.sources.map(s =>
        el('li', {}, el('strong', { text: s.title || s.documentId }), ` — ${s.section} (${s.documentId})`))));
    }
  } else if ('answer' in result) {
    if (result.cutShort) parts.push(el('p', { class: 'note cut-short', text: 'Finished early — the answer was cut short.' }));
    if (result.question) parts.push(el('p', { class: 'muted', text: 'Q: ' + result.question }));
    parts.push(prose(result.answer, 'answer'));
  } else {
    parts.push(el('pre', { text: JSON.stringify(result, null, 2) }));
  }
  box.replaceChildren(...parts);
  box.hidden = false;
}

/** Text shown exactly as written (its textContent equals the source), with headings like "Day 1:" bold. */
function prose(text, field, bold) {
  const node = el('div', { class: 'prose', 'data-field': field });
  text = text || '';
  if (!bold) {
    node.textContent = text;
    return node;
  }
  let at = 0;
  for (const m of text.matchAll(bold)) {
    node.append(text.slice(at, m.index), el('strong', { text: m[0] }));
    at = m.index + m[0].length;
  }
  node.append(text.slice(at));
  return node;
}

function showNotice(state) {
  const notice = $('#connection-notice');
  clearTimeout(backTimer);
  if (state === 'lost') {
    if (!lostSince) lostSince = Date.now();
    notice.textContent = 'Live connection lost — reconnecting…';
  } else if (state === 'back') {
    lostSince = 0;
    notice.textContent = 'Live again';
    backTimer = setTimeout(() => showNotice(''), BACK_NOTICE_MS);
  } else {
    lostSince = 0;
    notice.textContent = '';
  }
  notice.dataset.state = state;
}

function showRunError(message) {
  const box = $('#run-error');
  box.textContent = message;
  box.hidden = false;
}

// ---- opening runs -----------------------------------------------------------------------------

function openRun(runId, knownStart) {
  closeStream();
  view = newView(runId);
  answeredKey = null;
  finishRequested = false;
  lastUpdate = null;
  startedAt = knownStart || null;
  endedAt = null;
  timelineKey = null;
  resultKey = null;
  stepEls.clear();
  showNotice('');
  $('#timeline').replaceChildren();
  $('#result').replaceChildren();
  $('#result').hidden = true;
  $('#questions').replaceChildren();
  $('#questions').hidden = true;
  delete $('#questions').dataset.key;
  const runError = $('#run-error');
  runError.hidden = true;
  delete runError.dataset.sticky;
  $('#run').hidden = false;
  document.title = 'agentstream · ' + runId;
  render();
  connect(null);
  loadRecent();
}

function closeRun() {
  closeStream();
  view = null;
  $('#run').hidden = true;
  document.title = 'agentstream';
}

function runIdFromPath() {
  const m = location.pathname.match(/^\/runs\/([^/]+)\/?$/);
  return m ? decodeURIComponent(m[1]) : null;
}

function route() {
  const runId = runIdFromPath();
  if (runId) {
    if (!view || view.runId !== runId) openRun(runId);
  } else {
    closeRun();
  }
}

function navigate(runId, knownStart) {
  const path = '/runs/' + encodeURIComponent(runId);
  if (location.pathname !== path) history.pushState({ runId }, '', path);
  openRun(runId, knownStart);
}

async function submit(event) {
  event.preventDefault();
  const agent = $('#agent').value;
  const text = $('#request').value.trim();
  const error = $('#start-error');
  error.textContent = '';
  if (!text) {
    error.textContent = 'Say what the agent should do.';
    $('#request').focus();
    return;
  }
  const field = (agents.get(agent) || {}).inputField || 'request';
  const button = $('#submit');
  button.disabled = true;
  try {
    const submittedAt = Date.now();
    const { status, body } = await api('POST', '/api/runs', { agent, input: { [field]: text } });
    if (status === 202 || status === 200) navigate(body.runId, submittedAt);
    else error.textContent = problem(body, status);
  } catch (e) {
    error.textContent = 'Could not start the run: ' + e.message;
  } finally {
    button.disabled = false;
  }
}

async function control(action, button) {
  if (!view) return;
  const runId = view.runId;
  button.disabled = true;
  if (action === 'finish-now') finishRequested = true;
  try {
    const { status, body } = await api('POST', `/api/runs/${encodeURIComponent(runId)}/${action}`);
    if (status >= 400 && view && view.runId === runId) {
      showRunError(problem(body, status));
      $('#run-error').dataset.sticky = 'true';
    }
  } catch (e) {
    showRunError('Request failed: ' + e.message);
  }
  if (action !== 'finish-now') button.disabled = false;
  render();
}

// ---- recent runs and agents -------------------------------------------------------------------

function toMillis(instant) {
  if (instant == null) return null;
  if (typeof instant === 'number') return instant < 1e11 ? instant * 1000 : instant;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? null : ms;
}

async function loadRecent() {
  try {
    const { status, body } = await api('GET', '/api/runs?limit=20');
    if (status !== 200 || !Array.isArray(body)) return;
    // A run that closes while the server lists open and then closed runs can appear twice: keep the later news.
    const byId = new Map();
    body.forEach(run => {
      const seen = byId.get(run.runId);
      if (!seen || (!seen.closedAt && run.closedAt)) byId.set(run.runId, run);
    });
    const runs = [...byId.values()];
    const list = $('#recent-runs');
    list.replaceChildren(...runs.map(run => {
      const link = el('a', { href: '/runs/' + encodeURIComponent(run.runId), 'data-run-id': run.runId },
        el('span', { class: 'agent', text: run.agent }),
        el('span', { class: 'badge', 'data-status': run.status, text: (RUN_LABELS[run.status] || run.status || '').toLowerCase() }),
        el('span', { class: 'when', text: toMillis(run.startedAt) ? new Date(toMillis(run.startedAt)).toLocaleString() : '' }));
      if (view && view.runId === run.runId) link.setAttribute('aria-current', 'page');
      return el('li', {}, link);
    }));
    if (!runs.length) list.append(el('li', { class: 'muted', text: 'No runs yet.' }));
    const mine = view && runs.find(r => r.runId === view.runId);
    if (mine) {
      startedAt = toMillis(mine.startedAt) ?? startedAt;
      if (mine.closedAt) endedAt = toMillis(mine.closedAt);
      renderClock();
    }
  } catch (e) {
    // the list is a convenience; the run view does not depend on it
  }
}

async function loadAgents() {
  try {
    const { status, body } = await api('GET', '/api/agents');
    if (status !== 200 || !Array.isArray(body) || !body.length) return;
    const select = $('#agent');
    const chosen = select.value;
    agents.clear();
    body.forEach(a => agents.set(a.name, a));
    select.replaceChildren(...body.map(a => el('option', { value: a.name, text: a.name })));
    select.value = agents.has(chosen) ? chosen : (agents.has('trip-planner') ? 'trip-planner' : body[0].name);
    describeAgent();
  } catch (e) {
    // keep the built-in list
  }
}

function describeAgent() {
  const agent = agents.get($('#agent').value);
  $('#agent-description').textContent = (agent && agent.description) || '';
  $('#request-label').textContent = (agent && agent.inputLabel) || 'What should the agent do?';
}

function agentChanged() {
  const request = $('#request');
  const current = request.value.trim();
  const examples = [...agents.values()].map(a => a.example).filter(Boolean);
  if (!current || examples.includes(current)) request.value = (agents.get($('#agent').value) || {}).example || '';
  describeAgent();
}

// ---- helpers ----------------------------------------------------------------------------------

/** The API key the person gave this tab (sessionStorage: gone when the tab closes), or null. */
function apiKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch (e) {
    return null;
  }
}

/**
 * One API call. Every POST is JSON, bodyless ones as {} (the server accepts no other type, which
 * keeps other sites' forms out); with a key it goes as a Bearer header; a 401 asks for a key.
 */
async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    if (body === undefined) body = {};
  }
  const key = apiKey();
  if (key) headers.Authorization = 'Bearer ' + key;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) askForKey(key ? 'That key was not accepted.' : '');
  const type = response.headers.get('Content-Type') || '';
  const json = type.includes('json') ? await response.json().catch(() => null) : null;
  return { status: response.status, body: json };
}

function askForKey(message) {
  $('#key-form').hidden = false;
  $('#key-error').textContent = message;
}

function useKey(event) {
  event.preventDefault();
  const key = $('#api-key').value.trim();
  if (!key) return;
  try {
    sessionStorage.setItem(KEY_STORAGE, key);
  } catch (e) {
    // storage off: the key cannot be kept; nothing more to do
  }
  $('#api-key').value = '';
  $('#key-form').hidden = true;
  $('#forget-key').hidden = false;
  loadAgents();
  loadRecent();
  if (view) openRun(view.runId);
}

function forgetKey() {
  try {
    sessionStorage.removeItem(KEY_STORAGE);
  } catch (e) {
    // nothing stored
  }
  $('#forget-key').hidden = true;
  closeRun();
  $('#recent-runs').replaceChildren();
  loadRecent();
}

function problem(body, status) {
  return (body && (body.detail || body.title)) || `Request failed (HTTP ${status})`;
}

// ---- wiring -----------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  $('#start').addEventListener('submit', submit);
  $('#request').addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('#start').requestSubmit();
  });
  $('#agent').addEventListener('change', agentChanged);
  $('#finish-now').addEventListener('click', e => control('finish-now', e.currentTarget));
  $('#cancel').addEventListener('click', e => control('cancel', e.currentTarget));
  $('#refresh-runs').addEventListener('click', loadRecent);
  $('#key-form').addEventListener('submit', useKey);
  $('#forget-key').addEventListener('click', forgetKey);
  $('#forget-key').hidden = !apiKey();
  $('#recent-runs').addEventListener('click', e => {
    const link = e.target.closest('a[data-run-id]');
    if (!link || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(link.dataset.runId);
  });
  window.addEventListener('popstate', route);
  setInterval(() => view && renderClock(), 1000);
  describeAgent();
  loadAgents();
  loadRecent();
  route();
});
