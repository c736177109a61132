// Campaigns page: rounds, model versions with their CV error plot, suggested experiments, recording results.
"use strict";
(function () {
  const list = document.getElementById("campaign-list");
  const status = document.getElementById("campaign-status");
  const plot = document.getElementById("campaign-plot");
  const link = document.getElementById("suggestions");
  let current = null;

  async function refresh(pick) {
    const r = await api("GET", "/api/v1/campaigns");
    if (!r.ok) { list.replaceChildren(el("li", { class: "message error", text: r.error })); return; }
    const names = listOf(r.data, "campaigns").map(c => typeof c === "string" ? c : c.name);
    if (!names.length) {
      list.replaceChildren(el("li", { class: "hint", text: "No campaigns in the workspace (campaigns/NAME, made by transfab campaign init)." }));
      return;
    }
    list.replaceChildren(...names.map(n => el("li", null, el("button", { type: "button", "data-campaign": n,
      "aria-pressed": "false", onclick: () => choose(n) }, n))));
    choose(pick || (names.indexOf(new URLSearchParams(location.search).get("campaign")) >= 0
      ? new URLSearchParams(location.search).get("campaign") : names[0]));
  }

  async function choose(name) {
    current = name;
    list.querySelectorAll("button").forEach(b => b.setAttribute("aria-pressed", String(b.dataset.campaign === name)));
    const r = await api("GET", "/api/v1/campaigns/" + encodeURIComponent(name));
    if (!r.ok) { status.replaceChildren(el("p", { class: "message error", text: r.error })); return; }
    const c = r.data;
    const rounds = table(["Round", "Origin", "Goal", "Suggested", "Recorded"],
      c.rounds.map(x => [x.round, x.origin, x.goal, x.suggestions, x.recorded]), [true, false, false, true, true]);
    const head = ["Version", "Rows", "Method", "CV folds"].concat(c.targets.map(t => "CV RMSE " + t), c.targets.map(t => "CV R2 " + t));
    const versions = table(head, c.versions.map(v => ["v" + v.version, v.rows, v.method, v.folds || "none"]
      .concat(c.targets.map((t, i) => v.scores[i] ? fmt(v.scores[i].cvRmse) : ""),
        c.targets.map((t, i) => v.scores[i] ? fmt(v.scores[i].cvR2) : ""))));
    status.replaceChildren(el("ul", { class: "facts" },
      el("li", null, el("b", { text: "Targets: " }), c.targets.join(", ")),
      el("li", null, el("b", { text: "Results recorded: " }), String(c.results)),
      el("li", null, el("b", { text: "Rounds: " }), String(c.rounds.length)),
      el("li", null, el("b", { text: "Model versions: " }), String(c.versions.length))),
      el("h3", { text: "Rounds" }), c.rounds.length ? rounds : el("p", { class: "hint", text: "No rounds yet." }),
      el("h3", { text: "Model versions" }), c.versions.length ? versions : el("p", { class: "hint", text: "No model versions yet." }));
    const svg = await api("GET", "/ui/campaigns/" + encodeURIComponent(name) + "/plot.svg");
    if (svg.ok && svg.status === 200 && svg.text) {
      plot.innerHTML = svg.text; // drawn by the server's report package (io.transfab.report.Plots)
      const s = plot.querySelector("svg");
      if (s) { s.setAttribute("role", "img"); s.setAttribute("aria-label", "CV RMSE per model version of " + c.targets.join(", ")); }
    } else {
      plot.replaceChildren(el("p", { class: "hint", text: svg.ok ? "No cross-validated model version yet." : svg.error }));
    }
    const latest = c.rounds.reduce((m, x) => Math.max(m, x.round), 0);
    if (latest > 0) {
      link.hidden = false;
      link.href = "/api/v1/campaigns/" + encodeURIComponent(name) + "/rounds/" + latest + "/suggestions";
      link.setAttribute("download", name + "-round-" + latest + "-suggestions.csv");
      link.textContent = "Download the suggested next experiments (round " + latest + ")";
    } else {
      link.hidden = true;
    }
  }

  document.getElementById("record").addEventListener("click", async () => {
    const file = document.getElementById("results-file").files[0];
    if (!current) return;
    if (!file) { say("record-message", "Choose a CSV of measured results first.", "error"); return; }
    const r = await api("POST", "/api/v1/campaigns/" + encodeURIComponent(current) + "/results", file, "text/csv");
    if (!r.ok) { say("record-message", r.error, "error"); return; }
    say("record-message", "Recorded " + r.data.added + " results (" + r.data.linked + " linked to suggestions); "
      + r.data.total + " in the campaign.", "ok");
    await choose(current);
  });

  refresh();
})();
