// <sqltls-check>: the sqltls custom element. An ES module over crates/wasm, built
// twice beside this file: the light module (sqltls_wasm.js + sqltls_wasm_bg.wasm:
// connection strings and error texts) and the full one (sqltls_wasm_full.js +
// sqltls_wasm_full_bg.wasm: certificate files, .pfx, .p7b, keys, signature checks).
// The connection-string and error modes load only the light module; certificate
// mode loads the full one when the first file or PEM text is given. Everything
// runs in the page: no request other than loading those files beside this module.
//
//   <script type="module" src="sqltls.js"></script>
//   <sqltls-check mode="certificate"></sqltls-check>
//
// Attributes: mode = "certificate" (default) | "connection-string" | "error";
// server-version = "2016" … "2025"; warn-days = N; client = "ssms-20", "sqlcmd-odbc18", …
// (the program people connect with: the answer uses its words; inferred from a
// pasted error when absent); theme = "auto" | "light" | "dark"
// (absent: the host page's own text colour and background). Custom properties
// --sqltls-fg, --sqltls-bg, --sqltls-accent and --sqltls-border override the colours.
// The element fires `sqltls-report` (detail: the report, exactly the CLI's --json)
// after each analysis. Every sentence it shows comes from the same Rust code as
// the sqltls page (`present()` in crates/wasm).
//
// JS API: analyze(), present() and version() run on the full module once it is
// loaded, on the light one otherwise; `await load("full")` (or load("light"))
// loads a module first.
import initLight, * as light from "./sqltls_wasm.js";

let lightReady = null;
let fullReady = null;
let full = null;

/** Load (once) the light module, or the full one with `which = "full"`; resolves to it. */
function load(which = "light") {
  if (which === "full") {
    fullReady ??= import("./sqltls_wasm_full.js")
      .then(async (m) => {
        await m.default({ module_or_path: new URL("sqltls_wasm_full_bg.wasm", import.meta.url) });
        full = m;
        return m;
      })
      .catch((e) => { fullReady = null; throw e; });
    return fullReady;
  }
  lightReady ??= initLight({ module_or_path: new URL("sqltls_wasm_bg.wasm", import.meta.url) })
    .then(() => light)
    .catch((e) => { lightReady = null; throw e; });
  return lightReady;
}

// The JS API: the full module once it is loaded, the light one otherwise.
const api = () => full ?? light;
const analyze = (input) => api().analyze(input);
const present = (input) => api().present(input);
const version = () => api().version();

const MODES = {
  "certificate": { label: "Drop certificate files (.cer .pem .p7b .pfx) here", field: null },
  "connection-string": { label: "Paste a connection string (the password is never shown)", field: "connections" },
  "error": { label: "Paste the error text", field: "errors" },
};

// Colours: the host page's by default (inherit), a built-in palette with the
// `theme` attribute, and the --sqltls-* custom properties above both.
const STYLE = `
:host { display: block; font: 15px/1.45 system-ui, sans-serif;
  --_fg: inherit; --_bg: transparent; --_accent: currentColor;
  color: var(--sqltls-fg, var(--_fg)); background: var(--sqltls-bg, var(--_bg)); }
:host([theme=light]) { --_fg: #1b1f24; --_bg: #ffffff; --_accent: #0969da; color-scheme: light; }
:host([theme=dark]) { --_fg: #e6edf3; --_bg: #0d1117; --_accent: #4493f8; color-scheme: dark; }
@media (prefers-color-scheme: light) { :host([theme=auto]) { --_fg: #1b1f24; --_bg: #ffffff; --_accent: #0969da; color-scheme: light; } }
@media (prefers-color-scheme: dark) { :host([theme=auto]) { --_fg: #e6edf3; --_bg: #0d1117; --_accent: #4493f8; color-scheme: dark; } }
:host([theme]) { padding: 0.5rem; border-radius: 8px; }
* { box-sizing: border-box; }
.wrap { --line: var(--sqltls-border, color-mix(in srgb, currentColor 35%, transparent));
  --accent: var(--sqltls-accent, var(--_accent)); }
.zone { border: 2px dashed var(--line); border-radius: 8px; padding: 0.8rem; text-align: center; }
.zone.over { border-color: var(--accent); }
button, textarea, input { font: inherit; color: inherit; }
button { background: transparent; border: 1px solid var(--line); border-radius: 6px; padding: 0.2rem 0.7rem; cursor: pointer; }
button.remove { padding: 0 0.5rem; }
button:focus-visible, textarea:focus-visible, input:focus-visible, .lead:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
textarea, input[type=password] { background: transparent; border: 1px solid var(--line); border-radius: 6px; padding: 0.3rem; }
textarea { width: 100%; min-height: 4.5rem; margin-top: 0.5rem; font: 13px ui-monospace, monospace; }
.row { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin-top: 0.5rem; }
input[type=password] { flex: 1; min-width: 10rem; }
ul, ol { padding: 0; margin: 0.5rem 0 0; }
ul { list-style: none; }
ol { padding-left: 1.4rem; }
.files li { display: flex; gap: 0.5rem; align-items: baseline; flex-wrap: wrap; border-bottom: 1px solid var(--line); padding: 0.2rem 0; }
.files .name { font-weight: 600; overflow-wrap: anywhere; } .files .meta { opacity: 0.8; font-size: 0.85rem; flex: 1; }
.lead { border: 1px solid var(--line); border-left: 5px solid var(--accent); border-radius: 8px; padding: 0.5rem 0.75rem; margin-top: 0.6rem; }
.lead:empty { display: none; }
.lead .summary { font-weight: 600; margin: 0; }
.lead .kind { font-weight: 600; }
.findings li { border-left: 4px solid var(--line); padding: 0.25rem 0.6rem; margin: 0.35rem 0; }
.findings li.error { border-color: #cf222e; } .findings li.warning { border-color: #bf8700; } .findings li.info { border-color: var(--accent); }
.finding-id { font-size: 0.75rem; opacity: 0.8; margin-left: 0.4rem; }
.verdict { margin: 0.5rem 0 0; }
.verdict .label { display: block; font-size: 0.85rem; opacity: 0.85; overflow-wrap: anywhere; font-family: ui-monospace, monospace; }
.verdict .sentence { font-weight: 600; }
.hidden { display: none; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
details summary { cursor: pointer; }
`;

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

