// "Copy report" says what happened: the clipboard API, else the copy command,
// else an honest "Could not copy" with the text shown to select; the label resets.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, sameOrigin, dropFiles, requireDist, DIST, settled } from "./helpers.mjs";

let server, browser;
before(async () => {
  requireDist("index.html");
  server = await serve(DIST);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/**
 * A page whose clipboard behaves as `clipboard` says ("missing" as on an
 * intranet page over http, or "rejects") and whose copy command returns `command`.
 */
async function pageWith(clipboard, command) {
  const opened = await openPage(browser, sameOrigin(server.url));
  await opened.page.addInitScript(({ clipboard, command }) => {
    window.__commands = [];
    const value = clipboard === "missing" ? undefined
      : { writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError")) };
    Object.defineProperty(navigator, "clipboard", { configurable: true, value });
    document.execCommand = (name) => {
      window.__commands.push({ name, text: document.activeElement?.value ?? null });
      return command;
    };
  }, { clipboard, command });
  await opened.page.goto(server.url + "/");
  await opened.page.locator(".drop-zone").waitFor();
  await dropFiles(opened.page, ".drop-zone", ["expired.pem"]);
  await opened.page.locator(".verdict-line").first().waitFor();
  await settled(opened.page);
  return opened;
}

for (const clipboard of ["missing", "rejects"]) {
  test(`copy with the clipboard API ${clipboard}: the copy command takes over`, async () => {
    const { page, log, context } = await pageWith(clipboard, true);
    const button = page.locator("#copy-report");
    await button.click();
    await page.waitForFunction(() => document.querySelector("#copy-report").textContent === "Copied");
    const commands = await page.evaluate(() => window.__commands);
    assert.equal(commands.length, 1);
    assert.equal(commands[0].name, "copy");
    assert.match(commands[0].text, /^## sqltls: sql01\.corp\.example\.com's certificate expired/);
    await page.waitForFunction(() => document.querySelector("#copy-report").textContent === "Copy report", null, { timeout: 4000 });
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test("copy where nothing works: says so, shows the text to select, then resets", async () => {
  const { page, log, context } = await pageWith("missing", false);
  const button = page.locator("#copy-report");
  await button.click();
  await page.waitForFunction(() => document.querySelector("#copy-report").textContent === "Could not copy — select the text");
  const text = await page.locator("#report-text").inputValue();
  assert.match(text, /^## sqltls: /);
  await page.waitForFunction(() => document.querySelector("#copy-report").textContent === "Copy report", null, { timeout: 4000 });
  assert.equal(await page.locator("#report-text").count(), 1, "the text stays to select");
  // A small copy button says the same.
  await page.locator(".certificate summary").first().click();
  const small = page.locator("button.copy").first();
  await small.click();
  await page.waitForFunction(() => document.querySelector("button.copy").textContent === "Could not copy — select the text");
  await page.waitForFunction(() => document.querySelector("button.copy").textContent === "Copy", null, { timeout: 4000 });
  assert.deepEqual(log.errors, []);
  await context.close();
});
