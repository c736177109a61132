// Results page: every job with status, duration, parameters and its equivalent CLI command; reports inside the app.
"use strict";
(function () {
  const box = document.getElementById("job-list");
  const frame = document.getElementById("report");

  function commandOf(j) {
    const c = j.command || j.commandLine || j.cli;
    if (Array.isArray(c)) return c.map(shellWord).join(" ");
    return c ? String(c) : "";
  }

  function seconds(j) {
    if (typeof j.durationSeconds === "number") return j.durationSeconds;
    if (typeof j.durationMs === "number") return j.durationMs / 1000;
    const s = Date.parse(j.started || j.startedAt || ""), e = Date.parse(j.finished || j.finishedAt || j.ended || "");
    if (isFinite(s) && isFinite(e)) return (e - s) / 1000;
    if (isFinite(s) && j.status === "running") return (Date.now() - s) / 1000;
    return NaN;
  }

  function duration(j) {
    const s = seconds(j);
    if (!isFinite(s)) return "";
    if (s < 60) return s.toFixed(1) + " s";
    return Math.floor(s / 60) + " min " + Math.round(s % 60) + " s";
  }

  function reportsOf(j) {
    const outs = listOf(j, "outputs").concat(listOf(j, "reports"));
    const found = [];
    for (const o of outs) {
      const p = String(typeof o === "string" ? o : (o.path || o.href || ""));
      if (/\.html$/.test(p)) found.push(p);
    }
    if (!found.length && j.status === "done" && j.params && j.params.out && /^reports\//.test(j.params.out)
        && (j.kind === "assess" || j.kind === "explain" || j.kind === "demo")) {
      found.push(j.params.out.replace(/\/$/, "") + "/report.html");
    }
    return found.map(p => p.replace(/^.*?(?=(reports|jobs|campaigns)\/)/, ""));
  }

  function open(path) {
    frame.hidden = false;
    frame.src = "/ui/files/" + path.split("/").map(encodeURIComponent).join("/");
    document.getElementById("report-message").textContent = path;
  }

  async function refresh() {
    const r = await api("GET", "/api/v1/jobs");
    if (!r.ok) { box.replaceChildren(el("p", { class: "message error", text: r.error })); return; }
    const jobs = listOf(r.data, "jobs");
    if (!jobs.length) { box.replaceChildren(el("p", { class: "hint", text: "No jobs yet: start one on the Run page." })); return; }
    jobs.sort((a, b) => String(b.created || b.id).localeCompare(String(a.created || a.id)));
    const rows = jobs.map(j => {
      const cmd = commandOf(j);
      const params = j.params ? Object.keys(j.params).map(k => k + "=" + j.params[k]).join(", ") : "";
      const copy = el("button", { type: "button", class: "secondary", "aria-label": "Copy the command of job " + j.id,
        onclick: e => copyText(cmd, e.target) }, "Copy");
      const reports = reportsOf(j);
      const links = el("span", null, reports.map(p => el("button", { type: "button", class: "secondary",
        onclick: () => open(p) }, "Open report")));
      return [el("code", { text: j.id }), j.kind, el("span", { class: "status " + j.status, text: j.status }),
        duration(j), params, el("div", { class: "cmdline" }, el("code", { class: "cmd", text: cmd }), copy),
        j.error ? el("span", { class: "message error", text: j.error }) : links];
    });
    box.replaceChildren(table(["Job", "Command", "Status", "Duration", "Parameters", "Equivalent CLI command",
      "Report"], rows));
    const want = new URLSearchParams(location.search).get("report");
    if (want && frame.hidden) open(want);
  }

  refresh();
  setInterval(refresh, 10000);
})();
