// dist/sqltls.html from file://: works with no server and no network.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launch, openPage, shot, requireDist, DIST } from "./helpers.mjs";

let browser;
before(async () => { requireDist("sqltls.html"); browser = await launch(); });
after(async () => { await browser?.close(); });

test("sqltls.html from file:// renders a verdict for the sample, with no request", async () => {
  const url = pathToFileURL(path.join(DIST, "sqltls.html")).href;
  const { page, log, context } = await openPage(browser, (u) => u === url || u.startsWith("data:") || u.startsWith("blob:"));
  await page.goto(url);
  await page.locator("#load-sample").click();
  const line = page.locator(".verdict-line").first();
  await line.waitFor();
  assert.match(await line.textContent(), /^SQL Server (will|may|will not) load this certificate/);
  await shot(page, "07-single-file");
  assert.deepEqual(log.foreign, [], "requests other than the file itself");
  assert.deepEqual(log.errors, [], "console errors (a CSP violation would show here)");
  await context.close();
});
