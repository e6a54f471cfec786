// Connection strings, error texts, server evidence and remedies in the page (dist/index.html).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import {
  serve, launch, openPage, sameOrigin, dropFiles, shot, requireDist, DIST, fixture,
  pasteText, recordOutputs, outputs, settled,
} from "./helpers.mjs";

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
const SECRET = "Typed-Secret-42";
const TYPED = `Server=10.0.0.5;Encrypt=True;UID=app;PWD=${SECRET}`;
const PASTED = "Server=tcp:sql01.corp.example.com,1433;Encrypt=True;TrustServerCertificate=True";
const ERROR = "The target principal name is incorrect.";

/** Neither the page's markup, its visible text, nor any output holds `secret`. */
async function assertNoSecret(page, secret) {
  const html = await page.content();
  assert.ok(!html.includes(secret), "secret in the page markup");
  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(!text.includes(secret), "secret in the page text");
  // Text nodes and attributes only (not the box the user typed into).
  const nodes = await page.evaluate((s) => {
    const hits = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) if (walk.currentNode.nodeValue.includes(s)) hits.push(walk.currentNode.parentElement.tagName);
    for (const el of document.querySelectorAll("*")) {
      for (const a of el.attributes) if (a.value.includes(s)) hits.push(`${el.tagName}[${a.name}]`);
    }
    return hits;
  }, secret);
  assert.deepEqual(nodes, []);
}

