// Shared helpers: a tiny static server on 127.0.0.1, Chromium via playwright-core,
// and a recorder that fails on any request leaving the page's own origin.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, "../..");
export const DIST = path.resolve(process.env.SQLTLS_DIST ?? path.join(ROOT, "dist"));
export const FIXTURES = path.join(ROOT, "tests/fixtures/certs");
export const SHOTS = path.join(ROOT, "artifacts/screenshots");
export const fixture = (name) => path.join(FIXTURES, name);

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json",
};

/** Serve `dir` on 127.0.0.1 (a random port). Resolves to { url, close }. */
export function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404).end("not found"); return; }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
  }));
}

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
}

/**
 * A page that records every request and every console error / page error.
 * `allowed(url)` says whether a request URL is the page's own; `options` go to
 * the browser context (e.g. `bypassCSP: true` to inject axe-core).
 */
export async function openPage(browser, allowed, viewport = { width: 1100, height: 900 }, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const log = { requests: [], foreign: [], errors: [] };
  page.on("request", (r) => {
    log.requests.push(r.url());
    if (!allowed(r.url())) log.foreign.push(r.url());
  });
  page.on("console", (m) => { if (m.type() === "error") log.errors.push(m.text()); });
  page.on("pageerror", (e) => log.errors.push(`pageerror: ${e.message}`));
  return { context, page, log };
}

export function sameOrigin(origin) {
  return (url) => url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:" + origin);
}

/** Drop files onto `selector` with a real DataTransfer (as a user's drag and drop). */
export async function dropFiles(page, selector, names) {
  const files = names.map((n) => ({ name: n, b64: fs.readFileSync(fixture(n)).toString("base64") }));
  await page.evaluate(({ selector, files }) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name));
    }
    const target = document.querySelector(selector);
    target.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { selector, files });
}

export async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

export function requireDist(...files) {
  for (const f of files) {
    if (!fs.existsSync(path.join(DIST, f))) {
      throw new Error(`${path.join(DIST, f)} is missing: run \`cargo xtask dist\` first`);
    }
  }
}

/**
 * Paste `text` with a real ClipboardEvent on `selector` (default: the page body,
 * i.e. outside every text box), as Ctrl+V would.
 */
export async function pasteText(page, text, selector = "body") {
  await page.evaluate(({ text, selector }) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", text);
    document.querySelector(selector)
      .dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, { text, selector });
}

/**
 * Record what the page copies (navigator.clipboard.writeText) and downloads
 * (Blobs handed to URL.createObjectURL) into window.__copied / window.__blobs.
 * Call before page.goto.
 */
export async function recordOutputs(page) {
  await page.addInitScript(() => {
    window.__copied = [];
    window.__blobs = [];
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: { writeText: async (t) => { window.__copied.push(String(t)); } },
    });
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob) => { window.__blobs.push(blob); return create(blob); };
  });
}

/** The last text copied and the text of the last download. */
export async function outputs(page) {
  return page.evaluate(async () => ({
    copied: window.__copied.at(-1) ?? null,
    downloaded: window.__blobs.length ? await window.__blobs.at(-1).text() : null,
  }));
}

/** Wait until the results are fresh (no analysis pending). */
export async function settled(page) {
  await page.waitForFunction(() =>
    document.querySelector(".results") && !document.querySelector(".results.stale")
      && !document.querySelector(".working"));
}

export const EVIDENCE = path.join(ROOT, "tests/fixtures/evidence");
export const DOC_SHOTS = path.join(ROOT, "docs/screenshots");

/** The first viewport only (small PNGs), into artifacts/screenshots and, with `doc`, docs/screenshots. */
export async function viewShot(page, name, { doc = false } = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  if (doc) {
    fs.mkdirSync(DOC_SHOTS, { recursive: true });
    fs.copyFileSync(file, path.join(DOC_SHOTS, `${name}.png`));
  }
}

/** The two screens every story is checked on. */
export const SCREENS = [
  { name: "desktop", width: 1366, height: 768 },
  { name: "phone", width: 390, height: 844 },
];

/**
 * Where the lead answer sits in the window: its summary line's and the
 * panel's rectangles, and the window height.
 */
export async function leadPosition(page) {
  return page.evaluate(() => {
    const line = document.querySelector("#answer-summary").getBoundingClientRect();
    const panel = document.querySelector("#answer").getBoundingClientRect();
    return {
      summaryTop: Math.round(line.top), summaryBottom: Math.round(line.bottom),
      panelTop: Math.round(panel.top), panelBottom: Math.round(panel.bottom),
      viewport: window.innerHeight, scrollY: Math.round(window.scrollY),
    };
  });
}

/** The lead's summary line is inside the window. */
export function assertLeadInView(assert, pos, what) {
  assert.ok(pos.summaryTop >= 0 && pos.summaryBottom <= pos.viewport,
    `${what}: the answer is outside the window (${JSON.stringify(pos)})`);
}

/** axe-core's serious and critical violations on the page (and open shadow roots). */
export async function axeViolations(page) {
  const source = fs.readFileSync(path.join(here, "node_modules/axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: source });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
}

/** A host page like a docs site in its dark theme (served beside sqltls.js). */
export const DARK_HOST = `<!doctype html>
<html lang="en" data-theme="dark">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Docs: checking the SQL Server certificate</title>
<style>
:root { --ifm-background-color: #ffffff; --ifm-font-color-base: #1c1e21; }
[data-theme="dark"] { --ifm-background-color: #1b1b1d; --ifm-font-color-base: #e3e3e3; }
body { background: var(--ifm-background-color); color: var(--ifm-font-color-base);
  font: 16px/1.6 system-ui, sans-serif; max-width: 46rem; margin: 0 auto; padding: 1rem; }
</style>
<script type="module" src="sqltls.js"></script>
</head>
<body>
<h1>Check the certificate</h1>
<p>Drop the server certificate below.</p>
<sqltls-check id="check" mode="certificate"></sqltls-check>
<h2>Own palette</h2>
<sqltls-check id="light" mode="certificate" theme="light"></sqltls-check>
</body>
</html>`;

export async function openDarkHost(page, url) {
  await page.route(url + "/dark-host.html", (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: DARK_HOST }));
  await page.goto(url + "/dark-host.html");
  await page.waitForFunction(() => customElements.get("sqltls-check"));
}

