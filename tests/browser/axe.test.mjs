// axe-core on the page and on the element's host page, before and after a
// drop: no serious or critical violation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, sameOrigin, dropFiles, requireDist, DIST, fixture, settled, axeViolations, openDarkHost } from "./helpers.mjs";

let server, browser;
before(async () => {
  requireDist("index.html", "embed/sqltls.js", "embed/embed-example.html");
  server = await serve(DIST);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

const report = (v) => JSON.stringify(v, null, 1);

test("axe: the page, empty, after a drop and after the sample", async () => {
  const { page, context } = await openPage(browser, sameOrigin(server.url), { width: 1366, height: 768 }, { bypassCSP: true });
  await page.goto(server.url + "/");
  await page.locator(".drop-zone").waitFor();
  let v = await axeViolations(page);
  assert.deepEqual(v, [], `empty page: ${report(v)}`);
  await dropFiles(page, ".drop-zone", ["keysig.pfx", "via-issuing.pem"]);
  await page.locator("#pfx-password").waitFor();
  await settled(page);
  v = await axeViolations(page);
  assert.deepEqual(v, [], `after a drop: ${report(v)}`);
  await page.locator("#load-sample").click();
  await page.locator(".conn-verdict-line").waitFor();
  await settled(page);
  v = await axeViolations(page);
  assert.deepEqual(v, [], `after the sample: ${report(v)}`);
  await page.emulateMedia({ colorScheme: "dark" });
  v = await axeViolations(page);
  assert.deepEqual(v, [], `after the sample, dark: ${report(v)}`);
  await context.close();
});

test("axe: the element's host pages, before and after a drop", async () => {
  for (const host of ["example", "dark"]) {
    const { page, context } = await openPage(browser, sameOrigin(server.url), { width: 1366, height: 768 }, { bypassCSP: true });
    const base = server.url + "/embed";
    if (host === "example") await page.goto(base + "/embed-example.html");
    else await openDarkHost(page, base);
    await page.waitForFunction(() => customElements.get("sqltls-check"));
    let v = await axeViolations(page);
    assert.deepEqual(v, [], `${host}, empty: ${report(v)}`);
    const el = page.locator("sqltls-check").first();
    await el.locator("input[type=file]").setInputFiles([fixture("expired.pem"), fixture("keysig.pfx")]);
    await el.locator(".verdict").first().waitFor();
    v = await axeViolations(page);
    assert.deepEqual(v, [], `${host}, after a drop: ${report(v)}`);
    await context.close();
  }
});
