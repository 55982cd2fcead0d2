// The actuator controls: an on/off button for a 0–1 LED, a slider for anything wider. A change is
// sent with `PUT api/v1/actuators/{id}` and the bearer token, asked once and kept in
// sessionStorage (gone with the tab). One request per control at a time: a slider dragged while
// one is in flight sends only its latest value afterwards. Refusals are told in words.
'use strict';
window.PolluxControls = (function () {
  const TOKEN_KEY = 'pollux.token';
  const items = new Map(); // id -> {data, el, control, state, inFlight, pending}
  let memoryToken = null; // where sessionStorage is unavailable (some private modes)
  let waiting = null; // {id, value}: the change to send once the token is entered

  const $ = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function token() {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY) || memoryToken;
    } catch (e) {
      return memoryToken;
    }
  }

  function setToken(t) {
    memoryToken = t;
    try {
      if (t) window.sessionStorage.setItem(TOKEN_KEY, t);
      else window.sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) {
      // Storage refused (private mode, quota): the token lives in memory for this page only.
    }
    $('token-forget').hidden = !t;
  }

  function init() {
    $('token-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const t = $('token-input').value.trim();
      if (!t) return;
      setToken(t);
      $('token-form').hidden = true;
      const w = waiting;
      waiting = null;
      if (w && items.has(w.id)) request(items.get(w.id), w.value);
    });
    $('token-cancel').addEventListener('click', () => {
      $('token-form').hidden = true;
      const w = waiting;
      waiting = null;
      if (w && items.has(w.id)) render(items.get(w.id));
      say('', '');
    });
    $('token-forget').addEventListener('click', () => {
      setToken(null);
      say('ok', 'The token is forgotten; the next change will ask for it.');
    });
    $('token-forget').hidden = !token();
  }

  function valid(a) {
    return (
      a && typeof a.id === 'string' && a.id !== '' &&
      Number.isFinite(a.min) && Number.isFinite(a.max) && Number.isFinite(a.value) && a.max > a.min
    );
  }

  function refresh() {
    fetch('api/v1/actuators', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then((res) => (res.ok ? res.json() : null))
      .then((body) => {
        if (Array.isArray(body)) show(body.filter(valid));
      })
      .catch(() => {
        // The device is away: the stream's reconnect will call refresh again.
      });
  }

  function show(list) {
    const ids = new Set(list.map((a) => a.id));
    for (const [id, item] of [...items]) {
      if (!ids.has(id)) {
        item.el.remove();
        items.delete(id);
      }
    }
    for (const a of list) {
      let item = items.get(a.id);
      if (!item || binary(item.data) !== binary(a)) {
        if (item) item.el.remove();
        item = build(a);
      }
      item.data = a;
      if (!item.inFlight) render(item);
    }
    $('actuators-empty').hidden = items.size > 0;
  }

  function binary(a) {
    return a.max - a.min === 1;
  }

  function build(a) {
    const box = el('div', 'actuator');
    box.dataset.id = a.id;
    const head = el('div', 'head');
    const name = el('span', 'name', a.id);
    const state = el('span', 'state');
    head.append(name, state);
    const item = { data: a, el: box, control: null, state, inFlight: false, pending: null };
    if (binary(a)) {
      item.control = el('button', 'toggle');
      item.control.type = 'button';
      item.control.addEventListener('click', () => {
        const d = item.data;
        request(item, d.value > d.min ? d.min : d.max);
      });
    } else {
      item.control = el('input');
      item.control.type = 'range';
      item.control.step = '1';
      item.control.setAttribute('aria-label', a.id);
      item.control.addEventListener('input', () => {
        state.textContent = item.control.value + ' / ' + item.data.max;
      });
      item.control.addEventListener('change', () => request(item, Number(item.control.value)));
    }
    box.append(head, item.control);
    items.set(a.id, item);
    $('actuators').append(box);
    return item;
  }

  function render(item) {
    const a = item.data;
    if (binary(a)) {
      const on = a.value > a.min;
      item.control.textContent = on ? 'Turn off' : 'Turn on';
      item.control.setAttribute('aria-pressed', on ? 'true' : 'false');
      item.state.textContent = on ? 'on' : 'off';
    } else {
      item.control.min = String(a.min);
      item.control.max = String(a.max);
      item.control.value = String(a.value);
      item.state.textContent = a.value + ' / ' + a.max;
    }
  }

  function request(item, value) {
    if (!token()) {
      waiting = { id: item.data.id, value };
      askToken();
      return;
    }
    item.pending = value;
    if (!item.inFlight) send(item);
  }

  function askToken() {
    $('token-form').hidden = false;
    $('token-input').value = '';
    $('token-input').focus();
  }

  function send(item) {
    const id = item.data.id;
    const value = item.pending;
    item.pending = null;
    item.inFlight = true;
    item.el.classList.add('busy');
    fetch('api/v1/actuators/' + encodeURIComponent(id), {
      method: 'PUT',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, application/problem+json',
        Authorization: 'Bearer ' + token(),
      },
      body: JSON.stringify({ value }),
    })
      .then((res) => res.text().then((text) => answered(item, value, res.status, parse(text))))
      .catch(() => {
        item.pending = null;
        say('error', 'Could not reach the device: ' + id + ' was not changed.');
      })
      .finally(() => {
        item.inFlight = false;
        item.el.classList.remove('busy');
        if (item.pending !== null) send(item);
        else render(item);
      });
  }

  function parse(text) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  function answered(item, value, status, body) {
    const id = item.data.id;
    if (status >= 200 && status < 300) {
      item.data = valid(body) ? body : Object.assign({}, item.data, { value });
      say('ok', id + ' set to ' + item.data.value + '.');
      return;
    }
    item.pending = null;
    say('error', words(status, body, item.data));
    if (status === 401 || status === 403) {
      setToken(null);
      waiting = { id, value };
      askToken();
    } else if (status === 404) {
      refresh();
    }
  }

  // A refusal in words; the device's own detail (fixed text, never our input) in parentheses.
  function words(status, problem, a) {
    const detail = problem && typeof problem.detail === 'string' ? ' (' + problem.detail + ')' : '';
    switch (status) {
      case 401:
        return 'Not allowed: changing ' + a.id + ' needs the device’s token.' + detail;
      case 403:
        return 'Refused: the token is wrong, or this device does not accept changes.' + detail;
      case 404:
        return a.id + ' is no longer on this device.' + detail;
      case 422:
        return 'Out of range: ' + a.id + ' takes values from ' + a.min + ' to ' + a.max + '.' + detail;
      case 400:
        return 'The device did not understand the change.' + detail;
      default:
        return 'The device could not change ' + a.id + ' (HTTP ' + status + ').' + detail;
    }
  }

  function say(kind, text) {
    const p = $('actuator-message');
    p.className = 'message ' + kind;
    p.textContent = text;
  }

  return { init, refresh };
})();
