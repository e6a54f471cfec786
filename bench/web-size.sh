#!/usr/bin/env bash
# Sizes (gzip -9) of the browser deliverables against their budgets, where the wasm
# bytes go by crate (`cargo xtask bloat`), and in headless Chromium: first paint and
# first verdict for the sample (http and file://), .pfx drop to verdict and the longest
# main-thread task meanwhile.
# Not a test: it reports. Needs a built dist/ (`cargo xtask dist`) and
# tests/browser/node_modules (tests/browser/run.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${SQLTLS_DIST:-dist}
[ -f "$dist/index.html" ] || { echo "no $dist/index.html: run cargo xtask dist" >&2; exit 2; }
[ "$dist" = dist ] || echo "note: the size table reads dist/, the timings read $dist" >&2

echo "== sizes against the budgets (cargo xtask sizes)"
cargo run -q -p xtask -- sizes

echo "== where the widget's and the app's bytes go (before wasm-opt, names kept)"
built=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release
if command -v wasm-bindgen >/dev/null && [ -f "$built/sqltls_wasm.wasm" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  for w in sqltls_wasm_light sqltls_wasm_full sqltls-web; do
    [ -f "$built/$w.wasm" ] || continue
    wasm-bindgen "$built/$w.wasm" --target web --no-typescript --out-dir "$tmp" --out-name "$w"
    echo "$w:"
    cargo run -q -p xtask -- bloat "$tmp/${w}_bg.wasm" 20
  done
else
  echo "  (needs wasm-bindgen and a wasm-release build: run cargo xtask dist first)"
fi

echo "== load and analysis in headless Chromium (median of 5 cold runs)"
SQLTLS_DIST="$(cd "$dist" && pwd)" node --input-type=module - <<'JS'
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serve, launch, dropFiles } from "./tests/browser/helpers.mjs";
const dist = process.env.SQLTLS_DIST;
const server = await serve(dist);
const browser = await launch();
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Long tasks (> 50 ms on the main thread) are recorded from the start.
const observe = () => {
  window.__longtasks = [];
  new PerformanceObserver((l) => window.__longtasks.push(...l.getEntries().map((e) => ({ start: e.startTime, ms: e.duration }))))
    .observe({ type: "longtask", buffered: true });
};
async function load(url) {
  const paint = [], verdict = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.locator(".verdict-line").first().waitFor();
    verdict.push(await page.evaluate(() => performance.now()));
    paint.push(await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN));
    await context.close();
  }
  return { paint: median(paint), verdict: median(verdict) };
}
async function dropPfx(url) {
  const took = [], longest = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(observe);
    await page.goto(url);
    await page.locator(".drop-zone").waitFor();
    await page.waitForTimeout(300);
    const t0 = await page.evaluate(() => performance.now());
    await dropFiles(page, ".drop-zone", ["good-aes.pfx"]);
    const password = page.getByLabel(".pfx password");
    await password.fill("Pa55w0rd!");
    await page.waitForFunction(() => document.querySelector(".verdict-line") && !document.querySelector(".results.stale"));
    const t1 = await page.evaluate(() => performance.now());
    took.push(t1 - t0);
    longest.push(await page.evaluate((t0) => Math.max(0, ...window.__longtasks.filter((t) => t.start >= t0).map((t) => t.ms)), t0));
    await context.close();
  }
  return { took: median(took), longest: median(longest) };
}
const ms = (x) => `${x.toFixed(0).padStart(6)} ms`;
const mark = (x, goal) => (x <= goal ? "ok" : "OVER") + ` (goal <= ${goal} ms)`;
for (const [label, url, goal] of [
  ["app over http (#sample)", server.url + "/#sample", 300],
  ["single file from file:// (#sample)", pathToFileURL(path.join(dist, "sqltls.html")).href + "#sample", 500],
]) {
  const r = await load(url);
  console.log(`  ${label.padEnd(36)} first paint ${ms(r.paint)}   first verdict ${ms(r.verdict)}  ${mark(r.verdict, goal)}`);
}
const d = await dropPfx(server.url + "/");
console.log(`  ${"app: .pfx drop + password -> verdict".padEnd(36)} ${ms(d.took)}   longest main-thread task ${ms(d.longest)}  ${mark(d.longest, 50)}`);
await browser.close();
await server.close();
JS
