// amp dashboard: every live figure arrives as server-sent events from the server's queue tailers.
'use strict';

/** Counters the end-to-end test reads; also handy in the browser console. */
const amp = window.amp = { runs: 0, iterations: 0, heatRows: 0, frames: 0, drawnFrames: 0, errors: [] };

const CHARTS = [
  { title: 'Reward per env step', series: [['task_reward', 'task', '#1f77b4'], ['style_reward', 'style', '#d62728'],
    ['combined_reward', 'combined', '#2ca02c']] },
  { title: 'Discriminator accuracy', series: [['disc_accuracy', 'mean', '#9467bd'], ['disc_expert_accuracy', 'expert', '#2ca02c'],
    ['disc_policy_accuracy', 'policy', '#d62728']] },
  { title: 'Discriminator scores', series: [['disc_expert_score', 'expert', '#2ca02c'], ['disc_policy_score', 'policy', '#d62728']] },
  { title: 'Losses', series: [['surrogate_loss', 'surrogate', '#1f77b4'], ['value_loss', 'value', '#ff7f0e'],
    ['disc_loss', 'discriminator', '#9467bd']] },
  { title: 'Learning rate (log scale)', log: true,
    series: [['learning_rate', 'policy', '#1f77b4'], ['disc_learning_rate', 'discriminator', '#9467bd']] },
  { title: 'Env steps/s', series: [['@steps_per_second', 'steps/s', '#17becf']] },
  { title: 'Stage seconds', series: [['stage:rollout', 'rollout', '#1f77b4'], ['stage:transport', 'transport', '#ff7f0e'],
    ['stage:style_reward', 'style reward', '#d62728'], ['stage:d_update', 'D update', '#9467bd'],
    ['stage:ppo_update', 'PPO update', '#2ca02c'], ['stage:commit', 'commit', '#7f7f7f']] },
];
const HEAT_ROWS = 30;
const RECENT_FRAMES = 150;
const TRACE_STEPS = 250;
const CONTROL_MS = 20; // 50 Hz control

let runsSource = null;
let view = null; // the open run: its sources, charts and buffers

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function connection(text) { document.getElementById('connection').textContent = text; }

// ---- run list -------------------------------------------------------------------------------
function connectRuns() {
  runsSource = new EventSource('/api/runs/stream');
  runsSource.onopen = () => connection('live');
  runsSource.onerror = () => connection('reconnecting…');
  runsSource.addEventListener('runs', e => renderRuns(JSON.parse(e.data)));
}

function renderRuns(runs) {
  amp.runs = runs.length;
  const byName = new Map(runs.map(r => [r.name, r]));
  const children = new Map();
  const roots = [];
  runs.forEach(r => {
    if (r.parent && byName.has(r.parent)) {
      if (!children.has(r.parent)) children.set(r.parent, []);
      children.get(r.parent).push(r);
    } else roots.push(r);
  });
  const body = document.querySelector('#runs tbody');
  body.replaceChildren();
  const add = (r, prefix, childPrefix) => {
    const tr = el('tr', { class: 'run', 'data-run': r.name });
    const name = prefix + r.name + (r.parent ? ' @' + r.fork_iteration : '');
    tr.append(el('td', {}, name), el('td', {}, r.status), el('td', {}, r.iterations + '/' + r.target_iterations),
      el('td', {}, String(r.env_steps)), el('td', {}, r.detail));
    tr.onclick = () => { location.hash = '#run=' + encodeURIComponent(r.name); };
    body.append(tr);
    const kids = children.get(r.name) || [];
    kids.forEach((k, i) => {
      const last = i === kids.length - 1;
      add(k, childPrefix + (last ? '└─ ' : '├─ '), childPrefix + (last ? '   ' : '│  '));
    });
  };
  roots.forEach(r => add(r, '', ''));
  if (view) {
    const r = byName.get(view.run);
    if (r) setStatus(r.status, r.detail);
  }
}

// ---- one run --------------------------------------------------------------------------------
function route() {
  const m = /^#run=(.+)$/.exec(location.hash);
  closeRun();
  document.getElementById('run-view').hidden = !m;
  if (m) openRun(decodeURIComponent(m[1]));
}

function closeRun() {
  if (!view) return;
  view.source.close();
  if (view.envSource) view.envSource.close();
  view.charts.forEach(c => c.plot.destroy());
  if (view.trace) view.trace.destroy();
  view = null;
}

function value(msg, key) {
  if (key.startsWith('@')) return msg[key.slice(1)];
  if (key.startsWith('stage:')) return msg.stage_seconds[key.slice(6)];
  return msg.stats[key];
}

