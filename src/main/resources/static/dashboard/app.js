// Distillery dashboard: plain ES module over the public REST API (no private endpoints).
// Every value that comes from the API is put into the DOM with textContent or as an attribute
// value built here; never through innerHTML. The API key lives in sessionStorage and travels only
// in the X-API-Key header.

const KEY = 'distillery.apiKey';
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
const ACTIVE = new Set(['WAITING', 'QUEUED', 'RUNNING']);
const main = document.getElementById('main');

/** Exposed for the browser tests: the uPlot instances by name, and the page state. */
const state = { charts: {}, page: null };
window.distillery = state;

// ---------- DOM helpers ----------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = String(value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const fmt = (x, digits = 4) => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(digits));
const pct = (x) => (x === null || x === undefined ? '–' : (100 * x).toFixed(2) + ' %');
const when = (iso) => (iso ? new Date(iso).toLocaleString() : '–');
const short = (id) => String(id).slice(0, 8);
const runLink = (id, label) => el('a', { href: '#/experiment/' + encodeURIComponent(id), text: label });

function teacherOf(spec) {
  const t = spec && spec.teacher;
  if (!t) return '–';
  if (t.architecture) return t.architecture;
  if (t.experimentId) return 'experiment ' + short(t.experimentId) + ' (' + (t.checkpoint || 'best') + ')';
  if (t.modelId) return 'model ' + short(t.modelId);
  return JSON.stringify(t);
}

// ---------- API ----------

class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || 'HTTP ' + status);
    this.status = status;
    this.problem = problem || {};
  }
}

async function readProblem(res) {
  try {
    return await res.json();
  } catch {
    return { title: res.statusText };
  }
}

async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  const key = sessionStorage.getItem(KEY);
  if (key) headers.set('X-API-Key', key);
  if (options.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  const res = await fetch(path, { ...options, headers });
  if (res.status === 401 || res.status === 403) {
    const problem = await readProblem(res);
    showAuth(res.status, problem);
    throw new ApiError(res.status, problem);
  }
  if (!res.ok) throw new ApiError(res.status, await readProblem(res));
  return res;
}

const getJson = async (path) => (await api(path)).json();

/** Downloads through fetch so the key stays in the header (a plain link could not carry it). */
async function download(path, filename, accept) {
  const res = await api(path, accept ? { headers: { Accept: accept } } : {});
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Server-Sent Events over fetch (EventSource cannot send a header, and the key must not be in the URL). */
function subscribe(path, onEvent) {
  const controller = new AbortController();
  (async () => {
    const headers = new Headers({ Accept: 'text/event-stream' });
    const key = sessionStorage.getItem(KEY);
    if (key) headers.set('X-API-Key', key);
    const res = await fetch(path, { headers, signal: controller.signal });
    if (!res.ok) {
      if (res.status === 401 || res.status === 403) showAuth(res.status, await readProblem(res));
      return;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) name = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length) onEvent(name, JSON.parse(data.join('\n')));
      }
    }
  })().catch((e) => {
    if (e.name !== 'AbortError') console.warn('event stream ended', e);
  });
  return () => controller.abort();
}

// ---------- keys ----------

let capability = null;

/**
 * Whether the current key may submit (and so cancel): asked of the API itself with a body it
 * always refuses, so nothing is created. A reader's key gets 403, a submitter's or admin's 400, and
 * with security off everyone gets 400. Remembered per key for the page's life.
 */
async function maySubmit() {
  const key = sessionStorage.getItem(KEY) || '';
  if (capability && capability.key === key) return capability.submit;
  const headers = { 'Content-Type': 'application/json' };
  if (key) headers['X-API-Key'] = key;
  const res = await fetch('/api/v1/experiments', { method: 'POST', headers, body: '{}' });
  capability = { key, submit: res.status !== 401 && res.status !== 403 };
  return capability.submit;
}

async function showNavigation() {
  const submit = await maySubmit().catch(() => true);
  document.getElementById('nav-submit').hidden = !submit;
}

function showKeyState() {
  const span = document.getElementById('key-state');
  span.replaceChildren();
  if (sessionStorage.getItem(KEY)) {
    span.append('API key set ', el('button', { type: 'button', text: 'Forget key', onclick: () => {
      sessionStorage.removeItem(KEY);
      showKeyState();
      route();
    } }));
  }
}

function showAuth(status, problem) {
  const box = document.getElementById('auth');
  box.hidden = false;
  box.className = status === 403 ? 'forbidden' : '';
  box.replaceChildren();
  const detail = (problem && (problem.detail || problem.title)) || '';
  if (status === 403) {
    box.append(el('strong', { text: '403 Forbidden: ' }), 'your API key may not do this. ', el('span', { text: detail }));
    return;
  }
  const input = el('input', { type: 'password', id: 'api-key', autocomplete: 'off', 'aria-label': 'API key' });
  const form = el('form', { id: 'key-form', onsubmit: (event) => {
    event.preventDefault();
    if (!input.value) return;
    sessionStorage.setItem(KEY, input.value);
    box.hidden = true;
    showKeyState();
    route();
  } },
  el('strong', { text: '401 Unauthorized: ' }), el('span', { text: detail + ' ' }),
  el('label', { for: 'api-key', text: 'API key ' }), input, ' ', el('button', { type: 'submit', text: 'Use key' }));
  box.append(form);
  input.focus();
}

// ---------- charts ----------

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

/**
 * A uPlot line chart: x = epochs, one series per label; straight segments with a point at each
 * epoch (no smoothing that would invent values between epochs).
 */
