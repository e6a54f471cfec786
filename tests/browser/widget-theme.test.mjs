// The <sqltls-check> element in a docs page with a dark `data-theme` (as
// Docusaurus and MkDocs Material switch themes): readable text, its files
// listed with a remove button, each verdict labelled with file and thumbprint.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { serve, launch, openPage, sameOrigin, requireDist, DIST, fixture, viewShot, SCREENS, openDarkHost } from "./helpers.mjs";

let server, browser;
before(async () => {
  requireDist("embed/sqltls.js", "embed/sqltls_wasm_bg.wasm");
  server = await serve(path.join(DIST, "embed"));
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour of `selector` inside the element's shadow root and the background behind it. */
async function colours(page, host, selector) {
  return page.evaluate(({ host, selector }) => {
    const target = document.querySelector(host).shadowRoot.querySelector(selector);
    const fg = getComputedStyle(target).color;
    let node = target, bg = "rgba(0, 0, 0, 0)";
    while (node) {
      const c = getComputedStyle(node).backgroundColor;
      if (c && c !== "transparent" && !/rgba\(.*, 0\)$/.test(c)) { bg = c; break; }
      node = node.parentElement ?? node.getRootNode().host ?? null;
    }
    return { fg, bg };
  }, { host, selector });
}

for (const screen of SCREENS) {
  test(`dark data-theme host, ${screen.name}: readable, files listed, verdicts labelled`, async () => {
    const { page, log, context } = await openPage(browser, sameOrigin(server.url), screen);
    await openDarkHost(page, server.url);
    const check = page.locator("#check");
    await check.locator("input[type=file]").setInputFiles([fixture("good.pem"), fixture("expired.pem")]);
    await check.locator(".verdict").nth(1).waitFor();

    // Text contrasts with the dark page behind it.
    const { fg, bg } = await colours(page, "#check", ".verdict .sentence");
    const ratio = contrast(fg, bg);
    assert.ok(ratio >= 4.5, `text ${fg} on ${bg}: contrast ${ratio.toFixed(2)}`);

    // The files, each with a remove button.
    const names = await check.locator(".files .name").allTextContents();
    assert.deepEqual(names, ["good.pem", "expired.pem"]);
    assert.equal(await check.getByRole("button", { name: "Remove expired.pem" }).count(), 1);

    // Each verdict names its file and thumbprint; the wording is the page's.
    const labels = await check.locator(".verdict .label").allTextContents();
    assert.match(labels[0], /^good\.pem · sql01\.corp\.example\.com · SHA-1 43A4BADA5212C4CFDA8DBCFC99DDC753B4DB93ED$/);
    assert.match(labels[1], /^expired\.pem · .* · SHA-1 [0-9A-F]{40}$/);
    assert.notEqual(labels[0], labels[1]);
    const sentences = await check.locator(".verdict .sentence").allTextContents();
    assert.ok(sentences.some((s) => s.startsWith("SQL Server will not load this certificate")), sentences.join("\n"));
    const lead = await check.locator(".lead .summary").textContent();
    assert.ok(lead.length > 0);
    await viewShot(page, `story-widget-dark-${screen.name}`, { doc: true });

    // Remove one: the list and the verdicts follow.
    await check.getByRole("button", { name: "Remove expired.pem" }).click();
    await page.waitForFunction(() => document.querySelector("#check").shadowRoot.querySelectorAll(".verdict").length === 1);
    assert.deepEqual(await check.locator(".files .name").allTextContents(), ["good.pem"]);

    // theme="light": its own palette, readable too.
    const light = page.locator("#light");
    await light.locator("input[type=file]").setInputFiles([fixture("good.pem")]);
    await light.locator(".verdict").first().waitFor();
    const l = await colours(page, "#light", ".verdict .sentence");
    assert.equal(l.bg, "rgb(255, 255, 255)");
    assert.ok(contrast(l.fg, l.bg) >= 4.5);
    assert.deepEqual(log.foreign, []);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}