test("typed and pasted connection strings, a pasted error, good.pem: findings, matrix, remedies, no secret", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  await recordOutputs(page);
  await page.goto(server.url + "/");
  await page.locator(".drop-zone").waitFor();

  await dropFiles(page, ".drop-zone", ["good.pem"]);
  await page.locator(".verdict-line").first().waitFor();

  // Type a string into the box (with a password), paste another one and an error outside the boxes.
  await page.getByLabel("Connection strings").fill(TYPED);
  await page.locator("code.finding-id", { hasText: "match.host-name-mismatch" }).waitFor();
  await pasteText(page, PASTED);
  await pasteText(page, ERROR);
  await page.locator("code.finding-id", { hasText: "conn.trust-server-certificate" }).waitFor();
  await page.locator("code.finding-id", { hasText: "error.name-mismatch" }).waitFor();
  await settled(page);
  assert.equal(await page.locator("#conn-strings").inputValue(), `${TYPED}\n${PASTED}`, "the paste went to the connection box");
  assert.equal(await page.locator("#error-text").inputValue(), ERROR, "the paste went to the error box");

  const found = await ids(page);
  for (const id of ["conn.trust-server-certificate", "match.host-name-mismatch", "error.name-mismatch", "conn.host-is-ip"]) {
    assert.ok(found.includes(id), `${id} missing from ${found.join(" ")}`);
  }

  // The verdict comes first and covers the connections.
  const connVerdicts = await page.locator(".conn-verdict-line").allTextContents();
  assert.equal(connVerdicts.length, 2, connVerdicts.join("\n"));
  assert.match(connVerdicts[0], /^Clients using Microsoft\.Data\.SqlClient 5\.0\+ will refuse this server: .*the name 10\.0\.0\.5 is not in it/);
  assert.match(connVerdicts[1], /accept any certificate/);
  const first = await page.evaluate(() => {
    const v = document.querySelector(".conn-verdict"), f = document.querySelector(".findings");
    return Boolean(v.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(first, "connection verdicts come before the findings");

  // The connection section: redacted string, driver inferred, the matrix with one highlighted cell.
  const conn0 = page.locator("#conn-0");
  assert.match(await conn0.locator("code.redacted").textContent(), /PWD=<redacted>$/);
  assert.match(await conn0.locator(".inferred").textContent(), /inferred/);
  const chosen = page.locator("#matrix-0 td[aria-current=true]");
  assert.equal(await chosen.count(), 1);
  assert.match(await chosen.getAttribute("class"), /\bchosen\b/);
  assert.match(await chosen.textContent(), /^full · validated/);
  // Encrypted and validated, but this server will be refused: the cell is not green.
  assert.match(await chosen.getAttribute("class"), /\bcell-no\b/);

  // Choose the driver: ODBC 18, and the server forces encryption.
  await page.selectOption("#driver", "odbc@18");
  await page.locator(".conn-verdict-line", { hasText: /^Clients using ODBC 18 will refuse this server: .*the name 10\.0\.0\.5 is not in it/ }).waitFor();
  await page.selectOption("#force-encryption", "yes");
  await settled(page);
  const cell = await page.evaluate(() => {
    const td = document.querySelector("#matrix-0 td[aria-current=true]");
    const row = td.parentElement;
    return { row: row.querySelector("th").textContent, column: [...row.children].indexOf(td) };
  });
  assert.deepEqual(cell, { row: "18", column: 2 }, "the highlighted cell is ODBC 18 × ForceEncryption yes");
  assert.equal(await page.locator("#matrix-0 tbody tr").count(), 2, "ODBC 17 and 18");
  await shot(page, "09-connection-matrix");

  // Remedies: each fixable finding links to its block; the corrected string drops TrustServerCertificate.
  const link = page.locator(".finding", { has: page.locator("code.finding-id", { hasText: "match.host-name-mismatch" }) }).locator("a.fix-link");
  assert.equal(await link.getAttribute("href"), "#remedy-connection-fix-0");
  const fix = page.locator("#remedy-connection-fix-1");
  await fix.waitFor();
  const before_ = await fix.locator("del").textContent();
  const after_ = await fix.locator("ins").textContent();
  assert.match(before_, /TrustServerCertificate=True/);
  // The pasted error says the name does not match: the core keeps the switch
  // until the certificate can be validated (alone, the string loses it: below).
  assert.match(after_, /Server=tcp:sql01\.corp\.example\.com,1433;Encrypt=True/);
  const ipFix = await page.locator("#remedy-connection-fix-0 ins").textContent();
  assert.match(ipFix, /HostnameInCertificate=sql01\.corp\.example\.com/i);
  assert.ok(!ipFix.includes(SECRET));
  // Every link points at an existing block; the keyboard follows one.
  const targets = await page.locator("a.fix-link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(targets.length >= 3, targets.join(" "));
  for (const t of targets) assert.equal(await page.locator(t).count(), 1, `no block ${t}`);
  await link.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.hash === "#remedy-connection-fix-0");
  // The answer's first step points at the same block, shown first among the fixes.
  assert.equal(await page.locator(".lead-actions a.remedy-link").first().getAttribute("href"), "#remedy-connection-fix-0");
  assert.equal(await page.locator(".remedies .remedy").first().getAttribute("id"), "remedy-connection-fix-0");
  // Copy buttons on the blocks.
  await fix.getByRole("button", { name: "Copy corrected connection string #2" }).click();
  assert.equal((await outputs(page)).copied, after_.replace(/^\+\s*(after: )?/, ""));
  await page.locator("#remedy-certreq-inf").getByRole("button").first().click();
  assert.match((await outputs(page)).copied, /\[NewRequest\]/);
  await shot(page, "10-remedies");

  // The error text is listed as evidence.
  await page.locator(".evidence-entry", { hasText: "error #1" }).waitFor();

  // Nothing shows or exports the password typed in the string.
  await assertNoSecret(page, SECRET);
  await page.locator("#copy-report").click();
  const md = (await outputs(page)).copied;
  // The answer and its steps first, the error quoted, the details below.
  assert.match(md, /^## sqltls: ODBC 18 validates the name 10\.0\.0\.5, which is not in the certificate/);
  assert.match(md, /\nNext steps:\n\n1\. \*\*Fix, on the client:\*\* /);
  assert.ok(md.indexOf("Next steps:") < md.indexOf("<details>"));
  assert.match(md, /\n> The target principal name is incorrect\.\n/);
  assert.match(md, /`Server=10\.0\.0\.5;Encrypt=True;UID=app;PWD=<redacted>`/);
  assert.match(md, /```diff\n- Server=10\.0\.0\.5;Encrypt=True;UID=app;PWD=<redacted>\n\+ /);
  assert.match(md, /`match\.host-name-mismatch`/);
  assert.ok(md.split("\n").length < 60, `${md.split("\n").length} lines`);
  assert.ok(!md.includes(SECRET), "secret in the Markdown");
  await page.locator("#download-json").click();
  const json = (await outputs(page)).downloaded;
  // Indented as `sqltls check --json` writes it.
  assert.match(json, /^\{\n  "schema_version": 1,\n  "schema_minor": \d+,\n/);
  const report = JSON.parse(json);
  assert.equal(report.connections.length, 2);
  assert.ok(report.remedies.connections.length >= 2);
  assert.ok(!json.includes(SECRET), "secret in the JSON");

  assert.deepEqual(log.foreign, [], "requests outside the page's origin");
  assert.deepEqual(log.errors, [], "console errors");
  await context.close();
});

test("Load sample: every section, the version from ERRORLOG, no secret, 360 px, dark", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  await recordOutputs(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(server.url + "/");
  await page.locator("#load-sample").click();
  await page.locator(".conn-verdict-line").waitFor();
  await settled(page);
  for (const sel of [".verdict-line", ".conn-verdict", ".findings", ".connection", ".matrix td.chosen", ".evidence", ".remedies", ".conn-fix", ".chain", ".certificate"]) {
    assert.ok(await page.locator(sel).count() > 0, `${sel} missing`);
  }
  const found = await ids(page);
  assert.ok(found.includes("conn.trust-server-certificate") && found.includes("error.untrusted-root"), found.join(" "));
  // The version the ERRORLOG names shows in the selector.
  const version = await page.locator("#server-version option:checked").textContent();
  assert.equal(version, "SQL Server 2019 (from ERRORLOG)");
  assert.match(await page.locator(".evidence-entry", { hasText: "ERRORLOG" }).textContent(), /Microsoft SQL Server 2019/);
  // The sample's connection string carries a password: never shown nor exported.
  await assertNoSecret(page, "Sample-Pa55");
  await assertNoSecret(page, "Pa55w0rd!");
  await page.locator("#copy-report").click();
  const md = (await outputs(page)).copied;
  assert.ok(md.includes("Password=<redacted>") && !md.includes("Sample-Pa55"));
  await shot(page, "11-sample-connections-dark");

  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than 360px`);
  await shot(page, "12-sample-narrow-360");
  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("paste routing: PEM becomes a file, an error text goes to the error box; boxes are keyboard-reachable", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  await page.goto(server.url + "/");
  await page.locator(".drop-zone").waitFor();
  await pasteText(page, "0x80090325");
  await page.locator("code.finding-id", { hasText: "error.untrusted-root" }).waitFor();
  assert.equal(await page.locator("#error-text").inputValue(), "0x80090325");
  await pasteText(page, fs.readFileSync(fixture("good.pem"), "utf8"));
  await page.locator(".file-name", { hasText: "pasted.pem" }).waitFor();
  assert.equal(await page.locator("#conn-strings").inputValue(), "");
  // A paste inside a box is the box's own business.
  await page.locator("#error-text").focus();
  await pasteText(page, "Server=x;Encrypt=no", "#error-text");
  assert.equal(await page.locator("#conn-strings").inputValue(), "");
  // Keyboard: the boxes and selectors are labelled and in tab order.
  for (const [label, id] of [["Connection strings", "conn-strings"], ["Driver", "driver"], ["Server ForceEncryption", "force-encryption"], ["Error messages", "error-text"]]) {
    assert.equal(await page.getByLabel(label, { exact: true }).getAttribute("id"), id);
  }
  await page.locator("#conn-strings").focus();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "driver");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "force-encryption");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "error-text");
  assert.deepEqual(log.foreign, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("a TrustServerCertificate string with a certificate that validates: the fix drops the switch", async () => {
  const { page, log, context } = await openPage(browser, sameOrigin(server.url));
  await page.goto(server.url + "/");
  await page.locator(".drop-zone").waitFor();
  await dropFiles(page, ".drop-zone", ["good.pem"]);
  await page.locator(".verdict-line").first().waitFor();
  await pasteText(page, PASTED);
  const fix = page.locator("#remedy-connection-fix-0");
  await fix.waitFor();
  await settled(page);
  const after_ = await fix.locator("ins").textContent();
  assert.ok(!/TrustServerCertificate/i.test(after_), after_);
  assert.match(after_, /Server=tcp:sql01\.corp\.example\.com,1433;Encrypt=True/);
  assert.match(await fix.locator(".changes").textContent(), /removed TrustServerCertificate=True: /);
  assert.deepEqual(log.errors, []);
  await context.close();
});
