// The Pollux dashboard: the device, a tile per sensor, live charts and the LED controls.
//
// Design: exactly one EventSource (`api/v1/events`) carries every new reading; the JSON API is read
// once at start and again each time that stream (re)opens — after a server restart the sensors,
// history and controls are fetched afresh — and never polled. Uptime ticks on the local clock from
// the device's figure. Everything from the device reaches the page through textContent, never
// innerHTML, and the page runs under `script-src 'self'` (see index.html).
'use strict';
(function () {
  const F = window.PolluxFormat;
  const MAX_PICKED = 4; // charts besides the primary one; the oldest pick makes room

  const state = {
    device: null,
    deviceAtMs: 0, // performance.now() when `device` arrived, to tick its uptime locally
    tiles: new Map(), // id -> {el, value, status, label, reading, seenMs}
    picked: [], // ids the person chose to chart, oldest first
    source: null, // the one EventSource
    opened: false, // whether the stream was ever open (its first open needs no refresh)
    retryMs: 1000,
    retryTimer: 0,
    lastEventMs: 0,
    intervalMs: 1000, // estimated sampling interval, from the primary's timestamps
    lastPrimaryAt: 0,
    lastListMs: 0,
  };

  const $ = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function getJson(path) {
    return fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' }).then((res) => {
      if (!res.ok) throw new Error(path + ' answered ' + res.status);
      return res.json();
    });
  }

  // A reading as the API sends it, or null when it is not one.
  function asReading(r) {
    if (!r || typeof r !== 'object' || typeof r.id !== 'string' || r.id === '') return null;
    return r;
  }

  function text(v, fallback) {
    return typeof v === 'string' && v !== '' ? v : fallback;
  }

  // ---- Device ----

  function showDevice(d) {
    state.device = d;
    state.deviceAtMs = performance.now();
    const name = text(d.id, text(d.hostName, 'Pollux'));
    $('device-name').textContent = name;
    document.title = name + ' · Pollux';
    $('footer-version').textContent = 'Pollux ' + text(d.version, '');
    tickUptime();
    const primary = text(d.primary, null);
    state.picked = state.picked.filter((p) => p !== primary);
    window.PolluxCharts.setPrimary(primary, labelOf(primary));
    renderPressed();
  }

  function tickUptime() {
    const d = state.device;
    if (!d) return;
    const facts = [];
    if (d.hostName && d.hostName !== d.id) facts.push(String(d.hostName));
    if (F.isNumber(d.uptime)) {
      const up = d.uptime + (performance.now() - state.deviceAtMs) / 1000;
      facts.push('server up ' + F.duration(up));
    }
    if (d.io) facts.push('I/O ' + d.io + (F.isNumber(d.loops) ? ', ' + d.loops + ' loops' : ''));
    $('device-facts').textContent = facts.join(' · ');
  }

  // ---- Sensor tiles ----

  function tileFor(r) {
    let t = state.tiles.get(r.id);
    if (t) return t;
    const button = el('button', 'tile');
    button.type = 'button';
    button.dataset.id = r.id;
    const labelLine = el('span', 'label');
    const label = el('span');
    const badge = el('span', 'badge', 'simulated');
    labelLine.append(label, badge);
    const value = el('span', 'value', F.DASH);
    const status = el('span', 'status');
    button.append(labelLine, value, status, el('span', 'id', r.id));
    button.addEventListener('click', () => togglePick(r.id));
    t = { el: button, label, badge, value, status, reading: null, seenMs: 0 };
    state.tiles.set(r.id, t);
    $('tiles').append(button);
    $('sensors-empty').hidden = true;
    renderPressed();
    return t;
  }

  function showReading(r) {
    const t = tileFor(r);
    t.reading = r;
    t.seenMs = performance.now();
    t.label.textContent = text(r.label, r.id);
    t.badge.hidden = r.simulated !== true;
    t.value.textContent = F.value(r.value, r.unit);
    const status = r.status === 'error' || r.status === 'stale' ? r.status : 'ok';
    t.el.classList.toggle('error', status === 'error');
    t.el.classList.toggle('stale', status === 'stale');
    if (status === 'error') t.status.textContent = 'error: ' + text(r.error, 'unknown');
    else if (status === 'stale') t.status.textContent = 'stale' + (r.error ? ': ' + r.error : ', not current');
    else t.status.textContent = '';
    t.el.title = r.label ? r.label + ' (' + r.id + ')' : r.id;
    window.PolluxCharts.reading(r);
  }

  function removeTile(id) {
    const t = state.tiles.get(id);
    if (!t) return;
    t.el.remove();
    state.tiles.delete(id);
    state.picked = state.picked.filter((p) => p !== id);
    window.PolluxCharts.sensorGone(id);
    $('sensors-empty').hidden = state.tiles.size > 0;
  }

  // The full list from the API: adds and updates tiles, removes those that left, keeps its order.
  function showSensorList(list, askedAtMs) {
    const ids = new Set();
    for (const raw of list) {
      const r = asReading(raw);
      if (!r) continue;
      ids.add(r.id);
      showReading(r);
    }
    for (const [id, t] of [...state.tiles]) {
      if (!ids.has(id) && t.seenMs < askedAtMs) removeTile(id);
    }
    const box = $('tiles');
    const wanted = [...ids].map((id) => state.tiles.get(id).el);
    if (wanted.some((e, i) => box.children[i] !== e)) box.append(...wanted);
    $('sensors-empty').hidden = state.tiles.size > 0;
  }

  function refreshSensors() {
    const askedAtMs = performance.now();
    state.lastListMs = askedAtMs;
    return getJson('api/v1/sensors').then((body) => {
      showSensorList(Array.isArray(body && body.sensors) ? body.sensors : [], askedAtMs);
    });
  }

  function togglePick(id) {
    const charts = window.PolluxCharts;
    if (id === charts.primary()) return charts.reveal(id);
    if (state.picked.includes(id)) {
      state.picked = state.picked.filter((p) => p !== id);
      charts.close(id);
    } else {
      state.picked.push(id);
      if (state.picked.length > MAX_PICKED) charts.close(state.picked.shift());
      charts.open(id, labelOf(id));
    }
    renderPressed();
  }

  function labelOf(id) {
    const t = state.tiles.get(id);
    return t && t.reading ? { label: text(t.reading.label, id), unit: t.reading.unit } : { label: id, unit: '' };
  }

  function renderPressed() {
    const primary = window.PolluxCharts.primary();
    for (const [id, t] of state.tiles) {
      const charted = id === primary || state.picked.includes(id);
      t.el.setAttribute('aria-pressed', charted ? 'true' : 'false');
    }
  }

  // ---- The event stream ----

  function setConnection(kind, words) {
    const c = $('connection');
    c.className = 'connection ' + kind;
    c.textContent = words;
    document.body.classList.toggle('offline', kind !== 'live');
  }

  function connect() {
    clearTimeout(state.retryTimer);
    if (state.source) state.source.close();
    const es = new EventSource('api/v1/events');
    state.source = es;
    es.addEventListener('open', () => {
      if (state.source !== es) return;
      setConnection('live', 'live');
      state.retryMs = 1000;
      state.lastEventMs = performance.now();
      if (state.opened) refreshAll(); // a reconnect: the server may have restarted
      state.opened = true;
    });
    es.addEventListener('reading', (e) => {
      if (state.source !== es) return;
      state.lastEventMs = performance.now();
      onReading(e.data);
    });
    es.addEventListener('error', () => {
      if (state.source !== es) return;
      setConnection('reconnecting', 'reconnecting…');
      // CONNECTING: the browser retries by itself. CLOSED (an HTTP error, a wrong content type): it
      // gave up, so retry here with a growing delay.
      if (es.readyState === EventSource.CLOSED) reconnectLater();
    });
  }

  function reconnectLater() {
    if (state.source) state.source.close();
    state.source = null;
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(connect, state.retryMs);
    state.retryMs = Math.min(state.retryMs * 2, 15000);
  }

  function onReading(data) {
    let r;
    try {
      r = asReading(JSON.parse(data));
    } catch (e) {
      return; // not JSON: nothing to show, and the next event will be
    }
    if (!r) return;
    if (r.id === window.PolluxCharts.primary() && F.isNumber(r.at)) {
      const gap = r.at - state.lastPrimaryAt;
      if (state.lastPrimaryAt > 0 && gap > 0) state.intervalMs = gap;
      state.lastPrimaryAt = r.at;
    }
    showReading(r);
  }

  // Every few seconds, from the local clock only: a stream silent far longer than the sampling
  // interval is dead (a server gone without closing the socket), so open a new one; a tile silent
  // while others are not may be a sensor that left, so read the list once (at most twice a minute).
  function watch() {
    tickUptime();
    const now = performance.now();
    const silentMs = Math.max(15000, 5 * state.intervalMs);
    const es = state.source;
    if (es && es.readyState === EventSource.OPEN && now - state.lastEventMs > Math.max(45000, 3 * silentMs)) {
      setConnection('reconnecting', 'reconnecting…');
      reconnectLater();
      return;
    }
    const streaming = es && es.readyState === EventSource.OPEN && now - state.lastEventMs < silentMs;
    const someSilent = [...state.tiles.values()].some((t) => now - t.seenMs > silentMs);
    if (streaming && someSilent && now - state.lastListMs > 30000) refreshSensors().catch(() => {});
  }

  function refreshAll() {
    const failed = () => {
      if (!state.source || state.source.readyState !== EventSource.OPEN) {
        setConnection('reconnecting', 'reconnecting…');
      }
    };
    getJson('api/v1/device').then(showDevice).catch(failed);
    refreshSensors().catch(failed);
    window.PolluxControls.refresh();
    window.PolluxCharts.reloadAll();
  }

  function start() {
    window.PolluxCharts.init({ pressed: renderPressed, label: labelOf });
    window.PolluxControls.init();
    setConnection('connecting', 'connecting…');
    refreshAll();
    connect();
    setInterval(watch, 1000);
  }

  start();
})();
