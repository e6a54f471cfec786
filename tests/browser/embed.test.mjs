// The <sqltls-check> custom element in a plain host page (dist/embed/embed-example.html).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, sameOrigin, shot, requireDist, fixture, DIST } from "./helpers.mjs";
import path from "node:path";
import fs from "node:fs";

let server, browser;
before(async () => {
  requireDist("embed/sqltls.js", "embed/embed-example.html", "embed/sqltls_wasm_bg.wasm", "embed/sqltls_wasm_full_bg.wasm");
  server = await serve(path.join(DIST, "embed"));
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

test("custom element: a file in, findings out, report event fired", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  await page.goto(server.url + "/embed-example.html");
  await page.waitForFunction(() => customElements.get("sqltls-check"));
  const event = page.evaluate(() => new Promise((r) =>
    document.querySelector("sqltls-check").addEventListener("sqltls-report", (e) => r(e.detail.schema_version))));
  await page.locator("#cert-check input[type=file]").setInputFiles(fixture("expired.pem"));
  await page.locator("#cert-check .finding-id", { hasText: "cert.expired" }).waitFor();
  assert.equal(await event, 1);
  // The page's wording, labelled with the file and the thumbprint.
  const verdict = page.locator("#cert-check .verdict").first();
  assert.match(await verdict.locator(".sentence").textContent(), /^SQL Server will not load this certificate/);
  assert.match(await verdict.locator(".label").textContent(), /^expired\.pem · .* · SHA-1 [0-9A-F]{40}$/);
  // The JS API: version() and a JSON-compatible report.
  const shape = await page.evaluate(async () => {
    const m = await import("./sqltls.js");
    const r = m.analyze({ files: [{ name: "x.bin", bytes: new Uint8Array([0xff, 1, 2]) }], now: Date.now() });
    return { version: m.version(), proto: Object.getPrototypeOf(r) === Object.prototype, ids: r.findings.map((f) => f.id), inputs: r.inputs.length };
  });
  assert.ok(shape.version.length > 0);
  assert.equal(shape.proto, true, "the report is a plain object (json_compatible)");
  assert.deepEqual(shape.ids, ["input.unrecognized"]);
  await shot(page, "08-embed");
  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("custom element: a connection string gets the core's connection verdict", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  await page.goto(server.url + "/embed-example.html");
  await page.waitForFunction(() => customElements.get("sqltls-check"));
  const host = page.locator("#conn-check");
  await host.locator("textarea").fill("Driver={ODBC Driver 18 for SQL Server};Server=sql01;Encrypt=yes;TrustServerCertificate=yes");
  const line = host.locator(".verdict.connection .sentence");
  await line.waitFor();
  const text = await line.textContent();
  assert.match(text, /^Clients using ODBC 18 encrypt the connection but accept any certificate/);
  // Exactly what the core put in the JSON.
  const summary = await page.evaluate(async () => {
    const m = await import("./sqltls.js");
    const r = m.analyze({ connections: ["Driver={ODBC Driver 18 for SQL Server};Server=sql01;Encrypt=yes;TrustServerCertificate=yes"], now: Date.now() });
    return r.connections[0].verdict;
  });
  assert.equal(text, summary.summary);
  assert.match(await host.locator(".verdict.connection").getAttribute("class"), /\bdepends\b/);
  assert.deepEqual(summary.because, ["conn.trust-server-certificate"]);
  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("custom element: client attribute speaks in that program's words", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  await page.goto(server.url + "/embed-example.html");
  await page.waitForFunction(() => customElements.get("sqltls-check"));
  const host = page.locator("#cert-check");
  await host.evaluate((el) => el.setAttribute("client", "ssms-20"));
  await host.locator("input[type=file]").setInputFiles(fixture("self-signed.pem"));
  const lead = host.locator(".lead .summary");
  await lead.waitFor();
  const words = await host.locator(".lead").textContent();
  assert.match(words, /SSMS 20/, words);
  assert.deepEqual(log.errors, []);
  await context.close();
});

const isFull = (url) => /_full/.test(new URL(url).pathname);
const CONNECTION = "Driver={ODBC Driver 18 for SQL Server};Server=sql01;Encrypt=yes;TrustServerCertificate=yes";
const EXPIRED_ERROR = "[Microsoft][ODBC Driver 18 for SQL Server]SSL Provider: [error:0A000086:SSL routines::certificate verify failed:certificate has expired]";

/** Collect every sqltls-report detail of the page (or of the element `host`) in window.__reports. */
async function recordReports(page, host = null) {
  await page.evaluate((host) => {
    window.__reports = [];
    (host ? document.querySelector(host) : document)
      .addEventListener("sqltls-report", (e) => window.__reports.push(e.detail));
  }, host);
}

/** Drop fixture files on the drop zone of the element `host` (a real DragEvent). */
async function dropOn(page, host, names) {
  const files = names.map((n) => ({ name: n, b64: fs.readFileSync(fixture(n)).toString("base64") }));
  await page.evaluate(({ host, files }) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
    const zone = document.querySelector(host).shadowRoot.querySelector(".zone");
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { host, files });
}

test("light module: the connection-string and error modes never request the full module", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  await page.goto(server.url + "/embed-example.html");
  await page.waitForFunction(() => customElements.get("sqltls-check"));
  await recordReports(page);
  const conn = page.locator("#conn-check");
  await conn.locator("textarea").fill(CONNECTION);
  await conn.locator(".verdict.connection .sentence").waitFor();
  const error = page.locator("#error-check");
  await error.locator("textarea").fill(EXPIRED_ERROR);
  await error.locator(".finding-id", { hasText: "error.certificate-expired" }).waitFor();
  // The JS API runs on the light module: a .pfx is named, not opened.
  const pfx = [...fs.readFileSync(fixture("good-aes.pfx"))];
  const api = await page.evaluate(async (pfx) => {
    const m = await import("./sqltls.js");
    const r = m.analyze({ files: [{ name: "good-aes.pfx", bytes: new Uint8Array(pfx) }], password: "Pa55w0rd!", now: Date.now() });
    return { ids: r.findings.map((f) => f.id), certificates: r.certificates.length };
  }, pfx);
  assert.deepEqual(api, { ids: ["input.needs-full-module"], certificates: 0 });
  // The elements also report once for their empty box when the page loads.
  const reports = await page.evaluate(() => window.__reports);
  const connReport = reports.find((r) => r.connections?.length === 1);
  assert.deepEqual(connReport.connections[0].verdict.because, ["conn.trust-server-certificate"]);
  assert.ok(reports.some((r) => r.findings.some((f) => f.id === "error.certificate-expired")));
  assert.ok(log.requests.some((u) => u.endsWith("/sqltls_wasm_bg.wasm")), log.requests.join("\n"));
  assert.deepEqual(log.requests.filter(isFull), [], "no *_full* file is requested");
  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("full module: loaded on the first drop, then a .pfx opens with its password and a .p7b is read", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  await page.goto(server.url + "/embed-example.html");
  await page.waitForFunction(() => customElements.get("sqltls-check"));
  await recordReports(page, "#cert-check");
  // The status texts the element shows while it works.
  await page.evaluate(() => {
    window.__status = [];
    const status = document.querySelector("#cert-check").shadowRoot.querySelector(".status");
    new MutationObserver(() => window.__status.push(status.textContent))
      .observe(status, { childList: true, characterData: true, subtree: true });
  });
  assert.deepEqual(log.requests.filter(isFull), [], "nothing of the full module before a file is given");
  const fullWasm = page.waitForRequest((r) => r.url().endsWith("/sqltls_wasm_full_bg.wasm"));
  await dropOn(page, "#cert-check", ["good-aes.pfx"]);
  await fullWasm;
  const host = page.locator("#cert-check");
  // Locked without its password: the element asks for it.
  await host.locator(".finding-id", { hasText: "input.pfx-password-required" }).waitFor();
  assert.ok((await page.evaluate(() => window.__status)).includes("Loading the certificate module…"));
  await host.locator("input[type=password]").fill("Pa55w0rd!");
  await page.waitForFunction(() => window.__reports.length >= 2);
  const opened = await page.evaluate(() => window.__reports.at(-1));
  const ids = opened.findings.map((f) => f.id);
  assert.ok(!ids.includes("input.pfx-password-required"), ids.join(" "));
  assert.ok(!ids.includes("input.needs-full-module"), ids.join(" "));
  assert.equal(opened.inputs[0].format, "pkcs12");
  assert.ok(opened.inputs[0].certificates.length >= 1);
  assert.ok(opened.inputs[0].keys.length >= 1);
  assert.match(await host.locator(".verdict .label").first().textContent(), /^good-aes\.pfx · /);
  // A .p7b next to it: both certificates of the chain are read.
  await dropOn(page, "#cert-check", ["good-chain.p7b"]);
  await page.waitForFunction(() => window.__reports.length >= 3);
  const both = await page.evaluate(() => window.__reports.at(-1));
  assert.equal(both.inputs[1].name, "good-chain.p7b");
  assert.equal(both.inputs[1].format, "pkcs7");
  assert.equal(both.inputs[1].certificates.length, 2);
  assert.ok(!both.findings.some((f) => f.id === "input.needs-full-module"));
  // The chain's signatures are checked (not "unsupported"), by the full module.
  const statuses = both.chains.flatMap((c) => c.links ?? []).map((l) => l.signature?.status).filter(Boolean);
  assert.ok(statuses.includes("verified"), JSON.stringify(both.chains));
  assert.equal(log.requests.filter((u) => u.endsWith("/sqltls_wasm_full_bg.wasm")).length, 1);
  // The example page's other elements (connection string, error) load the light module.
  assert.ok(log.requests.some((u) => u.endsWith("/sqltls_wasm_bg.wasm")));
  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("full module: a page with only certificate mode loads no light module", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  // A host page of the element's own origin holding one certificate element.
  await page.route("**/cert-only.html", (route) => route.fulfill({
    contentType: "text/html; charset=utf-8",
    body: '<!doctype html><html lang="en"><title>cert only</title><script type="module" src="sqltls.js"></script><sqltls-check id="cert-check"></sqltls-check>',
  }));
  await page.goto(server.url + "/cert-only.html");
  await page.waitForFunction(() => customElements.get("sqltls-check"));
  await recordReports(page);
  await dropOn(page, "#cert-check", ["good-with-ca.pem"]);
  await page.waitForFunction(() => window.__reports.length >= 1);
  const report = await page.evaluate(() => window.__reports[0]);
  assert.equal(report.certificates.length, 2);
  assert.ok(log.requests.some((u) => u.endsWith("/sqltls_wasm_full_bg.wasm")));
  assert.ok(!log.requests.some((u) => u.endsWith("/sqltls_wasm_bg.wasm")), log.requests.join("\n"));
  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});