class SqltlsCheck extends HTMLElement {
  static observedAttributes = ["mode", "server-version", "warn-days", "client"];

  constructor() {
    super();
    this.files = [];
    const root = this.attachShadow({ mode: "open" });
    const style = el("style");
    style.textContent = STYLE;
    // The zone is a plain drop target; its one control is a real button.
    this.zoneText = el("span");
    this.choose = el("button", { type: "button", class: "choose" }, "Choose files");
    this.zone = el("div", { class: "zone" }, this.zoneText, " ", this.choose);
    this.picker = el("input", { type: "file", multiple: "", class: "hidden", hidden: "" });
    this.fileList = el("ul", { class: "files", "aria-label": "Files" });
    this.text = el("textarea", { spellcheck: "false" });
    this.password = el("input", { type: "password", autocomplete: "off", "aria-label": ".pfx password", placeholder: ".pfx password" });
    this.passwordRow = el("div", { class: "row hidden" }, this.password);
    this.status = el("div", { role: "status", "aria-live": "polite", class: "status" });
    this.lead = el("div", { class: "lead", tabindex: "-1" });
    this.verdicts = el("div", { class: "verdicts" });
    this.list = el("ul", { class: "findings", "aria-label": "Findings" });
    const wrap = el("div", { class: "wrap" }, this.zone, this.picker, this.fileList, this.text, this.passwordRow,
      this.status, this.lead, this.verdicts, this.list);
    root.append(style, wrap);

    this.choose.addEventListener("click", () => this.picker.click());
    this.zone.addEventListener("dragover", (e) => { e.preventDefault(); this.zone.classList.add("over"); });
    this.zone.addEventListener("dragleave", () => this.zone.classList.remove("over"));
    this.zone.addEventListener("drop", (e) => { e.preventDefault(); this.zone.classList.remove("over"); this.addFiles(e.dataTransfer.files); });
    this.picker.addEventListener("change", () => { this.addFiles(this.picker.files); this.picker.value = ""; });
    let timer;
    const later = () => { clearTimeout(timer); timer = setTimeout(() => this.run(), 300); };
    this.text.addEventListener("input", later);
    this.password.addEventListener("input", later);
  }

  connectedCallback() { this.render(); }
  attributeChangedCallback() { if (this.isConnected) { this.render(); this.run(); } }

  get mode() { return MODES[this.getAttribute("mode")] ? this.getAttribute("mode") : "certificate"; }

  render() {
    const m = MODES[this.mode];
    this.zoneText.textContent = m.label;
    this.zone.classList.toggle("hidden", this.mode !== "certificate");
    this.text.setAttribute("aria-label", this.mode === "certificate" ? "PEM text" : m.label);
    this.text.placeholder = this.mode === "certificate" ? "-----BEGIN CERTIFICATE-----" : m.label;
  }

  async addFiles(list) {
    // Copy first: the picker's list empties once its value is reset.
    const files = [...list];
    for (const f of files) this.files.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    this.renderFiles([]);
    this.run();
  }

