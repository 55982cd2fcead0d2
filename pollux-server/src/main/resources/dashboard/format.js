// Numbers for people: `48.3 °C`, `1 200 RPM`, `2.1 GiB`, uptime as `3 d 4 h`; "—" for anything
// that is not a finite number. Used by app.js through window.PolluxFormat (no modules: the page
// has no build step and runs under a strict Content-Security-Policy).
'use strict';
(function () {
  const NBSP = '\u00a0'; // between a number and its unit, so the unit never wraps alone
  const THIN = '\u202f'; // narrow no-break space between groups of three digits
  const DASH = '—';
  const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

  function isNumber(v) {
    return typeof v === 'number' && Number.isFinite(v);
  }

  // `1234567.891` with 1 decimal → `1 234 567.9`.
  function fixed(v, decimals) {
    const text = Math.abs(v).toFixed(decimals);
    const dot = text.indexOf('.');
    const whole = dot < 0 ? text : text.slice(0, dot);
    const fraction = dot < 0 ? '' : text.slice(dot);
    let grouped = '';
    for (let i = 0; i < whole.length; i++) {
      if (i > 0 && (whole.length - i) % 3 === 0) grouped += THIN;
      grouped += whole[i];
    }
    const negative = v < 0 && Number(text) !== 0;
    return (negative ? '-' : '') + grouped + fraction;
  }

  function bytes(v) {
    let i = 0;
    let n = Math.abs(v);
    while (n >= 1024 && i < BYTE_UNITS.length - 1) {
      n /= 1024;
      i++;
    }
    const decimals = i === 0 || n >= 100 ? 0 : 1;
    return fixed(v < 0 ? -n : n, decimals) + NBSP + BYTE_UNITS[i];
  }

  // The two largest units: `3 d 4 h`, `4 h 12 min`, `12 min 5 s`, `5 s`.
  function duration(seconds) {
    let s = Math.max(0, Math.floor(seconds));
    const parts = [
      [Math.floor(s / 86400), 'd'],
      [Math.floor((s % 86400) / 3600), 'h'],
      [Math.floor((s % 3600) / 60), 'min'],
      [s % 60, 's'],
    ];
    let first = parts.findIndex(([n]) => n > 0);
    if (first < 0) first = parts.length - 1;
    const shown = parts.slice(first, first + 2).filter(([n], k) => k === 0 || n > 0);
    return shown.map(([n, u]) => n + NBSP + u).join(' ');
  }

  function decimalsFor(v) {
    const a = Math.abs(v);
    return a >= 100 ? 0 : a >= 10 ? 1 : 2;
  }

  // One reading's value with its unit symbol, as the device sends it (`°C`, `rpm`, `V`, ...).
  function value(v, unit) {
    if (!isNumber(v)) return DASH;
    switch (unit) {
      case '°C':
        return fixed(v, 1) + NBSP + '°C';
      case 'rpm':
        return fixed(Math.round(v), 0) + NBSP + 'RPM';
      case '%':
        return fixed(v, 1) + NBSP + '%';
      case 'B':
        return bytes(v);
      case 's':
        return duration(v);
      case '':
      case undefined:
      case null:
        return fixed(v, 2);
      default:
        return fixed(v, decimalsFor(v)) + NBSP + String(unit);
    }
  }

  window.PolluxFormat = { isNumber, fixed, bytes, duration, value, DASH };
})();