function lineChart(container, name, title, labels, data, options = {}) {
  const box = el('div', { class: 'chart', 'data-chart': name }, el('h3', { text: title }));
  container.append(box);
  const width = Math.max(260, Math.min(640, box.clientWidth - 16 || 420));
  let drawn;
  const firstDraw = new Promise((resolve) => { drawn = resolve; });
  const plot = new uPlot({
    width,
    height: 240,
    // uPlot paints in a microtask after construction: the hook says when the canvas holds the data
    hooks: { draw: [() => drawn()] },
    scales: { x: { time: false }, ...(options.log ? { y: { distr: 3 } } : {}) },
    // whole epochs only on the x axis
    axes: [{ label: 'epoch', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500], values: (u, ticks) => ticks.map((t) => String(t)) }, {}],
    series: [{ label: 'epoch' }, ...labels.map((label, i) => ({
      label,
      stroke: PALETTE[i % PALETTE.length],
      width: 1.5,
      // a marker at each epoch while the markers stand apart (≥ 6 px); a long run's line alone
      points: { size: 5, space: 6 },
      spanGaps: false,
    }))],
  }, data, box);
  plot.firstDraw = firstDraw;
  if (box.isConnected) state.charts[name] = plot; // not a chart of a page already replaced
  return plot;
}

/**
 * A performance mark (read by the dashboard benchmark through the browser's performance API): its
 * startTime is milliseconds since the page's navigation began. Set once per page load.
 */
function markOnce(name) {
  if (!performance.getEntriesByName(name, 'mark').length) performance.mark(name);
}

// charts follow their box's width (a phone, a resized window)
let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    for (const plot of Object.values(state.charts)) {
      const box = plot.root.parentElement;
      if (box) plot.setSize({ width: Math.max(260, Math.min(640, box.clientWidth - 16)), height: 240 });
    }
  }, 150);
});

// ---------- router ----------

let cleanup = () => {};

function parseHash() {
  const hash = location.hash.replace(/^#\/?/, '') || 'experiments';
  const [path, query = ''] = hash.split('?');
  return { parts: path.split('/').map(decodeURIComponent), params: new URLSearchParams(query) };
}

let routeGeneration = 0;

/**
 * Shows the page the hash names. Each page draws into a view of its own: when the hash changes while a page is
 * still loading, the newer page replaces that view, and the older one, on finishing, is stopped unseen.
 */
async function route() {
  const generation = ++routeGeneration;
  cleanup();
  cleanup = () => {};
  for (const plot of Object.values(state.charts)) plot.destroy();
  state.charts = {};
  state.page = null;
  const { parts, params } = parseHash();
  const view = el('div', { class: 'view' });
  main.replaceChildren(view);
  const auth = document.getElementById('auth');
  auth.hidden = true;
  auth.replaceChildren();
  showNavigation();
  delete main.dataset.loaded;
  try {
    const pages = { experiments: experimentsPage, experiment: experimentPage, compare: comparePage,
      submit: submitPage, sweep: sweepPage };
    const page = pages[parts[0]] || experimentsPage;
    const stop = await page(parts, params, view);
    if (generation !== routeGeneration) {
      if (typeof stop === 'function') stop();
      return;
    }
    if (typeof stop === 'function') cleanup = stop;
  } catch (e) {
    if (generation !== routeGeneration) return;
    view.append(el('p', { class: 'error', role: 'alert', text: 'Error: ' + e.message }));
  }
  state.page = parts[0];
  document.body.dataset.page = parts[0];
}

window.addEventListener('hashchange', route);

// ---------- experiments ----------

const SORTS = { name: 'name', method: 'method', status: 'status', created: 'createdAt' };

/** The API query of the experiment table's filters, sort and page. */
function listQuery(q) {
  const p = new URLSearchParams({ page: q.page, size: q.size, sort: q.sort });
  if (q.status) p.set('status', q.status);
  if (q.method) p.set('method', q.method);
  if (q.tag) p.set('tag', q.tag);
  if (q.name) p.set('name', q.name);
  return '/api/v1/experiments?' + p.toString();
}

async function experimentsPage(parts, params, view) {
  const q = {
    status: params.get('status') || '', method: params.get('method') || '', tag: params.get('tag') || '',
    name: params.get('name') || '', sort: params.get('sort') || 'createdAt,desc',
    page: Number(params.get('page') || 0), size: Number(params.get('size') || 20),
  };
  // the first page of rows is asked for together with the catalog (the method filter's choices)
  let firstRows = getJson(listQuery(q));
  firstRows.catch(() => {});
  const catalog = await getJson('/api/v1/catalog');
  const selected = new Set((params.get('selected') || '').split(',').filter(Boolean));
  const go = (changes) => {
    const next = { ...q, ...changes };
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== '' && v !== null) p.set(k, v);
    location.hash = '#/experiments?' + p.toString();
  };

  view.append(el('h1', { text: 'Experiments' }));
  const status = el('select', { id: 'f-status', name: 'status' }, el('option', { value: '', text: 'any status' }),
    ['WAITING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'].map((s) => el('option', { value: s, text: s })));
  status.value = q.status;
  const method = el('select', { id: 'f-method', name: 'method' }, el('option', { value: '', text: 'any method' }),
    catalog.methods.map((m) => el('option', { value: m.name, text: m.name })));
  method.value = q.method;
  const tag = el('input', { id: 'f-tag', name: 'tag', placeholder: 'key:value', value: q.tag });
  const name = el('input', { id: 'f-name', name: 'name', placeholder: 'part of the name', value: q.name, type: 'search' });
  const filters = el('form', { class: 'filters', id: 'filters', onsubmit: (e) => {
    e.preventDefault();
    go({ status: status.value, method: method.value, tag: tag.value.trim(), name: name.value.trim(), page: 0 });
  } },
  el('label', {}, 'Status', status), el('label', {}, 'Method', method), el('label', {}, 'Tag', tag),
  el('label', {}, 'Name', name), el('button', { type: 'submit', id: 'apply-filters', text: 'Apply' }));
  status.addEventListener('change', () => filters.requestSubmit());
  method.addEventListener('change', () => filters.requestSubmit());
  const compare = el('button', { type: 'button', id: 'compare', text: 'Compare selected', onclick: () => {
    location.hash = '#/compare?ids=' + [...selected].join(',');
  } });
  const tbody = el('tbody', { id: 'experiment-rows' });
  const [sortField, sortDir] = q.sort.split(',');
  const header = (label, field, cls) => {
    const sort = SORTS[field];
    const th = el('th', { class: cls, scope: 'col' });
    if (!sort) {
      th.textContent = label;
      return th;
    }
    const active = sortField === sort;
    th.setAttribute('aria-sort', active ? (sortDir === 'asc' ? 'ascending' : 'descending') : 'none');
    th.append(el('button', { type: 'button', 'data-sort': sort, text: label + (active ? (sortDir === 'asc' ? ' ▲' : ' ▼') : ''),
      onclick: () => go({ sort: sort + ',' + (active && sortDir === 'desc' ? 'asc' : 'desc'), page: 0 }) }));
    return th;
  };
  const pager = el('div', { class: 'pager' });
  view.append(filters, el('div', { class: 'table-wrap' }, el('table', { id: 'experiments' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, el('span', { class: 'visually-hidden', text: 'select' })),
      header('Name', 'name'), header('Method', 'method'), header('zscore'), header('Student'), header('Teacher'),
      header('Status', 'status'), header('Best top-1', null, 'num'), header('Created', 'created'))),
    tbody)), pager, compare);

  const updateCompare = () => {
    compare.disabled = selected.size < 2;
    compare.textContent = 'Compare selected (' + selected.size + ')';
  };
  updateCompare();

  let timer = null;
  let stopped = false;
  const load = async () => {
    const result = await (firstRows || getJson(listQuery(q)));
    firstRows = null;
    if (stopped) return;
    tbody.replaceChildren(...result.items.map((x) => {
      const box = el('input', { type: 'checkbox', 'aria-label': 'select ' + x.name, 'data-id': x.id, checked: selected.has(x.id),
        onchange: (e) => {
          if (e.target.checked) selected.add(x.id);
          else selected.delete(x.id);
          updateCompare();
        } });
      const statusCell = el('td', { class: 'status-' + x.status, 'data-status': x.status }, x.status);
      if (ACTIVE.has(x.status)) {
        statusCell.append(' ', el('progress', { max: 1, value: x.progress, 'aria-label': 'progress' }),
          ' ' + Math.round(100 * x.progress) + ' %', x.eta ? ' ETA ' + new Date(x.eta).toLocaleTimeString() : '');
      }
      return el('tr', { 'data-id': x.id },
        el('td', {}, box),
        el('td', { class: 'name' }, runLink(x.id, x.name)),
        el('td', { text: x.spec.method }),
        el('td', { text: x.spec.zscore ? 'yes' : 'no' }),
        el('td', { text: x.spec.student.architecture }),
        el('td', { text: teacherOf(x.spec) }),
        statusCell,
        el('td', { class: 'num', 'data-best': x.best ? x.best.testTop1 : '' , text: x.best ? pct(x.best.testTop1) : '–' }),
        el('td', { text: when(x.createdAt) }));
    }));
    if (!result.items.length) tbody.append(el('tr', {}, el('td', { colspan: 9, text: 'No experiments match.' })));
    pager.replaceChildren(
      el('button', { type: 'button', text: '‹ Previous', disabled: q.page <= 0, onclick: () => go({ page: q.page - 1 }) }),
      el('span', { id: 'page-info', text: 'page ' + (result.page + 1) + ' of ' + Math.max(1, result.totalPages) + ' · ' + result.totalItems + ' experiments' }),
      el('button', { type: 'button', text: 'Next ›', disabled: result.page + 1 >= result.totalPages, onclick: () => go({ page: q.page + 1 }) }));
    if (view.isConnected) {
      main.dataset.loaded = String(Date.now());
      markOnce('distillery:table-rendered');
    }
    // live rows: poll quickly while something on the page is in flight, slowly otherwise
    const busy = result.items.some((x) => ACTIVE.has(x.status));
    timer = setTimeout(() => load().catch(() => {}), busy ? 2000 : 5000);
  };
  await load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

