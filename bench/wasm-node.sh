#!/usr/bin/env bash
# Per-call time of `analyze` on good.pem through the WebAssembly bindings
# (crates/wasm) under Node: build for wasm32 (release), generate the Node
# glue with wasm-bindgen, then time N calls in one process.
#
#   bench/wasm-node.sh [CALLS]     # default 2000
#
# Skips (exit 0, with the reason) when crates/wasm, wasm-bindgen, node or the
# wasm32-unknown-unknown target is missing. Output goes to bench/.work/wasm-node.
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${1:-2000}
skip() { echo "wasm-node: skipped: $*"; exit 0; }
[ -d crates/wasm ] || skip "crates/wasm does not exist"
command -v wasm-bindgen >/dev/null || skip "wasm-bindgen is not on PATH (cargo install wasm-bindgen-cli --version <the pinned one>)"
command -v node >/dev/null || skip "node is not on PATH"
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
  || skip "the wasm32-unknown-unknown target is not installed (rustup target add wasm32-unknown-unknown)"

OUT=bench/.work/wasm-node
mkdir -p "$OUT"
echo "building sqltls-wasm (wasm32, release)..." >&2
cargo build -q --release --target wasm32-unknown-unknown -p sqltls-wasm
wasm-bindgen --target nodejs --out-dir "$OUT" target/wasm32-unknown-unknown/release/sqltls_wasm.wasm \
  || skip "wasm-bindgen failed (its version must match the wasm-bindgen crate)"
echo "wasm: $(wc -c <"$OUT/sqltls_wasm_bg.wasm") bytes (release profile; dist uses wasm-release)"

cat >"$OUT/bench.cjs" <<'JS'
const fs = require("fs");
const path = require("path");
const t0 = process.hrtime.bigint();
const m = require(path.resolve(process.argv[2], "sqltls_wasm.js"));
const loaded = Number(process.hrtime.bigint() - t0) / 1e6;
const bytes = new Uint8Array(fs.readFileSync(process.argv[3]));
const calls = Number(process.argv[4]);
const opts = { files: [{ name: "good.pem", bytes }], now: Date.UTC(2025, 5, 15) };
const first0 = process.hrtime.bigint();
const report = m.analyze(opts);
const first = Number(process.hrtime.bigint() - first0) / 1e3;
if (!report || !report.certificates) throw new Error("no report");
for (let i = 0; i < 200; i++) m.analyze(opts); // warm-up
const s = process.hrtime.bigint();
for (let i = 0; i < calls; i++) m.analyze(opts);
const per = Number(process.hrtime.bigint() - s) / 1e3 / calls;
console.log(`load+instantiate ${loaded.toFixed(1)} ms, first call ${first.toFixed(0)} µs, ` +
  `then ${per.toFixed(1)} µs per analyze(good.pem) over ${calls} calls (${Math.round(1e6 / per)}/s), ` +
  `rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
JS
node "$OUT/bench.cjs" "$OUT" tests/fixtures/certs/good.pem "$CALLS"