  removeFile(index) {
    this.files.splice(index, 1);
    this.renderFiles([]);
    if (this.files.length || this.text.value.trim()) this.run();
    else this.clear();
  }

  clear() {
    this.lead.replaceChildren();
    this.verdicts.replaceChildren();
    this.list.replaceChildren();
    this.status.textContent = "";
    this.passwordRow.classList.add("hidden");
    this.choose.focus();
  }

  /** The dropped files, each with a remove button; a locked .pfx says so. */
  renderFiles(locked) {
    this.fileList.replaceChildren(...this.files.map((f, i) => {
      const lock = locked.find(([j]) => j === i);
      const remove = el("button", { type: "button", class: "remove", "aria-label": `Remove ${f.name}` }, "×");
      remove.addEventListener("click", () => this.removeFile(i));
      const meta = lock ? el("span", { class: "meta locked" }, lock[1] ? "locked: this password does not open it" : "locked: enter its password") : null;
      return el("li", {}, el("span", { class: "name" }, f.name), meta, remove);
    }));
  }

  /** Analyse what the element holds; returns the report. */
  async run() {
    const m = MODES[this.mode];
    const text = this.text.value;
    if (m.field === null && this.files.length === 0 && !text.trim()) return null;
    this.status.classList.remove("vh");
    // Certificate files need the full module; the other modes the light one.
    const which = m.field === null ? "full" : "light";
    this.status.textContent = which === "full" && !full ? "Loading the certificate module…" : "Working…";
    await new Promise((r) => setTimeout(r, 16)); // let the status paint
    let module;
    try {
      module = await load(which);
    } catch (e) {
      this.status.textContent = `sqltls could not load its ${which === "full" ? "certificate " : ""}module: ${e.message ?? e}`;
      return null;
    }
    const input = { now: Date.now(), serverVersion: this.getAttribute("server-version") ?? undefined };
    const warn = parseInt(this.getAttribute("warn-days") ?? "", 10);
    if (!Number.isNaN(warn)) input.warnDays = warn;
    if (this.password.value) input.password = this.password.value;
    if (this.getAttribute("client")) input.client = this.getAttribute("client");
    if (m.field === null) {
      input.files = [...this.files];
      if (text.trim()) input.files.push({ name: "pasted.pem", bytes: text });
    } else {
      input[m.field] = text.trim() ? [text] : [];
    }
    let out;
    try {
      out = module.present(input);
    } catch (e) {
      this.status.textContent = `sqltls could not run: ${e.message ?? e}`;
      return null;
    }
    this.show(out);
    this.dispatchEvent(new CustomEvent("sqltls-report", { detail: out.report, bubbles: true, composed: true }));
    return out.report;
  }

  show(out) {
    const { report, lead, verdicts, locked } = out;
    // Announced, not shown twice: the answer panel below shows it.
    this.status.classList.add("vh");
    this.status.textContent = lead ? lead.summary : "";
    this.renderFiles(locked.filter(([i]) => i < this.files.length));
    const wasHidden = this.passwordRow.classList.contains("hidden");
    this.passwordRow.classList.toggle("hidden", !this.password.value && locked.length === 0);
    if (wasHidden && locked.length) this.password.focus();
    this.lead.replaceChildren(...(lead ? [
      el("p", { class: "summary" }, lead.summary),
      lead.actions.length ? el("ol", { "aria-label": "Next steps" }, ...lead.actions.map((a) =>
        el("li", {}, el("span", { class: "kind" }, `${a.label}: `), a.text))) : null,
    ].filter(Boolean) : []));
    this.verdicts.replaceChildren(
      ...verdicts.map((v) => el("p", { class: `verdict ${v.answer}` },
        el("span", { class: "label" }, v.label), el("span", { class: "sentence" }, v.sentence))),
      ...(report.connections ?? []).map((c, i) => el("p", { class: `verdict connection ${c.verdict.answer}` },
        el("span", { class: "label" }, `Connection #${i + 1}${c.server?.host ? ` · ${c.server.host}` : ""}`),
        el("span", { class: "sentence" }, c.verdict.summary))));
    this.list.replaceChildren(...report.findings.map((f) => {
      const details = el("details", {}, el("summary", {}, "Why, and how to fix it"),
        el("p", {}, f.explanation), el("p", {}, `Fix: ${f.fix}`), el("p", {}, `Source: ${f.source.title}`));
      return el("li", { class: f.severity },
        el("strong", {}, f.title), el("code", { class: "finding-id" }, f.id), el("div", {}, f.message), details);
    }));
  }
}

if (!customElements.get("sqltls-check")) customElements.define("sqltls-check", SqltlsCheck);
export { SqltlsCheck, analyze, present, version, load };