// ---------- one experiment ----------

const STUDENT_CHARTS = [
  ['loss', 'Loss', (m) => ({ train: m.trainLoss, test: m.testLoss })],
  ['accuracy', 'Accuracy', (m) => ({ 'train top-1': m.trainTop1, 'test top-1': m.testTop1, 'test top-5': m.testTop5 })],
  ['lr', 'Learning rate', (m) => ({ lr: m.learningRate })],
  ['lossTerms', 'Loss terms', (m) => m.lossTerms || {}],
  ['logits', 'Logit mean and std (student vs teacher)', (m) => (m.diagnostics ? {
    'student mean': m.diagnostics.studentLogitMean, 'student std': m.diagnostics.studentLogitStd,
    'teacher mean': m.diagnostics.teacherLogitMean, 'teacher std': m.diagnostics.teacherLogitStd } : {})],
  ['kl', 'KL: vanilla vs standardized', (m) => (m.diagnostics ? {
    'KL': m.diagnostics.kl, 'standardized KL': m.diagnostics.standardizedKl } : {})],
  ['agreement', 'Teacher agreement (top-1)', (m) => (m.diagnostics ? { agreement: m.diagnostics.teacherAgreement } : {})],
  ['methodDiagnostics', 'Method diagnostics', (m) => m.methodDiagnostics || {}],
];
const TEACHER_CHARTS = [
  ['teacherLoss', 'Teacher phase: loss', (m) => ({ train: m.trainLoss, test: m.testLoss })],
  ['teacherAccuracy', 'Teacher phase: accuracy', (m) => ({ 'train top-1': m.trainTop1, 'test top-1': m.testTop1, 'test top-5': m.testTop5 })],
];

/** Series of one chart from the epochs: labels that have at least one non-null value. */
function seriesOf(epochs, pick) {
  const labels = [];
  for (const m of epochs) for (const [k, v] of Object.entries(pick(m))) if (v !== null && v !== undefined && !labels.includes(k)) labels.push(k);
  const data = [epochs.map((m) => m.epoch), ...labels.map((k) => epochs.map((m) => {
    const v = pick(m)[k];
    return v === undefined ? null : v;
  }))];
  return { labels, data };
}

