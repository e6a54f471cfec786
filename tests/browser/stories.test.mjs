// Three people, each checked at 1366×768 and 390×844: the answer is the first
// thing they see after their input. Screenshots of the first screen go to
// artifacts/screenshots and docs/screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  serve, launch, openPage, sameOrigin, dropFiles, requireDist, DIST, EVIDENCE, settled,
  viewShot, SCREENS, leadPosition, assertLeadInView, recordOutputs, outputs, pasteText,
} from "./helpers.mjs";

let server, browser;
before(async () => {
  requireDist("index.html", "embed/sqltls.js");
  server = await serve(DIST);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const SSMS = fs.readFileSync(path.join(EVIDENCE, "ssms20-untrusted-root.txt"), "utf8");
/** Positions measured, printed at the end (for the record of each run). */
const measured = [];

for (const screen of SCREENS) {
  test(`SSMS 20 user, ${screen.name}: a certificate and the copied dialog; one error; the answer first`, async () => {
    const { page, log, context } = await openPage(browser, sameOrigin(server.url), screen);
    await recordOutputs(page);
    await page.goto(server.url + "/");
    await page.locator(".drop-zone").waitFor();

    await dropFiles(page, ".drop-zone", ["via-issuing.pem"]);
    await page.locator(".lead-summary:not(:empty)").waitFor();
    await settled(page);
    let pos = await leadPosition(page);
    measured.push({ story: "ssms", screen: screen.name, after: "drop", ...pos });
    assertLeadInView(assert, pos, "after the drop");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "answer", "focus moves to the answer");

    await page.locator("#error-text").fill(SSMS);
    // The dialog names SSMS; the person also says so in the selector.
    await page.locator("#client option", { hasText: "(SSMS 20, from the error)" }).waitFor({ state: "attached" });
    await page.selectOption("#client", "ssms-20");
    await page.locator("code.finding-id", { hasText: "error.untrusted-root" }).first().waitFor();
    await settled(page);
    await page.waitForTimeout(300);
    pos = await leadPosition(page);
    measured.push({ story: "ssms", screen: screen.name, after: "paste", ...pos });
    assertLeadInView(assert, pos, "after the error text");

    // The dialog is one error, not one per paragraph.
    const errors = await page.locator(".evidence-entry").evaluateAll((els) =>
      els.map((e) => e.textContent).filter((t) => /error #\d/.test(t)));
    assert.equal(errors.length, 1, `one pasted error, got ${errors.length}`);
    // The lead names the untrusted CA, in SSMS's words; a workaround is never the first step.
    const summary = await page.locator("#answer-summary").textContent();
    assert.match(summary, /^SSMS 20 does not trust "sqltls Test Issuing CA"/, summary);
    const kinds = await page.locator(".lead-actions > li").evaluateAll((lis) => lis.map((li) => li.className));
    assert.ok(kinds.length >= 1 && kinds.length <= 3, kinds.join(" "));
    assert.ok(!kinds[0].includes("workaround"), kinds.join(" "));
    const workaround = page.locator(".lead-actions > li.action-workaround");
    if (await workaround.count()) assert.match(await workaround.textContent(), /gives up/);
    // Its script is the first fix offered, and its link opens it.
    assert.equal(await page.locator(".remedies .remedy").first().getAttribute("data-remedy"), "trust-root-commands");
    await page.locator(".lead-actions a.remedy-link").first().click();
    await page.waitForFunction(() => document.activeElement?.id === "remedy-trust-root-commands");
    await page.evaluate(() => window.scrollTo(0, 0));
    await viewShot(page, `story-ssms-${screen.name}`, { doc: true });
    // Announced politely, in one sentence.
    assert.equal(await page.locator("#answer-summary").getAttribute("aria-live"), "polite");

    // The ticket text: the answer, its steps, the dialog quoted once; short.
    await page.locator("#copy-report").click();
    const md = (await outputs(page)).copied;
    assert.match(md, /^## sqltls: SSMS 20 does not trust "sqltls Test Issuing CA"/);
    assert.match(md, /\n> Cannot connect to sql01\.corp\.example\.com\.\n/);
    assert.equal(md.split("as pasted:").length, 2, "quoted once");
    assert.ok(!/\n> at Microsoft/.test(md), "no stack frames");
    const lines = md.split("\n").length;
    measured.push({ story: "ssms", screen: screen.name, markdownLines: lines });
    assert.ok(lines <= 50, `${lines} lines`);
    assert.deepEqual(log.foreign, []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });

  test(`admin with an AT_SIGNATURE .pfx, ${screen.name}: locked row, password, SQL Server will not load it`, async () => {
    const { page, log, context } = await openPage(browser, sameOrigin(server.url), screen);
    await page.goto(server.url + "/");
    await page.locator(".drop-zone").waitFor();
    await dropFiles(page, ".drop-zone", ["keysig.pfx"]);

    // Locked: its own row says so, the password box is right there and focused.
    const row = page.locator(".files li", { hasText: "keysig.pfx" });
    await row.locator(".file-meta", { hasText: "locked: enter its password" }).waitFor();
    assert.equal(await row.locator("#pfx-password").count(), 1, "the box is in the file's row");
    await page.waitForFunction(() => document.activeElement?.id === "pfx-password");
    let pos = await leadPosition(page);
    measured.push({ story: "keysig", screen: screen.name, after: "drop", ...pos });
    assertLeadInView(assert, pos, "after the drop");
    assert.match(await page.locator("#answer-summary").textContent(), /keysig\.pfx is locked/);
    const box = await page.locator("#pfx-password").boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= screen.height, `password box off screen: ${JSON.stringify(box)}`);
    assert.ok(!(await page.locator(".file-meta").allTextContents()).some((t) => /0 certificate/.test(t)));
    await viewShot(page, `story-keysig-locked-${screen.name}`, { doc: true });

    await page.keyboard.type("Pa55w0rd!");
    await page.locator(".verdict-line").first().waitFor();
    await settled(page);
    await page.waitForTimeout(300);
    pos = await leadPosition(page);
    measured.push({ story: "keysig", screen: screen.name, after: "password", ...pos });
    assertLeadInView(assert, pos, "after the password");
    const summary = await page.locator("#answer-summary").textContent();
    assert.match(summary, /SQL Server will not load/i, summary);
    await viewShot(page, `story-keysig-${screen.name}`, { doc: true });
    assert.ok(!(await page.content()).includes("Pa55w0rd!"), "the password never reaches the page text");
    assert.deepEqual(log.foreign, []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

for (const screen of SCREENS) {
  test(`sample and a paste outside the boxes, ${screen.name}: the answer is on the first screen, focused`, async () => {
    const { page, log, context } = await openPage(browser, sameOrigin(server.url), screen);
    await page.goto(server.url + "/");
    await page.locator("#load-sample").click();
    await page.locator(".conn-verdict-line").waitFor();
    await settled(page);
    let pos = await leadPosition(page);
    measured.push({ story: "sample", screen: screen.name, after: "sample", ...pos });
    assertLeadInView(assert, pos, "after the sample");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "answer");
    // Scrolled down, then a paste anywhere: the answer comes back into view.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await pasteText(page, "The target principal name is incorrect.");
    await page.locator("code.finding-id", { hasText: "error.name-mismatch" }).first().waitFor();
    await settled(page);
    await page.waitForTimeout(200);
    pos = await leadPosition(page);
    measured.push({ story: "sample", screen: screen.name, after: "paste", ...pos });
    assertLeadInView(assert, pos, "after the paste");
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test("AT_SIGNATURE .pfx: no registry-select or restart script is offered for a certificate SQL Server will not load", async () => {
  const { page, context } = await openPage(browser, sameOrigin(server.url));
  await page.goto(server.url + "/");
  await page.locator(".drop-zone").waitFor();
  await dropFiles(page, ".drop-zone", ["keysig.pfx"]);
  await page.locator("#pfx-password").waitFor();
  await page.locator("#pfx-password").fill("Pa55w0rd!");
  await page.locator(".verdict-line").first().waitFor();
  await settled(page);
  assert.equal(await page.evaluate(() => document.querySelector("#answer").dataset.source), "diagnosis");
  assert.match(await page.locator("#answer-summary").textContent(), /SQL Server will not load the certificate/);
  assert.equal(await page.locator("#remedy-registry-thumbprint").count(), 0, "registry-thumbprint offered");
  assert.equal(await page.locator('[data-remedy="registry-thumbprint"]').count(), 0);
  await context.close();
});

test("positions of the answer", () => {
  // One line per measurement, for the record.
  for (const m of measured) console.log(JSON.stringify(m));
  assert.ok(measured.length >= 10);
});

test("a clean certificate that is missing from Configuration Manager: the box turns the answer into the checklist", async () => {
  const { page, log } = await openPage(browser, sameOrigin(server.url), SCREENS[0]);
  await page.goto(server.url + "/");
  await page.locator(".drop-zone").waitFor();
  await dropFiles(page, ".drop-zone", ["good.pem"]);
  await page.locator(".lead-summary:not(:empty)").waitFor();
  await settled(page);
  let summary = await page.locator("#answer-summary").textContent();
  assert.match(summary, /is ready/, summary);
  await page.locator("#not-listed").check();
  await page.waitForFunction(() => /keeps it out of Configuration Manager/.test(document.querySelector("#answer-summary")?.textContent ?? ""));
  await settled(page);
  summary = await page.locator("#answer-summary").textContent();
  assert.match(summary, /^Nothing in sql01\.corp\.example\.com keeps it out of Configuration Manager's list/, summary);
  const steps = await page.locator("#answer li.action").allTextContents();
  // With only the file, the first step asks for the store listing that rules each
  // cause in or out; the causes follow, the store location first.
  assert.ok(steps[0].includes("Paste what the server's store shows") && steps[0].includes("certutil -v -store My"), steps.join("\n"));
  assert.ok(steps[1].includes("Local Computer\\Personal"), steps.join("\n"));
  assertLeadInView(assert, await leadPosition(page), "after ticking the box");
  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.errors, []);
  await page.close();
});
