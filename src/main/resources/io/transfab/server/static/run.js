// Run page: start a CLI command as a job, follow the queue with live progress from the server's events.
"use strict";
(function () {
  // One field per long option the page offers; "table" and "model" fields list the workspace's files.
  const KINDS = {
    train: { hint: "Train a baseline (gp, mlp, ridge or xgboost) on a table; its roles file names features and targets.",
      fields: [["data", "Table", "table"], ["model", "Model", ["gp", "mlp", "ridge", "xgboost"]],
        ["out", "Save as (models/NAME)", "out:models"], ["targets", "Targets (optional)", "text"],
        ["features", "Features (optional)", "text"]] },
    pretrain: { hint: "Pre-train an ensemble of networks on a large source table.",
      fields: [["data", "Source table", "table"], ["out", "Save as (models/NAME)", "out:models"],
        ["targets", "Targets (optional)", "text"], ["features", "Features (optional)", "text"],
        ["epochs", "Epochs (optional)", "number"]] },
    finetune: { hint: "Fine-tune a pre-trained model on the target rows; auto picks the strategy by inner cross-validation.",
      fields: [["base", "Base model", "model"], ["data", "Target table", "table"],
        ["strategy", "Strategy", ["auto", "full", "freeze", "head", "l2sp", "transfer-gp", "adapter"]],
        ["out", "Save as (models/NAME)", "out:models"]] },
    assess: { hint: "Compare methods on draws of the target rows (learning curves, corrected t-tests).",
      fields: [["target", "Target table", "table"], ["source", "Source table (optional)", "table?"],
        ["sizes", "Sizes", "text:all"], ["repeats", "Repeats (optional)", "number"],
        ["methods", "Methods (optional, comma-separated)", "text"],
        ["protocol", "Protocol", ["kfold", "repeated-kfold", "loo", "group-kfold"]],
        ["out", "Report folder (reports/NAME)", "out:reports"]] },
    explain: { hint: "Explain a model's predictions (SHAP values, dependence plots) on a table.",
      fields: [["model", "Model", "model"], ["data", "Table", "table"], ["out", "Report folder (reports/NAME)", "out:reports"]] },
    suggest: { hint: "Propose the next experiments inside a parameter space.",
      fields: [["model", "Model", "model"], ["space", "Parameter space file (workspace path)", "text"],
        ["n", "Experiments", "number:8"], ["goal", "Goal (explore, maximize:Y, minimize:Y, target:Y=V)", "text:explore"],
        ["out", "Output CSV (data/NAME.csv)", "out:csv"]] },
    optimize: { hint: "Search the parameter space for the best predicted settings.",
      fields: [["model", "Model", "model"], ["space", "Parameter space file (workspace path)", "text"],
        ["goal", "Goal (maximize:Y, minimize:Y, target:Y=V)", "text"], ["n", "Candidates", "number:5"],
        ["out", "Output CSV (data/NAME.csv)", "out:csv"]] }
  };
  const kind = document.getElementById("kind");
  const fields = document.getElementById("fields");
  const jobsBox = document.getElementById("jobs");
  const followed = {};
  let tables = [], models = [];

  async function lists() {
    const t = await api("GET", "/api/v1/data");
    tables = t.ok ? listOf(t.data, "tables").map(x => typeof x === "string" ? x : x.name).filter(n => /\.csv$/i.test(n)) : [];
    const m = await api("GET", "/api/v1/models");
    models = m.ok ? listOf(m.data, "models").map(x => typeof x === "string" ? x : x.name) : [];
  }

  function stamp() {
    const d = new Date();
    const p = n => String(n).padStart(2, "0");
    return d.getFullYear() + p(d.getMonth() + 1) + p(d.getDate()) + "-" + p(d.getHours()) + p(d.getMinutes()) + p(d.getSeconds());
  }

  function render() {
    const spec = KINDS[kind.value];
    document.getElementById("kind-hint").textContent = spec.hint;
    const params = new URLSearchParams(location.search);
    fields.replaceChildren(...spec.fields.map(([name, label, type]) => {
      const id = "f-" + name;
      let input;
      if (Array.isArray(type)) {
        input = el("select", { id: id, name: name }, type.map(v => el("option", { value: v, text: v })));
      } else if (type === "table" || type === "table?") {
        input = el("select", { id: id, name: name }, type === "table?" ? el("option", { value: "", text: "(none)" }) : null,
          tables.map(t => el("option", { value: "data/" + t, text: t })));
        if (type === "table" && params.get("table")) input.value = "data/" + params.get("table");
      } else if (type === "model") {
        input = el("select", { id: id, name: name }, models.map(m => el("option", { value: "models/" + m, text: m })));
      } else if (type.startsWith("out:")) {
        const what = type.substring(4);
        const v = what === "models" ? "models/" + kind.value + "-" + stamp() : what === "reports"
          ? "reports/" + kind.value + "-" + stamp() : "data/" + kind.value + "-" + stamp() + ".csv";
        input = el("input", { type: "text", id: id, name: name, value: v });
      } else {
        const parts = type.split(":");
        input = el("input", { type: parts[0] === "number" ? "number" : "text", id: id, name: name, value: parts[1] || "" });
      }
      return el("div", { class: "field" }, el("label", { for: id, text: label }), input);
    }));
    updateOut();
  }

  // A model's default name follows the table and model chosen, so a user rarely has to type one.
  function updateOut() {
    const out = document.getElementById("f-out");
    const data = document.getElementById("f-data") || document.getElementById("f-target");
    const model = document.getElementById("f-model");
    if (!out || !data || !data.value || out.dataset.edited) return;
    const base = data.value.replace(/^data\//, "").replace(/\.csv$/, "");
    const prefix = out.value.split("/")[0];
    const suffix = kind.value === "train" && model ? model.value : kind.value;
    out.value = prefix + "/" + base + "-" + suffix + (prefix === "data" ? "-" + stamp() + ".csv" : "");
  }
  fields.addEventListener("change", e => { if (e.target.id === "f-out") e.target.dataset.edited = "1"; else updateOut(); });

  document.getElementById("job-form").addEventListener("submit", async e => {
    e.preventDefault();
    const params = {};
    fields.querySelectorAll("input, select").forEach(i => { if (i.value.trim() !== "") params[i.name] = i.value.trim(); });
    for (const line of document.getElementById("extra").value.split("\n")) {
      const t = line.trim();
      if (!t) continue;
      const eq = t.indexOf("=");
      if (eq <= 0) { say("job-message", "More options: '" + t + "' is not name=value", "error"); return; }
      params[t.substring(0, eq).trim().replace(/^--/, "")] = t.substring(eq + 1).trim();
    }
    const r = await api("POST", "/api/v1/jobs", { kind: kind.value, params: params });
    if (!r.ok) { say("job-message", r.error, "error"); return; }
    say("job-message", "Job " + r.data.id + " queued.", "ok");
    await refreshJobs();
  });
  kind.addEventListener("change", render);

  async function refreshJobs() {
    const r = await api("GET", "/api/v1/jobs");
    if (!r.ok) { jobsBox.replaceChildren(el("p", { class: "message error", text: r.error })); return; }
    const jobs = listOf(r.data, "jobs");
    if (!jobs.length) { jobsBox.replaceChildren(el("p", { class: "hint", text: "No jobs yet." })); return; }
    jobs.sort((a, b) => String(b.created || b.id).localeCompare(String(a.created || a.id)));
    jobsBox.replaceChildren(...jobs.slice(0, 20).map(jobCard));
  }

  function jobCard(j) {
    const existing = followed[j.id];
    const box = existing ? existing.box : el("div", { class: "job", id: "job-" + j.id, "data-status": j.status });
    if (!existing) {
      const bar = el("progress", { max: "1", value: j.status === "done" ? "1" : "0", "aria-label": "Progress of job " + j.id });
      const label = el("span", { class: "hint progress-label" });
      const status = el("span", { class: "status " + j.status, text: j.status });
      const cancel = el("button", { type: "button", class: "secondary cancel", onclick: () => cancelJob(j.id) }, "Cancel");
      const resume = el("button", { type: "button", class: "secondary resume", hidden: true, onclick: () => resumeJob(j.id) }, "Resume");
      const log = el("pre", { class: "log", hidden: true });
      box.append(el("div", { class: "head" }, el("b", { text: j.kind }), el("code", { text: j.id }), status, label, cancel, resume),
        bar, el("div", { class: "cmdline" }, el("code", { class: "cmd", text: j.command || "" })), log);
      followed[j.id] = { box: box, bar: bar, label: label, status: status, cancel: cancel, resume: resume, log: log, source: null };
    }
    const f = followed[j.id];
    setStatus(f, j.status);
    if (j.message && (j.status === "failed" || j.status === "interrupted" || j.status === "cancelled")) f.label.textContent = j.message;
    // Only assess can continue where it stopped; the server refuses the others with a message.
    f.resume.hidden = !(j.status === "interrupted" && j.kind === "assess");
    if ((j.status === "running" || j.status === "queued") && !f.source) follow(j.id);
    return box;
  }

  function setStatus(f, status) {
    f.box.dataset.status = status;
    f.status.textContent = status;
    f.status.className = "status " + status;
    const live = status === "running" || status === "queued";
    f.cancel.hidden = !live;
    if (status === "done") { f.bar.max = 1; f.bar.value = 1; }
  }

  function follow(id) {
    const f = followed[id];
    const src = new EventSource("/api/v1/jobs/" + encodeURIComponent(id) + "/events");
    f.source = src;
    src.addEventListener("progress", e => {
      const p = JSON.parse(e.data);
      if (p.total > 0) { f.bar.max = p.total; f.bar.value = p.done; }
      f.label.textContent = (p.label ? p.label + ": " : "") + p.done + " / " + p.total;
      f.box.dataset.progress = String((Number(f.box.dataset.progress) || 0) + 1);
      if (f.status.textContent === "queued") setStatus(f, "running");
    });
    src.addEventListener("log", e => {
      const p = JSON.parse(e.data);
      f.log.hidden = false;
      f.log.textContent += p.line + "\n";
      f.log.scrollTop = f.log.scrollHeight;
    });
    src.addEventListener("end", e => {
      const p = JSON.parse(e.data);
      setStatus(f, p.status);
      src.close();
      f.source = null;
      if (p.status === "done") f.label.textContent = "finished; see Results";
      if (p.status !== "done" && p.message) f.label.textContent = p.message;
    });
    src.onerror = () => { if (src.readyState === EventSource.CLOSED) f.source = null; };
  }

  async function cancelJob(id) {
    const r = await api("DELETE", "/api/v1/jobs/" + encodeURIComponent(id));
    if (!r.ok) say("job-message", r.error, "error");
    await refreshJobs();
  }

  async function resumeJob(id) {
    const r = await api("POST", "/api/v1/jobs/" + encodeURIComponent(id) + "/resume");
    if (!r.ok) say("job-message", r.error, "error");
    else say("job-message", "Job " + r.data.id + " resumes " + id + ".", "ok");
    await refreshJobs();
  }

  lists().then(() => { render(); refreshJobs(); });
  setInterval(refreshJobs, 5000);
})();
