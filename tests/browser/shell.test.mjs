// The static shell: the page's header and a status line are painted from the HTML
// before the wasm arrives, and the page replaces them once it starts. The single file
// carries its wasm once, gzip-compressed, and inflates it in memory.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage, sameOrigin, requireDist, DIST } from "./helpers.mjs";

let server, browser;
before(async () => {
  requireDist("index.html", "sqltls.html");
  server = await serve(DIST);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("the shell is painted before the wasm arrives, then replaced by the page", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  // Hold the wasm back until the shell has been checked.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route("**/*.wasm", async (route) => { await held; await route.continue(); });
  await page.goto(server.url + "/", { waitUntil: "domcontentloaded" });
  const status = page.locator("#shell-status");
  await status.waitFor();
  assert.match(await status.textContent(), /Starting the checker/);
  assert.match(await page.locator("h1").textContent(), /^sqltls · SQL Server TLS doctor$/);
  assert.ok(await page.locator(".tagline").isVisible());
  // Painted: the browser reports a first contentful paint while the wasm is held.
  const fcp = await page.evaluate(() => new Promise((resolve) => {
    const seen = performance.getEntriesByName("first-contentful-paint")[0];
    if (seen) return resolve(seen.startTime);
    new PerformanceObserver((l) => resolve(l.getEntries()[0].startTime)).observe({ type: "paint", buffered: true });
  }));
  assert.ok(fcp > 0, `first contentful paint at ${fcp} ms`);
  assert.equal(await page.locator(".drop-zone").count(), 0, "the page has not started yet");
  release();
  await page.locator(".drop-zone").waitFor();
  assert.equal(await page.locator("#shell-status").count(), 0, "the shell is gone");
  assert.equal(await page.locator("h1").count(), 1, "one header");
  // The page's wasm is preloaded from the HTML; the script's fetch reuses that
  // response. The analysis worker loads the light module only: nothing was dropped.
  const wasm = log.requests.filter((u) => u.endsWith(".wasm"));
  assert.equal(wasm.filter((u) => /\/sqltls-[0-9a-f]+\.wasm$/.test(u)).length, 1, wasm.join("\n"));
  assert.ok(wasm.filter((u) => u.endsWith("/embed/sqltls_wasm_bg.wasm")).length <= 1, wasm.join("\n"));
  assert.equal(wasm.filter((u) => u.includes("full")).length, 0, wasm.join("\n"));
  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the single file carries each wasm once, gzip-compressed, inflated in memory", async () => {
  const html = fs.readFileSync(path.join(DIST, "sqltls.html"), "utf8");
  const runs = html.match(/[A-Za-z0-9+/=]{4096,}/g) ?? [];
  assert.equal(runs.length, 2, "two embedded payloads: the page's and the worker's");
  const { gunzipSync } = await import("node:zlib");
  const [page, worker] = runs.map((run) => {
    const payload = Buffer.from(run, "base64");
    assert.deepEqual([...payload.subarray(0, 2)], [0x1f, 0x8b], "a gzip member");
    return gunzipSync(payload);
  });
  const wasm = fs.readdirSync(DIST).find((f) => /^sqltls-[0-9a-f]+\.wasm$/.test(f));
  assert.ok(wasm, "the site's wasm");
  assert.ok(page.equals(fs.readFileSync(path.join(DIST, wasm))), "the first payload is the site's page wasm");
  const full = fs.readFileSync(path.join(DIST, "embed/sqltls_wasm_full_bg.wasm"));
  assert.ok(worker.equals(full), "the second payload is the full analysis module");
  assert.match(html, /new DecompressionStream\("gzip"\)/);
  assert.match(html, /worker-src blob:/);
});