function openRun(run) {
  document.getElementById('run-name').textContent = run;
  const box = document.getElementById('charts');
  box.replaceChildren();
  const charts = CHARTS.map(def => {
    const div = el('div', { class: 'chart' });
    box.append(div);
    const data = [[]].concat(def.series.map(() => []));
    const plot = new uPlot({
      title: def.title, width: 430, height: 220,
      scales: def.log ? { x: { time: false }, y: { distr: 3 } } : { x: { time: false } },
      series: [{ label: 'iteration' }].concat(def.series.map(([, label, stroke]) => ({ label, stroke, width: 1.5 }))),
    }, data, div);
    return { def, data, plot };
  });
  view = { run, charts, heat: [], recent: [], play: 0, trace: null, traceData: [[], [], []], dirty: false, env: -1 };
  view.source = new EventSource('/api/runs/' + encodeURIComponent(run) + '/stream');
  view.source.addEventListener('created', e => {
    const c = JSON.parse(e.data);
    view.target = c.target_iterations;
  });
  view.source.addEventListener('iteration', e => onIteration(JSON.parse(e.data)));
  view.source.addEventListener('heat', e => onHeat(JSON.parse(e.data)));
  view.source.addEventListener('status', e => { const s = JSON.parse(e.data); setStatus(s.status, s.detail); });
  view.source.addEventListener('error', e => { if (e.data) amp.errors.push(JSON.parse(e.data).message); });
  selectEnv(Number(document.getElementById('env').value) || 0);
}

function setStatus(status, detail) {
  const s = document.getElementById('run-status');
  s.textContent = status;
  s.className = 'status ' + status;
  s.title = detail || '';
}

function onIteration(msg) {
  amp.iterations++;
  view.charts.forEach(c => {
    c.data[0].push(msg.iteration);
    c.def.series.forEach(([key], i) => c.data[i + 1].push(value(msg, key) ?? null));
  });
  document.getElementById('run-iter').textContent = 'iteration ' + msg.iteration + (view.target ? '/' + view.target : '')
    + ', ' + msg.env_steps + ' env steps';
  view.dirty = true;
}

function onHeat(row) {
  const i = view.heat.findIndex(h => h.iteration === row.iteration);
  if (i >= 0) view.heat[i] = row; else { view.heat.push(row); amp.heatRows++; }
  view.heat.sort((a, b) => a.iteration - b.iteration);
  if (view.heat.length > HEAT_ROWS) view.heat.splice(0, view.heat.length - HEAT_ROWS);
  drawHeat();
}

// ---- heat map -------------------------------------------------------------------------------
function colour(t) { // dark blue (low style reward) .. yellow (high)
  const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const x = Math.min(Math.max(t, 0), 1) * (stops.length - 1);
  const k = Math.min(Math.floor(x), stops.length - 2);
  const f = x - k;
  const c = stops[k].map((v, j) => Math.round(v + f * (stops[k + 1][j] - v)));
  return 'rgb(' + c.join(',') + ')';
}

function drawHeat() {
  const canvas = document.getElementById('heat');
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  if (!view.heat.length) return;
  let envs = 0, lo = Infinity, hi = -Infinity;
  view.heat.forEach(h => h.envs.forEach((e, i) => {
    envs = Math.max(envs, e + 1);
    const v = h.style_reward[i];
    if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }));
  const w = canvas.width / envs, h = canvas.height / view.heat.length;
  view.heatCellWidth = w;
  view.heat.forEach((row, r) => row.envs.forEach((e, i) => {
    const v = row.style_reward[i];
    g.fillStyle = v === null ? '#ccc' : colour(hi > lo ? (v - lo) / (hi - lo) : 0.5);
    g.fillRect(e * w, r * h, Math.ceil(w), Math.ceil(h));
  }));
  if (view.env >= 0 && view.env < envs) {
    g.strokeStyle = '#e00';
    g.lineWidth = 2;
    g.strokeRect(view.env * w + 1, 1, w - 2, canvas.height - 2);
  }
  const first = view.heat[0].iteration, last = view.heat[view.heat.length - 1].iteration;
  document.getElementById('heat-scale').textContent = 'rows: iterations ' + first + '–' + last + ' (newest at the bottom), '
    + envs + ' envs; style reward ' + lo.toFixed(3) + ' (dark) … ' + hi.toFixed(3) + ' (yellow)';
}

