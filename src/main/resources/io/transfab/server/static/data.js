// Data page: upload a CSV (drag and drop or file chooser), preview it, set and save the column roles.
"use strict";
(function () {
  const ROLES = ["feature", "target", "group", "domain", "ignore"];
  const drop = document.getElementById("drop");
  const fileInput = document.getElementById("file");
  const select = document.getElementById("table");
  const preview = document.getElementById("preview");
  let chosen = null;

  fileInput.addEventListener("change", () => { chosen = fileInput.files[0] || null; });
  ["dragenter", "dragover"].forEach(t => drop.addEventListener(t, e => { e.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach(t => drop.addEventListener(t, e => { e.preventDefault(); drop.classList.remove("over"); }));
  drop.addEventListener("drop", e => {
    if (e.dataTransfer.files.length) {
      chosen = e.dataTransfer.files[0];
      upload();
    }
  });
  document.getElementById("upload").addEventListener("click", upload);
  select.addEventListener("change", () => show(select.value));

  async function upload() {
    const file = chosen || fileInput.files[0];
    if (!file) { say("upload-message", "Choose a CSV file first.", "error"); return; }
    let name = document.getElementById("upload-name").value.trim() || file.name;
    if (!/\.csv$/i.test(name)) name = name.replace(/\.[^.]*$/, "") + ".csv";
    say("upload-message", "Uploading " + file.name + " ...", "");
    const r = await api("POST", "/api/v1/data?name=" + encodeURIComponent(name), file, "text/csv");
    if (!r.ok) { say("upload-message", r.error, "error"); return; }
    const stored = storedName(r.data, name);
    say("upload-message", "Stored data/" + stored + " (" + (r.data.columns ? r.data.columns.length : "?")
      + " columns). Review the roles below and save them.", "ok");
    chosen = null;
    fileInput.value = "";
    document.getElementById("upload-name").value = "";
    await refresh(stored);
  }

  function storedName(data, fallback) {
    let n = (data && (data.name || data.file || data.path)) || fallback;
    n = String(n).replace(/^data\//, "");
    return /\.csv$/i.test(n) ? n : n + ".csv";
  }

  async function refresh(pick) {
    const r = await api("GET", "/api/v1/data");
    if (!r.ok) { say("upload-message", r.error, "error"); return; }
    const tables = listOf(r.data, "tables").map(t => typeof t === "string" ? t : t.name).filter(n => /\.csv$/i.test(n));
    select.replaceChildren(...tables.map(t => el("option", { value: t, text: t })));
    if (!tables.length) {
      preview.replaceChildren(el("p", { class: "hint", text: "No tables yet: upload one above." }));
      return;
    }
    const want = pick || new URLSearchParams(location.search).get("table") || tables[0];
    select.value = tables.indexOf(want) >= 0 ? want : tables[0];
    await show(select.value);
  }

  function delimiterName(d) {
    return d === "\t" ? "tab" : d === ";" ? "semicolon (;)" : d === "," ? "comma (,)" : String(d);
  }

  async function show(name) {
    const [r, rr] = await Promise.all([api("GET", "/api/v1/data/" + encodeURIComponent(name)),
      api("GET", "/ui/data/" + encodeURIComponent(name) + "/roles")]);
    if (!r.ok || !rr.ok) { preview.replaceChildren(el("p", { class: "message error", text: r.error || rr.error })); return; }
    const p = r.data, roles = rr.data;
    const units = p.columns.filter(c => c.unit).map(c => c.name + " [" + c.unit + "]");
    const facts = el("ul", { class: "facts", id: "table-facts" },
      el("li", null, el("b", { text: "Rows: " }), String(p.rows)),
      el("li", null, el("b", { text: "Columns: " }), String(p.columns.length)),
      el("li", null, el("b", { text: "Delimiter: " }), delimiterName(p.delimiter)),
      el("li", null, el("b", { text: "Decimal comma: " }), p.decimalComma ? "yes" : "no"),
      el("li", null, el("b", { text: "Units: " }), units.length ? units.join(", ") : "none in the header"),
      el("li", null, el("b", { text: "Roles: " }), roles.saved ? "saved in " + roles.file : "defaults, not saved yet"));
    const grid = el("div", { class: "roles-grid", role: "group", "aria-label": "Column roles" },
      p.columns.map((c, i) => {
        const id = "role-" + i;
        const role = roles.roles[c.name] || "ignore";
        const sel = el("select", { id: id, "data-column": c.name },
          ROLES.map(x => el("option", { value: x, text: x, selected: x === role })));
        return el("div", { class: "role" },
          el("label", { for: id }, c.name, c.unit ? el("span", { class: "unit", text: " [" + c.unit + "]" }) : null,
            el("span", { class: "unit", text: c.kind === "numeric" ? "" : " (text)" })), sel);
      }));
    const save = el("button", { type: "button", id: "save-roles", onclick: () => saveRoles(name, grid) }, "Save roles");
    const header = p.columns.map(c => c.name + (c.unit ? " [" + c.unit + "]" : ""));
    preview.replaceChildren(facts,
      el("h3", { text: "Column roles" }),
      el("p", { class: "hint", text: "Features are what you set before the process; targets what you measure after it. "
        + "Saved as " + roles.file + " beside the table, which the CLI reads too." }), grid, save,
      el("p", { id: "roles-message", class: "message", role: "status", "aria-live": "polite" }),
      el("h3", { id: "first-rows-h", text: "First rows" }), table(header, listOf(p, "preview"), p.columns.map(c => c.kind === "numeric")));
  }

  async function saveRoles(name, grid) {
    const roles = {};
    grid.querySelectorAll("select").forEach(s => { roles[s.dataset.column] = s.value; });
    const r = await api("PUT", "/ui/data/" + encodeURIComponent(name) + "/roles", { roles: roles });
    if (!r.ok) { say("roles-message", r.error, "error"); return; }
    const saved = "Saved " + r.data.file + ": training commands on data/" + name + " now use these roles.";
    await show(name);
    say("roles-message", saved, "ok");
  }

  refresh();
})();
