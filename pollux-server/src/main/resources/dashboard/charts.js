// The live charts (uPlot): the primary temperature always, and each sensor the person picked.
// A chart starts from `api/v1/sensors/{id}/history?since=10m` and grows from the readings app.js
// hands it; readings that arrive while the history loads are kept and merged after it. Drawing is
// coalesced to one animation frame, and the canvases take their colours from the CSS theme.
'use strict';
window.PolluxCharts = (function () {
  const F = window.PolluxFormat;
  const WINDOW_SECONDS = 600; // ten minutes, as `since=10m`
  const GAP_SECONDS = 10; // a longer break between kept and new points is drawn as a gap
  const charts = new Map(); // id -> {id, label, unit, box, title, latest, body, note, plot, xs, ys, gen, pending}
  const dirty = new Set();
  let frame = 0;
  let primaryId = null;
  let hooks = { pressed() {} };
  let resizes = null;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function init(h) {
    hooks = h;
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    dark.addEventListener('change', () => charts.forEach(rebuild));
    resizes = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const c = [...charts.values()].find((x) => x.body === entry.target);
        if (c && c.plot && c.plot.width !== c.body.clientWidth) {
          c.plot.setSize({ width: c.body.clientWidth, height: heightFor() });
        }
      }
    });
  }

  function primary() {
    return primaryId;
  }

  function setPrimary(id, about) {
    if (id === primaryId) return;
    const old = primaryId;
    primaryId = id;
    if (old) close(old);
    if (!id) return;
    if (charts.has(id)) $charts().prepend(charts.get(id).box);
    else open(id, about, true);
  }

  function $charts() {
    return document.getElementById('charts');
  }

  function open(id, about, first) {
    if (charts.has(id)) return;
    const box = el('section', 'chart');
    const head = el('div', 'chart-head');
    const title = el('h3', '', about.label);
    const latest = el('span', 'latest', F.DASH);
    head.append(title, latest);
    const body = el('div', 'chart-body');
    const note = el('p', 'chart-note muted', 'loading the last ten minutes…');
    box.append(head, body, note);
    box.dataset.id = id;
    if (first) $charts().prepend(box);
    else $charts().append(box);
    const c = { id, label: about.label, unit: about.unit, box, title, latest, body, note };
    Object.assign(c, { plot: null, xs: [], ys: [], gen: 0, pending: null });
    charts.set(id, c);
    resizes.observe(body);
    load(c);
  }

  function close(id) {
    const c = charts.get(id);
    if (!c) return;
    c.gen++;
    if (c.plot) c.plot.destroy();
    resizes.unobserve(c.body);
    c.box.remove();
    charts.delete(id);
    dirty.delete(c);
    hooks.pressed();
  }

  // A sensor left the device: its chart goes too, except the primary's, which keeps its last data.
  function sensorGone(id) {
    if (id !== primaryId) close(id);
  }

  function reveal(id) {
    const c = charts.get(id);
    if (c) c.box.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  function reloadAll() {
    charts.forEach(load);
  }

  function load(c) {
    const gen = ++c.gen;
    c.pending = [];
    const path = 'api/v1/sensors/' + encodeURIComponent(c.id) + '/history?since=10m';
    fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then((res) => {
        if (!res.ok) throw new Error(path + ' answered ' + res.status);
        return res.json();
      })
      .then((body) => {
        if (gen !== c.gen) return;
        if (body && typeof body.unit === 'string') c.unit = body.unit;
        const points = body && Array.isArray(body.points) ? body.points : [];
        fill(c, points.filter((p) => Array.isArray(p) && F.isNumber(p[0]) && F.isNumber(p[1])));
        c.note.textContent = '';
      })
      .catch(() => {
        if (gen !== c.gen) return;
        fill(c, []);
        c.note.textContent = 'No history from the device; showing live values only.';
      });
  }

  // Takes `points` ([epoch_ms, value]) as the truth from their first one on, keeps what the chart
  // showed before that (a restarted server has forgotten it) with a gap where the server was away,
  // and adds the live points kept meanwhile.
  function fill(c, points) {
    const live = c.pending || [];
    c.pending = null;
    const from = points.length > 0 ? points[0][0] / 1000 : Infinity;
    const xs = c.xs;
    const ys = c.ys;
    c.xs = [];
    c.ys = [];
    for (let i = 0; i < xs.length && xs[i] < from; i++) add(c, xs[i], ys[i]);
    const last = c.xs.length > 0 ? c.xs[c.xs.length - 1] : null;
    if (last !== null && from !== Infinity && from - last > GAP_SECONDS) add(c, (last + from) / 2, null);
    for (const [ms, v] of points) add(c, ms / 1000, v);
    for (const [x, v] of live) add(c, x, v);
    schedule(c);
  }

  function add(c, x, y) {
    const n = c.xs.length;
    if (n > 0 && x <= c.xs[n - 1]) return;
    c.xs.push(x);
    c.ys.push(y);
    const cutoff = x - WINDOW_SECONDS;
    let k = 0;
    while (k < c.xs.length && c.xs[k] < cutoff) k++;
    if (k > 0) {
      c.xs.splice(0, k);
      c.ys.splice(0, k);
    }
  }

  // One reading from the stream (already checked to have an id).
  function reading(r) {
    const c = charts.get(r.id);
    if (!c) return;
    if (typeof r.label === 'string' && r.label !== '' && r.label !== c.label) {
      c.label = r.label;
      c.title.textContent = r.label;
    }
    if (typeof r.unit === 'string') c.unit = r.unit;
    const ok = r.status === 'ok' && F.isNumber(r.value) && F.isNumber(r.at);
    c.latest.textContent = ok ? F.value(r.value, c.unit) : String(r.status || F.DASH);
    if (!ok) return;
    if (c.pending) c.pending.push([r.at / 1000, r.value]);
    else add(c, r.at / 1000, r.value);
    schedule(c);
  }

  function schedule(c) {
    dirty.add(c);
    if (!frame) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        dirty.forEach(draw);
        dirty.clear();
      });
    }
  }

  function draw(c) {
    if (typeof window.uPlot !== 'function') {
      c.note.textContent = 'The chart library did not load; the values above still update.';
      return;
    }
    if (c.plot) c.plot.setData([c.xs, c.ys]);
    else c.plot = new window.uPlot(options(c), [c.xs, c.ys], c.body);
  }

  function rebuild(c) {
    if (c.plot) c.plot.destroy();
    c.plot = null;
    draw(c);
  }

  function heightFor() {
    return window.innerWidth < 480 ? 170 : 220;
  }

  function options(c) {
    const css = getComputedStyle(document.documentElement);
    const color = (name) => css.getPropertyValue(name).trim();
    const axis = {
      stroke: color('--muted'),
      grid: { stroke: color('--grid'), width: 1 },
      ticks: { stroke: color('--grid'), width: 1 },
    };
    return {
      width: Math.max(200, c.body.clientWidth),
      height: heightFor(),
      scales: { x: { time: true, range: timeRange }, y: { range: valueRange } },
      legend: { show: true, live: true },
      cursor: { points: { size: 6 } },
      series: [
        {},
        {
          label: c.label,
          stroke: color('--accent'),
          width: 2,
          points: { show: false },
          value: (u, v) => F.value(v, c.unit),
        },
      ],
      axes: [
        Object.assign({}, axis, { space: 70, values: timeLabels }),
        Object.assign({}, axis, { size: 78, values: (u, ticks) => ticks.map((t) => F.value(t, c.unit)) }),
      ],
    };
  }

  // Time axis labels on a 24-hour clock, `14:05:30`, or `14:05` when every tick is on a minute.
  function timeLabels(u, ticks) {
    const seconds = ticks.some((t) => Math.round(t) % 60 !== 0);
    const format = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    if (seconds) format.second = '2-digit';
    return ticks.map((t) => new Date(t * 1000).toLocaleTimeString([], format));
  }

  // At least the last minute, so that a fresh chart does not label milliseconds.
  function timeRange(u, min, max) {
    if (min === null || max === null) {
      const now = Date.now() / 1000;
      return [now - 60, now];
    }
    return [Math.min(min, max - 60), max];
  }

  // The values with a tenth of their span around them; a flat line gets ±1 unit (or ±5 %).
  function valueRange(u, min, max) {
    if (min === null || max === null) return [0, 1];
    const pad = max > min ? (max - min) / 10 : Math.max(1, Math.abs(max) * 0.05);
    return [min - pad, max + pad];
  }

  return { init, primary, setPrimary, open, close, sensorGone, reveal, reloadAll, reading };
})();