document.getElementById('heat').addEventListener('click', ev => {
  if (!view || !view.heatCellWidth) return;
  const rect = ev.target.getBoundingClientRect();
  const x = (ev.clientX - rect.left) * (ev.target.width / rect.width);
  const env = Math.floor(x / view.heatCellWidth);
  document.getElementById('env').value = env;
  selectEnv(env);
});
document.getElementById('env').addEventListener('change', ev => selectEnv(Number(ev.target.value)));

// ---- one env: reward trace and stick figures --------------------------------------------------
function selectEnv(env) {
  if (!view || !(env >= 0)) return;
  if (view.envSource) view.envSource.close();
  view.env = env;
  view.recent = [];
  view.play = 0;
  view.traceData = [[], [], []];
  if (!view.trace) {
    view.trace = new uPlot({
      title: 'Env reward per step', width: 560, height: 200, scales: { x: { time: false } },
      series: [{ label: 'step' }, { label: 'task', stroke: '#1f77b4' }, { label: 'style', stroke: '#d62728' }],
    }, view.traceData, document.getElementById('env-trace'));
  }
  view.trace.setData(view.traceData);
  drawHeat();
  view.envSource = new EventSource('/api/runs/' + encodeURIComponent(view.run) + '/envs/' + env + '/stream');
  view.envSource.addEventListener('robot', e => {
    const r = JSON.parse(e.data);
    document.getElementById('env-info').textContent = r.drawable ? '' : '(no stick figure: ' + r.reason + ')';
  });
  view.envSource.addEventListener('frame', e => onFrame(JSON.parse(e.data)));
  view.envSource.addEventListener('error', e => { if (e.data) amp.errors.push(JSON.parse(e.data).message); });
}

function onFrame(f) {
  amp.frames++;
  view.recent.push(f);
  if (view.recent.length > RECENT_FRAMES) {
    view.recent.shift();
    view.play = Math.max(0, view.play - 1);
  }
  const t = view.traceData;
  t[0].push(f.step); t[1].push(f.task_reward); t[2].push(f.style_reward);
  if (t[0].length > TRACE_STEPS) t.forEach(a => a.shift());
  view.dirty = true;
}

function drawFigure(canvas, points, colours) {
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  const scale = canvas.height / 1.8, ox = canvas.width / 2, oz = canvas.height - 20;
  g.strokeStyle = '#999'; g.lineWidth = 1;
  g.beginPath(); g.moveTo(0, oz); g.lineTo(canvas.width, oz); g.stroke();
  if (!points) return;
  const p = i => [ox + points[2 * i] * scale, oz - points[2 * i + 1] * scale];
  const line = (idx, colour, width) => {
    g.strokeStyle = colour; g.lineWidth = width; g.lineCap = 'round'; g.lineJoin = 'round';
    g.beginPath();
    idx.forEach((i, k) => { const [x, y] = p(i); if (k) g.lineTo(x, y); else g.moveTo(x, y); });
    g.stroke();
  };
  line([1, 6, 7, 8, 9, 7], colours[1], 4); // right leg: hip knee ankle heel toe ankle
  line([0, 1], colours[0], 7);              // torso
  line([1, 2, 3, 4, 5, 3], colours[0], 4);  // left leg
  const [hx, hy] = p(0);
  g.fillStyle = colours[0]; g.beginPath(); g.arc(hx, hy, 5, 0, 2 * Math.PI); g.fill();
}

let lastTick = 0;
function tick(now) {
  requestAnimationFrame(tick);
  if (!view) return;
  if (view.dirty) {
    view.dirty = false;
    view.charts.forEach(c => c.plot.setData(c.data));
    if (view.trace) view.trace.setData(view.traceData);
  }
  if (now - lastTick < CONTROL_MS || !view.recent.length) return;
  lastTick = now;
  view.play = (view.play + 1) % view.recent.length; // loop over the recent motion
  const f = view.recent[view.play];
  drawFigure(document.getElementById('stick'), f.pose, ['#1f3b73', '#6f8fc9']);
  drawFigure(document.getElementById('reference'), f.reference && f.reference.pose, ['#7a2a2a', '#d49090']);
  document.getElementById('reference-caption').textContent = f.reference
    ? 'nearest reference: ' + f.reference.clip.split('/').pop() + ' frame ' + f.reference.frame : 'no reference frame';
  document.getElementById('env-info').textContent = 'iteration ' + f.iteration + ', step ' + f.step + ', episode ' + f.episode
    + ', style ' + (f.style_reward ?? NaN).toFixed(3) + ', task ' + (f.task_reward ?? NaN).toFixed(3);
  if (f.pose) amp.drawnFrames++;
}

window.addEventListener('hashchange', route);
connectRuns();
route();
requestAnimationFrame(tick);
