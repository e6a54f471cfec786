// The static site (dist/index.html) served from 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { serve, launch, openPage, sameOrigin, dropFiles, shot, requireDist, DIST, fixture, pasteText } from "./helpers.mjs";

let server, browser;
before(async () => {
  requireDist("index.html");
  server = await serve(DIST);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const ids = (page) => page.locator("code.finding-id").allTextContents();

test("a .pfx with its password and an expired certificate: verdicts and finding ids", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  await page.goto(server.url + "/");
  await page.locator(".drop-zone").waitFor();
  await shot(page, "01-empty");

  await dropFiles(page, ".drop-zone", ["good-aes.pfx", "expired.pem"]);
  // The .pfx needs its password: the box appears.
  await page.locator("code.finding-id", { hasText: "input.pfx-password-required" }).waitFor();
  const password = page.getByLabel(".pfx password");
  await password.waitFor();
  await shot(page, "02-password-required");
  await password.fill("Pa55w0rd!");
  await page.waitForFunction(() =>
    document.querySelectorAll(".verdict-line").length === 2 && !document.querySelector(".results.stale"));

  const found = await ids(page);
  assert.ok(found.includes("cert.expired"), found.join(" "));
  assert.ok(found.includes("cert.chain-root-required"), found.join(" "));
  assert.ok(!found.includes("input.pfx-password-required"), found.join(" "));

  const lines = await page.locator(".verdict-line").allTextContents();
  assert.equal(lines.length, 2, lines.join("\n"));
  assert.ok(lines.some((l) => /^SQL Server will load this certificate; Configuration Manager will list it; validating clients accept it only if they trust "sqltls Test Root CA"/.test(l)), lines.join("\n"));
  assert.ok(lines.some((l) => l.startsWith("SQL Server will not load this certificate")), lines.join("\n"));
  // The verdict comes first, before the findings.
  const order = await page.evaluate(() => {
    const v = document.querySelector(".verdict"), f = document.querySelector(".findings");
    return v.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order);
  // The password never reaches the page text.
  assert.ok(!(await page.content()).includes("Pa55w0rd!"));
  await shot(page, "03-report");

  // Changing the server version re-runs the analysis.
  await page.selectOption("#server-version", "2016");
  await page.locator(".summary", { hasText: "" }).waitFor();
  await page.waitForFunction(() => !document.querySelector(".results.stale"));

  // 360 px wide: no horizontal scrolling.
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than 360px`);
  await shot(page, "04-narrow-360");

  assert.deepEqual(log.foreign, [], "requests outside the page's origin");
  assert.deepEqual(log.errors, [], "console errors");
  await context.close();
});

test("garbage bytes: input.unrecognized, no console error, no panic", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  await page.goto(server.url + "/");
  await page.locator(".drop-zone").waitFor();
  await dropFiles(page, ".drop-zone", ["garbage.bin"]);
  await page.locator("code.finding-id", { hasText: "input.unrecognized" }).waitFor();
  await page.locator(".verdict-none").waitFor();
  await shot(page, "05-garbage");
  assert.deepEqual(log.errors, [], "console errors");
  assert.deepEqual(log.foreign, []);
  await context.close();
});

test("Load sample, pasted PEM, keyboard and dark mode", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(server.url + "/");
  await page.locator(".drop-zone").waitFor();
  // Keyboard: Tab reaches "Choose files" in the drop zone first, then "Load sample".
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "choose-files");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "load-sample");
  await page.keyboard.press("Enter");
  await page.locator(".verdict-line").first().waitFor();
  const found = await ids(page);
  assert.ok(found.includes("cert.expired") && found.includes("cert.cng-key-provider"), found.join(" "));
  // The sample's certutil -user listing: a certificate in the user's store.
  assert.ok(found.includes("cert.store-current-user"), found.join(" "));
  await shot(page, "06-sample-dark");

  // Paste PEM text anywhere: becomes pasted.pem.
  await pasteText(page, fs.readFileSync(fixture("good.pem"), "utf8"));
  await page.locator(".file-name", { hasText: "pasted.pem" }).waitFor();
  // Paste a certutil listing: a file too (its "Provider = …" is no connection string).
  await pasteText(page, fs.readFileSync(fixture("../store/good-keysig.txt"), "utf8"));
  await page.locator(".file-name", { hasText: "pasted-listing.txt" }).waitFor();
  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});
