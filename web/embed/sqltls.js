// <sqltls-check>: the sqltls custom element. An ES module over crates/wasm
// (sqltls_wasm.js + sqltls_wasm_bg.wasm beside this file). Everything runs in the
// page: no request other than loading the wasm file beside this module.
//
//   <script type="module" src="sqltls.js"></script>
//   <sqltls-check mode="certificate"></sqltls-check>
//
// Attributes: mode = "certificate" (default) | "connection-string" | "error";
// server-version = "2016" … "2025"; warn-days = N. The element fires
// `sqltls-report` (detail: the report, exactly the CLI's --json) after each analysis.
import init, { analyze, version } from "./sqltls_wasm.js";

let ready = null;
const load = () => (ready ??= init({ module_or_path: new URL("sqltls_wasm_bg.wasm", import.meta.url) }));

const MODES = {
  "certificate": { label: "Drop certificate files (.cer .pem .p7b .pfx) or paste PEM text", field: null },
  "connection-string": { label: "Paste a connection string (the password is never shown)", field: "connections" },
  "error": { label: "Paste the error text", field: "errors" },
};

const STYLE = `
:host { display: block; font: 15px/1.45 system-ui, sans-serif; color: CanvasText; }
* { box-sizing: border-box; }
.zone { border: 2px dashed GrayText; border-radius: 8px; padding: 0.8rem; text-align: center; cursor: pointer; }
.zone.over { border-color: Highlight; }
.zone:focus-visible, button:focus-visible, textarea:focus-visible, input:focus-visible { outline: 3px solid Highlight; outline-offset: 2px; }
textarea { width: 100%; min-height: 4.5rem; margin-top: 0.5rem; font: 13px ui-monospace, monospace; }
.row { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin-top: 0.5rem; }
input[type=password] { flex: 1; min-width: 10rem; }
ul { list-style: none; padding: 0; margin: 0.5rem 0 0; }
li { border-left: 4px solid GrayText; padding: 0.25rem 0.6rem; margin: 0.35rem 0; }
li.error { border-color: #cf222e; } li.warning { border-color: #bf8700; } li.info { border-color: #0969da; }
.finding-id { font-size: 0.75rem; opacity: 0.75; margin-left: 0.4rem; }
.verdict { font-weight: 600; margin: 0.5rem 0 0; }
.hidden { display: none; }
details summary { cursor: pointer; }
`;

const answerText = {
  server_loads: { yes: "SQL Server will load it", depends: "SQL Server may load it", no: "SQL Server will not load it" },
  sscm_lists: { yes: "Configuration Manager will list it", depends: "Configuration Manager may list it", no: "Configuration Manager will not list it" },
  clients_validate: { yes: "validating clients accept it", depends: "validating clients accept it only if they trust", no: "validating clients reject it" },
};

/** A connection string's verdict, as the core judged it (the same sentence the page and the CLI show). */
function connectionLine(c) {
  const word = { yes: "Yes", no: "No", depends: "Depends" }[c.verdict.answer] ?? c.verdict.answer;
  return `${word}: ${c.verdict.summary}`;
}

function verdictLine(cert) {
  const v = cert.verdict;
  const clients = v.clients_validate.answer === "depends" && v.trust_root
    ? `${answerText.clients_validate.depends} ${v.trust_root}`
    : answerText.clients_validate[v.clients_validate.answer];
  return `${cert.common_name ?? cert.subject}: ${answerText.server_loads[v.server_loads.answer]}; ` +
    `${answerText.sscm_lists[v.sscm_lists.answer]}; ${clients}.`;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

class SqltlsCheck extends HTMLElement {
  static observedAttributes = ["mode", "server-version", "warn-days"];

  constructor() {
    super();
    this.files = [];
    const root = this.attachShadow({ mode: "open" });
    const style = el("style");
    style.textContent = STYLE;
    this.zone = el("div", { class: "zone", role: "button", tabindex: "0" });
    this.picker = el("input", { type: "file", multiple: "", class: "hidden", "aria-hidden": "true", tabindex: "-1" });
    this.text = el("textarea", { spellcheck: "false" });
    this.password = el("input", { type: "password", autocomplete: "off", "aria-label": ".pfx password", placeholder: ".pfx password" });
    this.passwordRow = el("div", { class: "row hidden" }, this.password);
    this.status = el("div", { role: "status", "aria-live": "polite" });
    this.verdicts = el("div");
    this.list = el("ul", { "aria-label": "Findings" });
    root.append(style, this.zone, this.picker, this.text, this.passwordRow, this.status, this.verdicts, this.list);

    const open = () => this.picker.click();
    this.zone.addEventListener("click", open);
    this.zone.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } });
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
    this.zone.textContent = m.label;
    this.zone.setAttribute("aria-label", m.label);
    this.zone.classList.toggle("hidden", this.mode !== "certificate");
    this.text.setAttribute("aria-label", this.mode === "certificate" ? "PEM text" : m.label);
    this.text.placeholder = this.mode === "certificate" ? "-----BEGIN CERTIFICATE-----" : m.label;
  }

  async addFiles(list) {
    for (const f of list) this.files.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    this.run();
  }

  /** Analyse what the element holds; returns the report. */
  async run() {
    const m = MODES[this.mode];
    const text = this.text.value;
    if (m.field === null && this.files.length === 0 && !text.trim()) return null;
    this.status.textContent = "Working…";
    await new Promise((r) => setTimeout(r, 16)); // let "Working…" paint
    await load();
    const input = { now: Date.now(), serverVersion: this.getAttribute("server-version") ?? undefined };
    const warn = parseInt(this.getAttribute("warn-days") ?? "", 10);
    if (!Number.isNaN(warn)) input.warnDays = warn;
    if (this.password.value) input.password = this.password.value;
    if (m.field === null) {
      input.files = [...this.files];
      if (text.trim()) input.files.push({ name: "pasted.pem", bytes: text });
    } else {
      input[m.field] = text.trim() ? [text] : [];
    }
    let report;
    try {
      report = analyze(input);
    } catch (e) {
      this.status.textContent = `sqltls could not run: ${e.message ?? e}`;
      return null;
    }
    this.show(report, m.field);
    this.dispatchEvent(new CustomEvent("sqltls-report", { detail: report, bubbles: true, composed: true }));
    return report;
  }

  show(report, field) {
    this.status.textContent = "";
    const ids = report.findings.map((f) => f.id);
    this.passwordRow.classList.toggle("hidden",
      !this.password.value && !ids.includes("input.pfx-password-required") && !ids.includes("input.pfx-wrong-password"));
    this.verdicts.replaceChildren(
      ...report.certificates.filter((c) => c.verdict).map((c) => el("p", { class: "verdict" }, verdictLine(c))),
      ...(report.connections ?? []).map((c) => el("p", { class: `verdict connection ${c.verdict.answer}` }, connectionLine(c))));
    this.list.replaceChildren(...report.findings.map((f) => {
      const details = el("details", {}, el("summary", {}, "Why, and how to fix it"),
        el("p", {}, f.explanation), el("p", {}, `Fix: ${f.fix}`), el("p", {}, `Source: ${f.source.title}`));
      return el("li", { class: f.severity },
        el("strong", {}, f.title), el("code", { class: "finding-id" }, f.id), el("div", {}, f.message), details);
    }));
  }
}

if (!customElements.get("sqltls-check")) customElements.define("sqltls-check", SqltlsCheck);
export { SqltlsCheck, analyze, version };
