#!/usr/bin/env bash
# Sizes (gzip -9) of the browser deliverables and the time from page load to the
# first verdict for the sample (headless Chromium, performance.now()), against targets.
# Not a test: it reports. Needs a built dist/ (`cargo xtask dist`) and
# tests/browser/node_modules (tests/browser/run.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${SQLTLS_DIST:-dist}
[ -f "$dist/index.html" ] || { echo "no $dist/index.html: run cargo xtask dist" >&2; exit 2; }

gz() { gzip -9c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
row() { # label file target_bytes
  local raw gzb verdict=""
  raw=$(wc -c <"$2"); gzb=$(gz "$2")
  if [ -n "${3:-}" ]; then
    if [ "$gzb" -le "$3" ]; then verdict="ok (target <= $(kb "$3") gz)"; else verdict="OVER (target <= $(kb "$3") gz)"; fi
  fi
  printf '  %-28s %10s raw %10s gz  %s\n' "$1" "$(kb "$raw")" "$(kb "$gzb")" "$verdict"
}

echo "== sizes"
echo "app (dist/index.html):"
row "wasm $(basename "$dist"/sqltls-*.wasm)" "$(ls "$dist"/sqltls-*.wasm)" $((300 * 1024))
row "js $(basename "$dist"/sqltls-*.js)" "$(ls "$dist"/sqltls-*.js)"
row "css $(basename "$dist"/sqltls-*.css)" "$(ls "$dist"/sqltls-*.css)"
echo "single file:"
row "sqltls.html" "$dist/sqltls.html"
echo "widget (dist/embed): light module (connection strings, errors), full module (certificate files):"
row "sqltls_wasm_bg.wasm" "$dist/embed/sqltls_wasm_bg.wasm" $((150 * 1024))
row "sqltls_wasm.js" "$dist/embed/sqltls_wasm.js"
row "sqltls_wasm_full_bg.wasm" "$dist/embed/sqltls_wasm_full_bg.wasm"
row "sqltls_wasm_full.js" "$dist/embed/sqltls_wasm_full.js"
row "sqltls.js" "$dist/embed/sqltls.js"

echo "== first verdict for the sample (median of 5, target <= 300 ms)"
SQLTLS_DIST="$(cd "$dist" && pwd)" node --input-type=module - <<'JS'
import path from "node:path";
import { pathToFileURL } from "node:url";
import { serve, launch } from "./tests/browser/helpers.mjs";
const dist = process.env.SQLTLS_DIST;
const server = await serve(dist);
const browser = await launch();
async function measure(url) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.locator(".verdict-line").first().waitFor();
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  times.sort((a, b) => a - b);
  return times[2];
}
for (const [label, url] of [
  ["app, 127.0.0.1 (#sample)", server.url + "/#sample"],
  ["single file, file:// (#sample)", pathToFileURL(path.join(dist, "sqltls.html")).href + "#sample"],
]) {
  const ms = await measure(url);
  console.log(`  ${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${ms <= 300 ? "ok" : "OVER"} (target <= 300 ms)`);
}
await browser.close();
await server.close();
JS