async function experimentPage(parts, params, view) {
  const id = parts[1];
  const base = '/api/v1/experiments/' + encodeURIComponent(id);
  // the three requests the first paint needs go out together
  const capable = maySubmit().catch(() => true);
  const [first, metrics] = await Promise.all([getJson(base), getJson(base + '/metrics')]);
  let experiment = first;
  const history = metrics.epochs;
  const seen = new Set(history.map((m) => m.phase + ':' + m.epoch));

  const title = el('h1', { id: 'experiment-name', text: experiment.name });
  const summary = el('dl', { class: 'spec', id: 'summary' });
  const actions = el('div', { class: 'pager' });
  const message = el('p', { role: 'status', id: 'action-message' });
  const charts = el('div', { class: 'charts', id: 'charts' });
  const teacherCharts = el('div', { class: 'charts', id: 'teacher-charts' });
  const checkpoints = el('div', { id: 'checkpoints' });
  view.append(title, summary, actions, message, el('h2', { text: 'Curves' }), charts,
    el('h2', { text: 'Teacher phase', id: 'teacher-heading', hidden: true }), teacherCharts,
    el('h2', { text: 'Checkpoints' }), checkpoints, el('h2', { text: 'Spec' }), specView(experiment.spec));

  const submitter = await capable;
  const renderSummary = () => {
    const e = experiment;
    const rows = [
      ['Status', e.status + (e.cancelRequested ? ' (cancel requested)' : '')],
      ['Progress', Math.round(100 * e.progress) + ' %' + (e.eta ? ', ETA ' + when(e.eta) : '')],
      ['Phase / epoch', (e.phase || '–') + ' / ' + e.currentEpoch],
      ['Method', e.spec.method + (e.spec.zscore ? ' + zscore' : '')],
      ['Student / teacher', e.spec.student.architecture + ' / ' + teacherOf(e.spec)],
      ['Best test top-1', e.best ? pct(e.best.testTop1) + ' (epoch ' + e.best.epoch + ')' : '–'],
      ['Attempts', e.attempts], ['Device', e.device || '–'], ['Owner', e.owner || '–'],
      ['Created / finished', when(e.createdAt) + ' / ' + when(e.finishedAt)],
      ['Gate', e.gate ? e.gate.verdict || JSON.stringify(e.gate) : '–'],
      ['Error', e.error || '–'],
    ];
    summary.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v, 'data-field': k })]));
    summary.dataset.status = e.status;
    // the buttons are rebuilt only when they change: a status event must not pull a button from under the
    // pointer or the keyboard focus
    const cancellable = String(submitter && ACTIVE.has(e.status));
    if (actions.dataset.cancellable === cancellable) return;
    actions.dataset.cancellable = cancellable;
    actions.replaceChildren(...[
      submitter && ACTIVE.has(e.status) ? el('button', { type: 'button', id: 'cancel', text: 'Cancel', onclick: async () => {
        try {
          experiment = await (await api(base + '/cancel', { method: 'POST' })).json();
          renderSummary();
        } catch (err) {
          message.textContent = 'Cancel refused (' + err.status + '): ' + err.message;
        }
      } }) : null,
      !submitter ? null : el('button', { type: 'button', id: 'run-again', text: 'Run again with changes', onclick: () => {
        sessionStorage.setItem('distillery.prefill', JSON.stringify(experiment.spec));
        location.hash = '#/submit';
      } }),
      el('a', { href: '#/compare?ids=' + encodeURIComponent(id), text: 'Open in Compare' })].filter(Boolean));
  };
  renderSummary();

  // A chart out of view takes new data when it scrolls into view: a live run redraws only what is seen.
  const outOfView = new Set();
  const pending = new Map();
  const viewer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const name = entry.target.dataset.chart;
      if (!entry.isIntersecting) {
        outOfView.add(name);
        continue;
      }
      outOfView.delete(name);
      if (pending.has(name)) {
        state.charts[name]?.setData(pending.get(name));
        pending.delete(name);
      }
    }
  }, { rootMargin: '100px' });

  const draw = () => {
    const student = history.filter((m) => m.phase !== 'teacher').sort((a, b) => a.epoch - b.epoch);
    const teacher = history.filter((m) => m.phase === 'teacher').sort((a, b) => a.epoch - b.epoch);
    const drawSet = (container, defs, epochs) => {
      for (const [name, label, pick] of defs) {
        const { labels, data } = seriesOf(epochs, pick);
        const existing = state.charts[name];
        if (existing && existing.series.length - 1 === labels.length) {
          if (outOfView.has(name)) pending.set(name, data);
          else existing.setData(data);
        } else {
          if (existing) {
            existing.destroy();
            const box = container.querySelector('[data-chart="' + name + '"]');
            viewer.unobserve(box);
            box.remove();
            delete state.charts[name];
            pending.delete(name);
          }
          if (labels.length && epochs.length) {
            viewer.observe(lineChart(container, name, label, labels, data, { log: name === 'lr' }).root.parentElement);
          }
        }
      }
    };
    drawSet(charts, STUDENT_CHARTS, student);
    if (teacher.length) {
      view.querySelector('#teacher-heading').hidden = false;
      drawSet(teacherCharts, TEACHER_CHARTS, teacher);
    }
    charts.dataset.epochs = String(student.length);
  };
  draw();
  const firstCharts = Object.values(state.charts).map((plot) => plot.firstDraw);
  if (firstCharts.length) Promise.all(firstCharts).then(() => markOnce('distillery:chart-rendered'));
  if (!history.length) charts.append(el('p', { id: 'no-epochs', text: 'No finished epoch yet; curves appear live.' }));

  const loadCheckpoints = async () => {
    const list = await getJson(base + '/checkpoints');
    checkpoints.replaceChildren(list.length ? el('table', { id: 'checkpoint-table' },
      el('thead', {}, el('tr', {}, ['Name', 'Kind', 'Epoch', 'Size', 'SHA-256', ''].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, list.map((c) => el('tr', {},
        el('td', { text: c.name }), el('td', { text: c.kind }), el('td', { class: 'num', text: c.epoch }),
        el('td', { class: 'num', text: (c.sizeBytes / 1024).toFixed(1) + ' KiB' }), el('td', {}, el('code', { text: c.sha256 })),
        el('td', {}, el('button', { type: 'button', text: 'Download', onclick: () =>
          download(base + '/checkpoints/' + encodeURIComponent(c.name), short(id) + '-' + c.name + '.params')
            .catch((e) => { message.textContent = 'Download failed: ' + e.message; }) })))))) : el('p', { text: 'None yet.' }));
  };
  await loadCheckpoints().catch((e) => checkpoints.replaceChildren(el('p', { class: 'error', text: e.message })));

  if (TERMINAL.has(experiment.status)) return () => viewer.disconnect();
  const unsubscribe = subscribe(base + '/events', (name, data) => {
    if (name === 'epoch') {
      const k = data.phase + ':' + data.epoch;
      if (!seen.has(k)) {
        seen.add(k);
        history.push(data);
        view.querySelector('#no-epochs')?.remove();
        draw();
      }
    } else if (name === 'status') {
      experiment = { ...experiment, ...data };
      renderSummary();
      if (TERMINAL.has(data.status)) {
        getJson(base).then((full) => {
          experiment = full;
          renderSummary();
        }).catch(() => {});
        loadCheckpoints().catch(() => {});
      }
    }
  });
  return () => {
    unsubscribe();
    viewer.disconnect();
  };
}

