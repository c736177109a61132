// Shared helpers of the transfab pages: API calls, error messages, small DOM builders.
"use strict";

/** Calls the server; resolves to {ok, status, data, text}. A 401 sends the browser to the login page. */
async function api(method, url, body, type) {
  const opts = { method: method, credentials: "same-origin", headers: {} };
  if (body !== undefined) {
    if (type) {
      opts.headers["Content-Type"] = type;
      opts.body = body;
    } else {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
  }
  let res;
  try {
    res = await fetch(url, opts);
  } catch (e) {
    return { ok: false, status: 0, data: null, text: "", error: "the server cannot be reached (" + e.message + ")" };
  }
  if (res.status === 401) {
    location.href = "/login?next=" + encodeURIComponent(location.pathname + location.search);
    return { ok: false, status: 401, data: null, text: "", error: "sign in first" };
  }
  const text = await res.text();
  let data = null;
  const ct = res.headers.get("Content-Type") || "";
  if (ct.indexOf("json") >= 0 && text) {
    try { data = JSON.parse(text); } catch (e) { data = null; }
  }
  let error = null;
  if (!res.ok) {
    error = (data && (data.detail || data.title)) || ("HTTP " + res.status);
  }
  return { ok: res.ok, status: res.status, data: data, text: text, error: error };
}

/** Creates an element: el("td", {class: "num"}, "1.5", child, ...). */
function el(tag, attrs) {
  const e = document.createElement(tag);
  if (attrs) {
    for (const k of Object.keys(attrs)) {
      const v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.substring(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
  }
  for (let i = 2; i < arguments.length; i++) {
    const c = arguments[i];
    if (c === null || c === undefined) continue;
    if (Array.isArray(c)) c.forEach(x => x !== null && x !== undefined && e.append(x));
    else e.append(c);
  }
  return e;
}

/** Shows a one-line message (kind: "ok", "error" or "") in the element with id. */
function say(id, text, kind) {
  const m = document.getElementById(id);
  if (!m) return;
  m.textContent = text || "";
  m.className = "message" + (kind ? " " + kind : "");
}

/** A number for display: 4 significant digits, no exponent for everyday magnitudes. */
function fmt(x) {
  if (x === null || x === undefined || x === "") return "";
  const n = Number(x);
  if (!isFinite(n)) return String(x);
  const a = Math.abs(n);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return n.toExponential(3);
  return String(Number(n.toPrecision(4)));
}

/** The items of a list response, whether the server sends a bare array or {key: [...]}. */
function listOf(data, key) {
  if (Array.isArray(data)) return data;
  if (data && Array.isArray(data[key])) return data[key];
  return [];
}

/** A table from a header and rows of cells. */
function table(header, rows, numericCols) {
  const num = numericCols || [];
  return el("div", { class: "scroll" }, el("table", null,
    el("thead", null, el("tr", null, header.map(h => el("th", { scope: "col", text: h })))),
    el("tbody", null, rows.map(r => el("tr", null, r.map((c, i) => (c instanceof Node) ? el("td", null, c)
      : el("td", { class: num[i] ? "num" : null, text: c === null || c === undefined ? "" : String(c) })))))));
}

/** Reads a chosen file as text. */
function readText(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.readAsText(file);
  });
}

/** Copies text to the clipboard (falls back to selecting it where the clipboard API is unavailable). */
function copyText(text, button) {
  const done = () => { const t = button.textContent; button.textContent = "Copied"; setTimeout(() => { button.textContent = t; }, 1500); };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => {});
  } else {
    const ta = el("textarea", { "aria-hidden": "true" });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    try { document.execCommand("copy"); done(); } catch (e) { /* nothing to copy into */ }
    ta.remove();
  }
}

/** Quotes a command-line word for a POSIX shell when needed. */
function shellWord(w) {
  return /^[A-Za-z0-9_.,:=\/+-]+$/.test(w) ? w : "'" + String(w).replace(/'/g, "'\\''") + "'";
}
