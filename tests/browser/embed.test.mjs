// The <sqltls-check> custom element in a plain host page (dist/embed/embed-example.html).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, sameOrigin, shot, requireDist, fixture, DIST } from "./helpers.mjs";
import path from "node:path";

let server, browser;
before(async () => {
  requireDist("embed/sqltls.js", "embed/embed-example.html", "embed/sqltls_wasm_bg.wasm");
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