function flatten(value, prefix = '', out = []) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? prefix + '.' + k : k, out);
  } else if (value !== null && value !== undefined) {
    out.push([prefix, Array.isArray(value) ? JSON.stringify(value) : String(value)]);
  }
  return out;
}

function specView(spec) {
  return el('div', { id: 'spec' },
    el('dl', { class: 'spec' }, flatten(spec).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])),
    el('details', {}, el('summary', { text: 'JSON' }), el('pre', { text: JSON.stringify(spec, null, 2) })));
}

// ---------- compare ----------

async function comparePage(parts, params, view) {
  const ids = (params.get('ids') || '').split(',').filter(Boolean);
  view.append(el('h1', { text: 'Compare' }));
  if (!ids.length) {
    view.append(el('p', { text: 'Select runs on the Experiments page, then "Compare".' }));
    return;
  }
  const baseline = params.get('baseline') || ids[0];
  const query = 'ids=' + ids.map(encodeURIComponent).join(',') + '&baseline=' + encodeURIComponent(baseline);
  const c = await getJson('/api/v1/comparisons?' + query);
  const nameOf = new Map(c.runs.map((r) => [r.id, r.identity.name]));
  const metrics = Object.keys(c.series.metrics);
  let metric = params.get('metric') || (metrics.includes('testTop1') ? 'testTop1' : metrics[0]);

  const baselineSelect = el('select', { id: 'baseline' }, c.runs.map((r) => el('option', { value: r.id, text: r.identity.name + ' (' + short(r.id) + ')' })));
  baselineSelect.value = c.baseline;
  const metricSelect = el('select', { id: 'metric' }, metrics.map((m) => el('option', { value: m, text: m })));
  metricSelect.value = metric;
  const go = () => {
    location.hash = '#/compare?ids=' + ids.join(',') + '&baseline=' + baselineSelect.value + '&metric=' + encodeURIComponent(metricSelect.value);
  };
  baselineSelect.addEventListener('change', go);
  metricSelect.addEventListener('change', () => {
    metric = metricSelect.value;
    drawChart();
  });
  const chartBox = el('div', { class: 'charts', id: 'compare-chart' });
  const exports = el('div', { class: 'pager' },
    el('button', { type: 'button', id: 'export-csv', text: 'CSV', onclick: () => download('/api/v1/comparisons?' + query, 'comparison.csv', 'text/csv') }),
    el('button', { type: 'button', text: 'SVG', onclick: () => download('/api/v1/comparisons/chart?ids=' + ids.join(',') + '&metric=' + encodeURIComponent(metric) + '&format=svg', metric + '.svg') }),
    el('button', { type: 'button', text: 'PNG', onclick: () => download('/api/v1/comparisons/chart?ids=' + ids.join(',') + '&metric=' + encodeURIComponent(metric) + '&format=png', metric + '.png') }));
  view.append(el('div', { class: 'filters' }, el('label', {}, 'Baseline', baselineSelect), el('label', {}, 'Metric', metricSelect), el('span', { text: 'Export:' }), exports), chartBox);

  const drawChart = () => {
    state.charts.compare?.destroy();
    chartBox.replaceChildren();
    const runs = c.runs.map((r) => r.id);
    const values = c.series.metrics[metric] || {};
    lineChart(chartBox, 'compare', metric, runs.map((r) => nameOf.get(r) + ' (' + short(r) + ')'),
      [c.series.epochs, ...runs.map((r) => values[r] || c.series.epochs.map(() => null))]);
  };
  drawChart();

  const signed = (x, digits = 4) => {
    if (x === null || x === undefined) return el('span', { text: '–' });
    return el('span', { class: x > 0 ? 'pos' : x < 0 ? 'neg' : '', text: (x > 0 ? '+' : '') + Number(x).toFixed(digits) });
  };
  view.append(el('h2', { text: 'Runs' }), el('div', { class: 'table-wrap' }, el('table', { id: 'compare-table' },
    el('thead', {}, el('tr', {}, ['Run', 'Method', 'zscore', 'Student', 'Teacher', 'Seed', 'Best top-1', 'Δ best top-1',
      'Last top-1', 'Δ last top-1', 'Wall s', 'Δ wall s'].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, c.runs.map((r) => el('tr', { 'data-id': r.id, class: r.id === c.baseline ? 'best' : null },
      el('td', {}, runLink(r.id, r.identity.name), r.id === c.baseline ? ' (baseline)' : ''),
      el('td', { text: r.identity.method }), el('td', { text: r.identity.zscore ? 'yes' : 'no' }),
      el('td', { text: r.identity.student }), el('td', { text: r.identity.teacher || '–' }), el('td', { text: r.identity.seed }),
      el('td', { class: 'num', 'data-value': r.best ? r.best.testTop1 : '', text: r.best ? fmt(r.best.testTop1) : '–' }),
      el('td', { class: 'num delta-best', 'data-value': r.delta ? r.delta.bestTestTop1 : '' }, signed(r.delta && r.delta.bestTestTop1)),
      el('td', { class: 'num', text: r.last ? fmt(r.last.testTop1) : '–' }),
      el('td', { class: 'num delta-last', 'data-value': r.delta ? r.delta.lastTestTop1 : '' }, signed(r.delta && r.delta.lastTestTop1)),
      el('td', { class: 'num', text: fmt(r.wallSeconds, 1) }),
      el('td', { class: 'num' }, signed(r.delta && r.delta.wallSeconds, 1))))))));

  const diffKeys = Object.keys(c.specDiff || {});
  const baseIndex = c.runs.findIndex((r) => r.id === c.baseline);
  view.append(el('h2', { text: 'Spec differences' }), diffKeys.length ? el('div', { class: 'table-wrap' }, el('table', { id: 'spec-diff' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'field' }), c.runs.map((r) => el('th', { scope: 'col', text: r.identity.name })))),
    el('tbody', {}, diffKeys.map((k) => el('tr', {}, el('th', { scope: 'row', text: k }),
      c.specDiff[k].map((v, i) => el('td', { class: i !== baseIndex && JSON.stringify(v) !== JSON.stringify(c.specDiff[k][baseIndex]) ? 'diff' : null,
        text: v === null ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v) }))))))) : el('p', { text: 'The specs are the same.' }));

  if (c.groups && c.groups.length) {
    const ms = (m) => (m && m.mean !== null ? fmt(m.mean) + ' ± ' + fmt(m.std) : '–');
    view.append(el('h2', { text: 'Seed groups' }), el('table', { id: 'groups' },
      el('thead', {}, el('tr', {}, ['Group', 'n', 'Seeds', 'Best top-1 (mean ± std)', 'Last top-1 (mean ± std)'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, c.groups.map((g) => el('tr', {}, el('td', { text: short(g.group) }), el('td', { class: 'num', text: g.n }),
        el('td', { text: (g.seeds || []).join(', ') }), el('td', { class: 'num', text: ms(g.bestTestTop1) }), el('td', { class: 'num', text: ms(g.lastTestTop1) }))))));
  }
}

// ---------- submit ----------

function fieldErrorsInto(form, general, problem) {
  for (const node of form.querySelectorAll('.field-error')) node.textContent = '';
  general.replaceChildren();
  const errors = problem.errors || [];
  if (!errors.length) general.append(el('span', { text: problem.detail || problem.title || 'refused' }));
  for (const { field, message } of errors) {
    const path = String(field || '').replace(/^\$\.?/, '');
    let target = null;
    for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
      target = form.querySelector('.field-error[data-for="' + CSS.escape(p) + '"]');
      if (target) break;
    }
    if (target) target.textContent = message;
    else general.append(el('div', { text: (path ? path + ': ' : '') + message }));
  }
}

