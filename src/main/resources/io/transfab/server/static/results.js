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

  function fileUrl(job, path) {
    return "/api/v1/jobs/" + encodeURIComponent(job) + "/files/" + path.split("/").map(encodeURIComponent).join("/");
  }

  function open(url, label) {
    frame.hidden = false;
    frame.src = url;
    document.getElementById("report-message").textContent = label;
  }

  /** The files a job wrote: HTML reports open inside the page, other files download. */
  async function showFiles(j, cell) {
    const r = await api("GET", "/api/v1/jobs/" + encodeURIComponent(j.id));
    if (!r.ok) { cell.replaceChildren(el("span", { class: "message error", text: r.error })); return; }
    const files = listOf(r.data, "files");
    if (!files.length) { cell.replaceChildren(el("span", { class: "hint", text: "no files" })); return; }
    const reports = files.filter(f => /\.html$/.test(f));
    const others = files.filter(f => !/\.html$/.test(f)).slice(0, 8);
    cell.replaceChildren(el("div", { class: "files" },
      reports.map(f => el("button", { type: "button", class: "secondary", onclick: () => open(fileUrl(j.id, f), f) },
        "Open " + f.split("/").pop())),
      others.map(f => el("a", { href: fileUrl(j.id, f), download: f.split("/").pop() }, f.split("/").pop())),
      files.length > reports.length + others.length ? el("span", { class: "hint", text: "..." }) : null));
    if (reports.length && frame.hidden) open(fileUrl(j.id, reports[0]), reports[0]);
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
      const links = el("span", { class: "outputs" });
      if (j.status === "done") {
        links.append(el("button", { type: "button", class: "secondary", onclick: () => showFiles(j, links) }, "Outputs"));
      }
      return [el("code", { class: "id", text: j.id }), j.kind, el("span", { class: "status " + j.status, text: j.status }),
        duration(j), params, el("div", { class: "cmdline" }, el("code", { class: "cmd", text: cmd }), copy),
        j.status === "failed" || j.status === "interrupted" || j.status === "cancelled"
          ? el("span", { class: "message error", text: j.message || j.status }) : links];
    });
    box.replaceChildren(table(["Job", "Command", "Status", "Duration", "Parameters", "Equivalent CLI command",
      "Outputs"], rows));
  }

  async function workspaceReports() {
    const r = await api("GET", "/ui/reports");
    const list = document.getElementById("workspace-reports");
    const reports = r.ok ? listOf(r.data, "reports") : [];
    if (!reports.length) { list.replaceChildren(el("li", { class: "hint", text: "No HTML reports under reports/ yet." })); return; }
    list.replaceChildren(...reports.map(p => el("li", null, el("button", { type: "button", class: "secondary",
      onclick: () => open("/ui/files/" + p.split("/").map(encodeURIComponent).join("/"), p) }, p))));
  }

  document.getElementById("refresh").addEventListener("click", () => { refresh(); workspaceReports(); });
  refresh();
  workspaceReports();
})();
