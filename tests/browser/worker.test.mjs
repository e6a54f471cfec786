// The analysis runs in a Web Worker, off the page's main thread. On the site the
// worker answers text (a connection string, an error) with the light module and
// loads the full one (certificate decoding, PKCS#12, PKCS#7, signatures) once,
// when a .pfx or a .p7b is given. The single file does the same from file://
// with a blob: worker and no request at all.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serve, launch, openPage, sameOrigin, dropFiles, requireDist, DIST } from "./helpers.mjs";

// docs/connect/ado-net/connection-string-syntax.md (MicrosoftDocs/sql-docs) style:
// a validating SqlClient string that names the server by a name the fixture lacks.
const CONNECTION = "Server=tcp:sql01.corp.example.com,1433;Encrypt=True;User ID=app;Password=Not-Shown-1";
// SqlClient's text for an untrusted chain (dotnet/SqlClient Strings.resx, SNI_ERROR via SSL Provider).
const ERROR = "A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)";
const PASSWORD = "Pa55w0rd!";

let server, browser;
before(async () => {
  requireDist("index.html", "sqltls.html", "embed/sqltls_wasm_bg.wasm", "embed/sqltls_wasm_full_bg.wasm");
  server = await serve(DIST);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const ids = (page) => page.locator("code.finding-id").allTextContents();
const waitForId = (page, id) => page.locator("code.finding-id", { hasText: id }).first().waitFor();

/** Text, a .pfx with its password and a .p7b, one after the other. */
async function textThenFiles(page, afterText, afterFiles) {
  await page.getByLabel("Connection strings").fill(CONNECTION);
  await page.locator(".conn-verdict-line").first().waitFor();
  await page.locator("#error-text").fill(ERROR);
  await waitForId(page, "error.untrusted-root");
  await afterText();

  await dropFiles(page, ".drop-zone", ["good-aes.pfx"]);
  await waitForId(page, "input.pfx-password-required");
  await page.getByLabel(".pfx password").fill(PASSWORD);
  await page.locator(".verdict-line").first().waitFor();
  await page.waitForFunction(() => ![...document.querySelectorAll("code.finding-id")]
    .some((c) => c.textContent === "input.pfx-password-required"));
  await dropFiles(page, ".drop-zone", ["good-chain.p7b"]);
  await page.locator(".file-name", { hasText: "good-chain.p7b" }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll(".results.stale").length === 0
    && document.querySelectorAll(".status .working").length === 0);
  // Both files were opened: the .pfx with its password, the .p7b's two certificates.
  const meta = await page.locator(".file-meta").allTextContents();
  assert.match(meta[0], /^pkcs12 · \d+ bytes · 2 certificate\(s\) · MAC HMAC-SHA256/);
  assert.match(meta[1], /^pkcs7 · \d+ bytes · 2 certificate\(s\)$/);
  assert.match(await page.locator(".verdict-line").first().textContent(), /^SQL Server will load this certificate/);
  const found = await ids(page);
  assert.ok(!found.includes("input.needs-full-module"), found.join(" "));
  assert.ok(!found.includes("input.malformed"), found.join(" "));
  await afterFiles();
  // The password never reaches the page's text.
  assert.ok(!(await page.content()).includes("Not-Shown-1"));
}

test("site: the worker answers text with the light module and loads the full one once for a .pfx and a .p7b", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  await page.goto(server.url + "/");
  await page.locator(".drop-zone").waitFor();
  const analysisWasm = () => log.requests.filter((u) => u.includes("/embed/") && u.endsWith(".wasm"));

  await textThenFiles(page, async () => {
    assert.deepEqual(analysisWasm().map((u) => u.slice(u.lastIndexOf("/") + 1)), ["sqltls_wasm_bg.wasm"],
      "text needs the light module only");
  }, async () => {
    assert.deepEqual(analysisWasm().map((u) => u.slice(u.lastIndexOf("/") + 1)),
      ["sqltls_wasm_bg.wasm", "sqltls_wasm_full_bg.wasm"], "the full module is loaded once");
  });

  // One worker, the site's; it, not the page, loaded the analysis modules.
  const workers = page.workers();
  assert.equal(workers.length, 1);
  assert.match(workers[0].url(), /\/sqltls-worker-[0-9a-f]+\.js$/);
  const inWorker = await workers[0].evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  assert.ok(inWorker.some((u) => u.endsWith("/embed/sqltls_wasm_full_bg.wasm")), inWorker.join("\n"));
  const inPage = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  assert.ok(!inPage.some((u) => u.includes("/embed/")), inPage.join("\n"));

  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("site: when the worker cannot start, the page says so instead of waiting", async () => {
  const { page, context } = await openPage(browser, sameOrigin(server.url));
  await page.route("**/sqltls-worker-*.js", (route) => route.fulfill({ status: 404, body: "gone" }));
  await page.goto(server.url + "/");
  await page.locator(".drop-zone").waitFor();
  await page.getByLabel("Connection strings").fill(CONNECTION);
  const failure = page.locator(".status .failure");
  await failure.waitFor();
  assert.match(await failure.textContent(), /^The analysis could not run: .*sqltls check does the same offline\.$/);
  assert.equal(await page.locator(".status .working").count(), 0, "no endless spinner");
  await context.close();
});

test("site: an answer that arrives while a field has the focus leaves the focus there", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  // Hold the full module back: the answer to a dropped certificate waits for it.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route("**/embed/sqltls_wasm_full_bg.wasm", async (route) => { await held; await route.continue(); });
  await page.goto(server.url + "/");
  await page.locator(".drop-zone").waitFor();
  await dropFiles(page, ".drop-zone", ["good.pem"]);
  await page.locator("#driver").focus();
  release();
  await page.locator(".verdict-line").first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll(".status .working").length === 0);
  assert.equal(await page.evaluate(() => document.activeElement.id), "driver", "the person kept the focus");
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("single file from file://: the same through a blob: worker, with no request", async () => {
  const url = pathToFileURL(path.join(DIST, "sqltls.html")).href;
  const { page, log, context } = await openPage(browser, (u) => u === url || u.startsWith("blob:null/"));
  await page.goto(url);
  await page.locator(".drop-zone").waitFor();
  await textThenFiles(page, async () => {}, async () => {});
  const workers = page.workers();
  assert.equal(workers.length, 1);
  assert.match(workers[0].url(), /^blob:null\//);
  assert.deepEqual(log.requests.filter((u) => u !== url && !u.startsWith("blob:")), [], "no request");
  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.errors, [], "console errors (a CSP violation would show here)");
  await context.close();
});
