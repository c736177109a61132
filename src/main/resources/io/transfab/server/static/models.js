// Models page: provenance, a one-row prediction form from the model's schema, batch prediction of a CSV.
"use strict";
(function () {
  const list = document.getElementById("model-list");
  const prov = document.getElementById("provenance");
  const fieldsBox = document.getElementById("predict-fields");
  const out = document.getElementById("prediction");
  const download = document.getElementById("batch-download");
  let current = null;
  let workspace = null;

  /** A path inside the workspace as the workspace-relative path the CLI uses there. */
  function shortPath(p) {
    if (!p || !workspace) return p;
    const root = workspace.replace(/\/$/, "") + "/";
    return String(p).startsWith(root) ? String(p).substring(root.length) : p;
  }

  async function refresh() {
    const r = await api("GET", "/api/v1/models");
    if (!r.ok) { list.replaceChildren(el("li", { class: "message error", text: r.error })); return; }
    const models = listOf(r.data, "models").map(m => typeof m === "string" ? { name: m } : m);
    if (!models.length) {
      list.replaceChildren(el("li", { class: "hint", text: "No models yet: train one on the Run page." }));
      return;
    }
    list.replaceChildren(...models.map(m => el("li", null, el("button", { type: "button", "data-model": m.name,
      "aria-pressed": "false", onclick: () => choose(m.name) }, m.name,
      m.method ? el("span", { class: "unit", text: " · " + m.method }) : null))));
    const want = new URLSearchParams(location.search).get("model");
    choose(models.some(m => m.name === want) ? want : models[0].name);
  }

  /** The features of a model description with their training ranges: [{name, unit, type, categories, min, max, mean}]. */
  function features(m) {
    const s = m.schema || m;
    const ranges = m.ranges || {};
    return listOf(s, "features").map(f => typeof f === "string" ? { name: f } : f).map(f => {
      const r = ranges[f.name] || {};
      return Object.assign({}, f, { min: r.min, max: r.max, mean: r.mean });
    });
  }

  function targets(m) {
    const s = m.schema || m;
    return listOf(s, "targets").map(t => typeof t === "string" ? { name: t } : t);
  }

  function facts(m) {
    const rows = [];
    const add = (k, v) => { if (v !== undefined && v !== null && v !== "") rows.push(el("dt", { text: k }), el("dd", null, v)); };
    const p = m.provenance || {};
    add("Method", m.method || m.strategy);
    add("Version", m.version);
    add("Targets", targets(m).map(t => t.name + (t.unit ? " [" + t.unit + "]" : "")).join(", "));
    add("Features", features(m).map(f => f.name + (f.unit ? " [" + f.unit + "]" : "")).join(", "));
    add("Training data", shortPath(p.dataSource || m.dataSource));
    add("Data SHA-256", el("code", { text: p.dataSha256 || m.dataSha256 || "" }));
    add("Training rows", p.rows !== undefined ? String(p.rows) : m.rows);
    add("Seed", p.seed !== undefined ? String(p.seed) : m.seed);
    add("Base data SHA-256", p.baseDataSha256 ? el("code", { text: p.baseDataSha256 }) : null);
    if (m.strategy && m.method !== m.strategy) add("Strategy", m.strategy);
    const versions = p.versions || m.versions;
    if (versions && typeof versions === "object") {
      add("Versions", Object.keys(versions).map(k => k + " " + versions[k]).join(", "));
    }
    add("Calibration", m.calibration ? m.calibration.method + (m.calibration.source ? " (" + m.calibration.source + ")" : "") : "none");
    add("Written by", m.writtenBy);
    add("Format", m.format ? m.format + " " + (m.formatVersion || "") : null);
    return el("dl", { class: "kv" }, rows);
  }

  function rangeText(f) {
    if (f.min === undefined || f.max === undefined || f.min === null) return "";
    return "training range " + fmt(f.min) + " to " + fmt(f.max) + (f.unit ? " " + f.unit : "");
  }

  function checkRange(input, f, note) {
    const v = Number(input.value);
    const outside = input.value !== "" && f.min !== undefined && f.min !== null && (v < f.min || v > f.max);
    note.textContent = outside ? "outside the training range (" + fmt(f.min) + " to " + fmt(f.max) + "): an extrapolation" : rangeText(f);
    note.className = outside ? "range warn" : "range";
    input.setAttribute("aria-invalid", outside ? "true" : "false");
  }

  async function choose(name) {
    list.querySelectorAll("button").forEach(b => b.setAttribute("aria-pressed", String(b.dataset.model === name)));
    out.replaceChildren();
    say("batch-message", "", "");
    download.hidden = true;
    const r = await api("GET", "/api/v1/models/" + encodeURIComponent(name));
    if (!r.ok) { prov.replaceChildren(el("p", { class: "message error", text: r.error })); return; }
    current = r.data;
    current.name = current.name || name;
    prov.replaceChildren(facts(current));
    fieldsBox.replaceChildren(...features(current).map((f, i) => {
      const id = "x-" + i;
      const note = el("span", { class: "range", id: id + "-note", text: rangeText(f) });
      let input;
      const cats = f.categories || f.levels;
      if (f.type !== "NUMERIC" && cats && cats.length) {
        input = el("select", { id: id, "data-column": f.name, "aria-describedby": id + "-note" },
          cats.map(c => el("option", { value: c, text: c })));
      } else {
        const start = f.mean !== undefined && f.mean !== null ? Number(f.mean.toPrecision(4))
          : (f.min !== undefined && f.min !== null ? (f.min + f.max) / 2 : "");
        input = el("input", { type: "number", step: "any", id: id, "data-column": f.name, value: String(start),
          "aria-describedby": id + "-note", required: true });
        input.addEventListener("input", () => checkRange(input, f, note));
      }
      return el("div", { class: "field" }, el("label", { for: id }, f.name,
        f.unit ? el("span", { class: "unit", text: " [" + f.unit + "]" }) : null), input, note);
    }));
  }

  document.getElementById("predict-form").addEventListener("submit", async e => {
    e.preventDefault();
    if (!current) return;
    const columns = [], row = [];
    fieldsBox.querySelectorAll("[data-column]").forEach(i => {
      columns.push(i.dataset.column);
      row.push(i.tagName === "SELECT" ? i.value : (i.value === "" ? null : Number(i.value)));
    });
    const r = await api("POST", "/api/v1/models/" + encodeURIComponent(current.name) + "/predict",
      { columns: columns, data: [row] });
    if (!r.ok) { out.replaceChildren(el("p", { class: "message error", text: r.error })); return; }
    const p = r.data.predictions[0];
    const level = r.data.level;
    const units = {};
    targets(current).forEach(t => { units[t.name] = t.unit || ""; });
    const cards = Object.keys(p).filter(k => k !== "warnings").map(t => {
      const v = p[t];
      return el("div", { class: "card" }, el("div", null, el("b", { text: t }), units[t] ? el("span", { class: "unit", text: " [" + units[t] + "]" }) : null),
        el("div", { class: "value", text: fmt(v.mean) }),
        el("div", { class: "hint", text: "std " + fmt(v.std) + (v.lower !== undefined && v.lower !== null
          ? "; " + Math.round(100 * level) + " % interval " + fmt(v.lower) + " to " + fmt(v.upper) : "") }));
    });
    const warnings = listOf(p, "warnings");
    out.replaceChildren(el("div", { class: "pred", id: "prediction-cards" }, cards),
      warnings.length ? el("ul", { class: "warn", id: "prediction-warnings" }, warnings.map(w => el("li", { text: typeof w === "string" ? w : (w.message || JSON.stringify(w)) })))
        : el("p", { class: "hint", text: "Every value is inside the training range." }));
  });

  document.getElementById("batch").addEventListener("click", async () => {
    const file = document.getElementById("batch-file").files[0];
    if (!current) return;
    if (!file) { say("batch-message", "Choose a CSV file first.", "error"); return; }
    download.hidden = true;
    say("batch-message", "Predicting " + file.name + " ...", "");
    const r = await apiCsv("/api/v1/models/" + encodeURIComponent(current.name) + "/predict", file);
    if (!r.ok) { say("batch-message", r.error, "error"); return; }
    const rows = Math.max(0, r.text.trim().split("\n").length - 1);
    const blob = new Blob([r.text], { type: "text/csv" });
    if (download.href.startsWith("blob:")) URL.revokeObjectURL(download.href);
    download.href = URL.createObjectURL(blob);
    download.download = file.name.replace(/\.csv$/i, "") + "-predictions.csv";
    download.hidden = false;
    say("batch-message", "Predicted " + rows + " rows of " + file.name + ".", "ok");
  });

  /** Posts a CSV and asks for CSV back (Accept: text/csv), as the API's batch prediction answers. */
  async function apiCsv(url, file) {
    let res;
    try {
      res = await fetch(url, { method: "POST", credentials: "same-origin", body: file,
        headers: { "Content-Type": "text/csv", "Accept": "text/csv" } });
    } catch (e) {
      return { ok: false, error: "the server cannot be reached (" + e.message + ")" };
    }
    if (res.status === 401) { location.href = "/login?next=" + encodeURIComponent(location.pathname); return { ok: false, error: "sign in first" }; }
    const text = await res.text();
    if (res.ok) return { ok: true, text: text };
    let detail = "HTTP " + res.status;
    try { const j = JSON.parse(text); detail = j.detail || j.title || detail; } catch (e) { /* not JSON */ }
    return { ok: false, error: detail };
  }

  api("GET", "/api/v1/health").then(h => { if (h.ok && h.data) workspace = h.data.workspace; refresh(); });
})();