async function submitPage(parts, params, view) {
  const catalog = await getJson('/api/v1/catalog');
  // imported models may be teachers; a key that may not list them just gets none to pick
  const models = await getJson('/api/v1/models').catch(() => []);
  view.append(el('h1', { text: 'Submit' }));
  if (!(await maySubmit().catch(() => true))) {
    view.append(el('p', { id: 'may-not-submit', role: 'alert', text: 'This API key may not submit experiments (403: it needs the submitter role).' }));
    return;
  }
  const tabs = el('div', { class: 'tabs', role: 'tablist' });
  const panel = el('div', { id: 'submit-panel' });
  view.append(tabs, panel);
  const prefill = sessionStorage.getItem('distillery.prefill');
  sessionStorage.removeItem('distillery.prefill');
  const show = (which) => {
    for (const b of tabs.children) b.setAttribute('aria-selected', String(b.dataset.tab === which));
    panel.replaceChildren(which === 'form' ? specForm(catalog, models) : which === 'json' ? jsonEditor('/api/v1/experiments', prefill, 'experiment')
      : jsonEditor('/api/v1/sweeps', null, 'sweep'));
  };
  for (const [tab, label] of [['form', 'Form'], ['json', 'JSON spec'], ['sweep', 'Sweep']]) {
    tabs.append(el('button', { type: 'button', role: 'tab', 'data-tab': tab, id: 'tab-' + tab, text: label, onclick: () => show(tab) }));
  }
  show(prefill ? 'json' : 'form');
}

function jsonEditor(path, prefill, kind) {
  const example = kind === 'sweep'
    ? { spec: { method: 'kd', teacher: { architecture: 'lenet5' }, student: { architecture: 'mlp' }, dataset: { name: 'synthetic' }, training: { epochs: 2 } },
      grid: { zscore: [false, true] }, repeats: 1 }
    : { method: 'ce', student: { architecture: 'lenet5' }, dataset: { name: 'synthetic' }, training: { epochs: 5, learningRate: 0.01 } };
  const text = el('textarea', { id: 'json-' + kind, 'aria-label': kind + ' JSON', spellcheck: 'false' });
  text.value = prefill ? JSON.stringify(JSON.parse(prefill), null, 2) : JSON.stringify(example, null, 2);
  const general = el('div', { class: 'error', role: 'alert', id: 'json-errors' });
  const form = el('form', { onsubmit: async (e) => {
    e.preventDefault();
    general.replaceChildren();
    let body;
    try {
      body = JSON.parse(text.value);
    } catch (err) {
      general.textContent = 'Not JSON: ' + err.message;
      return;
    }
    try {
      const created = await (await api(path, { method: 'POST', body: JSON.stringify(body) })).json();
      location.hash = kind === 'sweep' ? '#/sweep/' + created.id : '#/experiment/' + created.id;
    } catch (err) {
      fieldErrorsInto(form, general, err.problem || { detail: err.message });
    }
  } }, text, general, el('button', { type: 'submit', id: 'submit-' + kind, text: kind === 'sweep' ? 'Submit sweep' : 'Submit experiment' }));
  return form;
}

function specForm(catalog, models) {
  const field = (name, label, input, hint) => el('label', {}, label, input,
    hint ? el('small', { text: hint }) : null, el('span', { class: 'field-error', 'data-for': name, role: 'alert' }));
  const input = (id, attrs = {}) => el('input', { id: 'in-' + id.replace(/\./g, '-'), name: id, ...attrs });
  const select = (id, options) => el('select', { id: 'in-' + id.replace(/\./g, '-'), name: id },
    options.map((o) => el('option', { value: o.value, text: o.label })));

  const method = select('method', catalog.methods.map((m) => ({ value: m.name, label: m.name })));
  const archs = catalog.architectures.map((a) => ({ value: a.name, label: a.name + ' (' + a.parameters + ' params)' }));
  const student = select('student.architecture', archs);
  const teacherKind = select('teacher.kind', [{ value: 'none', label: 'none' }, { value: 'architecture', label: 'train an architecture first' },
    { value: 'experiment', label: 'an earlier experiment' }, ...(models.length ? [{ value: 'model', label: 'an imported model' }] : [])]);
  const teacherArch = select('teacher.architecture', archs);
  const teacherModel = select('teacher.modelId', models.map((m) => ({ value: m.id,
    label: (m.name || short(m.id)) + ' (' + m.architecture + (m.dataset ? ', ' + m.dataset : '') + ', sha256 ' + m.sha256.slice(0, 12) + '…)' })));
  const teacherExp = input('teacher.experimentId', { placeholder: 'experiment id' });
  const dataset = select('dataset.name', catalog.datasets.map((d) => ({ value: d.name, label: d.name + (d.present ? '' : ' (files missing)') })));
  const defaults = el('p', { id: 'method-defaults' });
  const fields = {
    name: input('name'), temperature: input('temperature', { inputmode: 'decimal' }), zscore: input('zscore', { type: 'checkbox' }),
    ce: input('lossWeights.ce', { inputmode: 'decimal' }), kd: input('lossWeights.kd', { inputmode: 'decimal' }),
    epochs: input('training.epochs', { inputmode: 'numeric' }), batch: input('training.batchSize', { inputmode: 'numeric' }),
    lr: input('training.learningRate', { inputmode: 'decimal' }), trainLimit: input('dataset.trainLimit', { inputmode: 'numeric' }),
    testLimit: input('dataset.testLimit', { inputmode: 'numeric' }), seed: input('seed', { inputmode: 'numeric' }),
    tags: input('tags', { placeholder: 'key:value, key:value' }),
  };
  const t = catalog.trainingDefaults || {};
  fields.epochs.placeholder = t.epochs ?? '';
  fields.batch.placeholder = t.batchSize ?? '';
  fields.lr.placeholder = t.learningRate ?? '';
  const showDefaults = () => {
    const m = catalog.methods.find((x) => x.name === method.value);
    if (!m) return;
    const d = fields.zscore.checked && m.zscoreDefaults ? m.zscoreDefaults : m.defaults;
    defaults.textContent = m.description + ' Defaults' + (fields.zscore.checked ? ' with zscore' : '') + ': τ = ' + d.temperature
      + ', λ_CE = ' + d.ceWeight + ', λ_KD = ' + d.kdWeight + (Object.keys(d.params || {}).length ? ', ' + JSON.stringify(d.params) : '')
      + (m.needsTeacher ? '; needs a teacher.' : '; no teacher.');
    fields.temperature.placeholder = d.temperature;
    fields.ce.placeholder = d.ceWeight;
    fields.kd.placeholder = d.kdWeight;
    if (!m.needsTeacher) teacherKind.value = 'none';
    else if (teacherKind.value === 'none') teacherKind.value = 'architecture';
    teacherArch.disabled = teacherKind.value !== 'architecture';
    teacherExp.disabled = teacherKind.value !== 'experiment';
    teacherModel.disabled = teacherKind.value !== 'model';
  };
  method.addEventListener('change', showDefaults);
  fields.zscore.addEventListener('change', showDefaults);
  teacherKind.addEventListener('change', showDefaults);

  const general = el('div', { class: 'error', role: 'alert', id: 'form-errors' });
  const num = (node) => (node.value.trim() === '' ? undefined : Number(node.value));
  const form = el('form', { id: 'spec-form', class: 'form', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const spec = { method: method.value, student: { architecture: student.value }, dataset: { name: dataset.value } };
    if (fields.name.value.trim()) spec.name = fields.name.value;
    if (teacherKind.value === 'architecture') spec.teacher = { architecture: teacherArch.value };
    if (teacherKind.value === 'experiment') spec.teacher = { experimentId: teacherExp.value.trim(), checkpoint: 'best' };
    if (teacherKind.value === 'model') spec.teacher = { modelId: teacherModel.value };
    if (num(fields.trainLimit) !== undefined) spec.dataset.trainLimit = num(fields.trainLimit);
    if (num(fields.testLimit) !== undefined) spec.dataset.testLimit = num(fields.testLimit);
    if (num(fields.temperature) !== undefined) spec.temperature = num(fields.temperature);
    if (fields.zscore.checked) spec.zscore = true;
    const weights = {};
    if (num(fields.ce) !== undefined) weights.ce = num(fields.ce);
    if (num(fields.kd) !== undefined) weights.kd = num(fields.kd);
    if (Object.keys(weights).length) spec.lossWeights = weights;
    const training = {};
    if (num(fields.epochs) !== undefined) training.epochs = num(fields.epochs);
    if (num(fields.batch) !== undefined) training.batchSize = num(fields.batch);
    if (num(fields.lr) !== undefined) training.learningRate = num(fields.lr);
    if (Object.keys(training).length) spec.training = training;
    if (num(fields.seed) !== undefined) spec.seed = num(fields.seed);
    const tags = fields.tags.value.split(',').map((s) => s.trim()).filter(Boolean);
    if (tags.length) spec.tags = Object.fromEntries(tags.map((s) => [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)]));
    try {
      const created = await (await api('/api/v1/experiments', { method: 'POST', body: JSON.stringify(spec) })).json();
      location.hash = '#/experiment/' + created.id;
    } catch (err) {
      fieldErrorsInto(form, general, err.problem || { detail: err.message });
    }
  } },
  field('name', 'Name', fields.name), field('method', 'Method', method), defaults,
  field('student', 'Student', student), field('teacher', 'Teacher', teacherKind), field('teacher.architecture', 'Teacher architecture', teacherArch),
  field('teacher.experimentId', 'Teacher experiment', teacherExp), models.length ? field('teacher.modelId', 'Teacher model', teacherModel) : null, field('dataset', 'Dataset', dataset),
  field('dataset.trainLimit', 'Train limit', fields.trainLimit), field('dataset.testLimit', 'Test limit', fields.testLimit),
  field('temperature', 'Temperature τ', fields.temperature), field('zscore', 'zscore (logit standardization)', fields.zscore),
  field('lossWeights.ce', 'λ_CE', fields.ce), field('lossWeights.kd', 'λ_KD', fields.kd),
  field('training.epochs', 'Epochs', fields.epochs), field('training.batchSize', 'Batch size', fields.batch),
  field('training.learningRate', 'Learning rate', fields.lr), field('seed', 'Seed', fields.seed), field('tags', 'Tags', fields.tags),
  general, el('div', {}, el('button', { type: 'submit', id: 'submit-form', text: 'Submit experiment' })));
  showDefaults();
  return form;
}

// ---------- sweep ----------

async function sweepPage(parts, params, view) {
  const id = parts[1];
  const base = '/api/v1/sweeps/' + encodeURIComponent(id);
  const head = el('div', { id: 'sweep-progress' });
  const cells = el('div', { class: 'table-wrap', id: 'sweep-cells' });
  const heat = el('div', { class: 'heatmap', id: 'heatmap' });
  view.append(el('h1', { text: 'Sweep ' + short(id) }), head, el('h2', { text: 'Cells' }), cells, el('h2', { text: 'Heatmap' }), heat);
  let timer = null;
  let stopped = false;
  let axesDrawn = false;
  const load = async () => {
    const s = await getJson(base);
    if (stopped) return;
    head.replaceChildren(el('progress', { max: 1, value: s.progress, 'aria-label': 'sweep progress' }),
      ' ' + Math.round(100 * s.progress) + ' % of ' + s.experiments + ' experiments · ',
      el('span', { text: Object.entries(s.statuses || {}).map(([k, v]) => k + ' ' + v).join(', ') }));
    const axes = Object.keys(s.grid);
    const best = Math.max(...s.cells.map((c) => (c.bestTestTop1 && c.bestTestTop1.mean !== null ? c.bestTestTop1.mean : -Infinity)));
    const ms = (m) => (m && m.mean !== null ? fmt(m.mean) + ' ± ' + fmt(m.std) : '–');
    cells.replaceChildren(el('table', {},
      el('thead', {}, el('tr', {}, axes.map((a) => el('th', { scope: 'col', text: a })), ['n', 'Best top-1', 'Last top-1', 'Runs'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, s.cells.map((c) => el('tr', { class: c.bestTestTop1 && c.bestTestTop1.mean === best ? 'best' : null },
        axes.map((a) => el('td', { text: JSON.stringify(c.values[a]) })),
        el('td', { class: 'num', text: c.bestTestTop1 ? c.bestTestTop1.n : 0 }),
        el('td', { class: 'num', text: ms(c.bestTestTop1) + (c.bestTestTop1 && c.bestTestTop1.mean === best ? ' ★ best' : '') }),
        el('td', { class: 'num', text: ms(c.lastTestTop1) }),
        el('td', {}, el('a', { href: '#/compare?ids=' + c.runs.join(','), text: 'compare ' + c.runs.length + ' run(s)' })))))));
    if (!axesDrawn && axes.length) {
      axesDrawn = true;
      const x = el('select', { id: 'heat-x' }, axes.map((a) => el('option', { value: a, text: a })));
      const y = el('select', { id: 'heat-y' }, axes.map((a) => el('option', { value: a, text: a })));
      y.value = axes[1] || axes[0];
      const img = el('img', { id: 'heatmap-image', alt: 'heatmap of best test top-1' });
      const draw = async () => {
        const res = await api(base + '/heatmap?x=' + encodeURIComponent(x.value) + '&y=' + encodeURIComponent(y.value) + '&format=svg');
        const old = img.src;
        img.src = URL.createObjectURL(await res.blob());
        if (old) URL.revokeObjectURL(old);
      };
      x.addEventListener('change', () => draw().catch((e) => { heat.dataset.error = e.message; }));
      y.addEventListener('change', () => draw().catch((e) => { heat.dataset.error = e.message; }));
      heat.append(el('div', { class: 'filters' }, el('label', {}, 'x axis', x), el('label', {}, 'y axis', y)), img);
      await draw().catch((e) => heat.append(el('p', { class: 'error', text: e.message })));
    }
    if (s.progress < 1) timer = setTimeout(() => load().catch(() => {}), 3000);
  };
  await load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

showKeyState();
route();
