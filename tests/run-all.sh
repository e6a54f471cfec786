#!/usr/bin/env bash
# Every test sqltls has: formatting and clippy lints (full and light builds), the core's WebAssembly build, unit/integration/CLI
# tests, the TDS conformance harness (real clients against a test server), the wasm bindings' tests, a fuzz smoke pass, the three web deliverables, and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-tools.sh

echo "== formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# The light build (no PKCS#12, PKCS#7, keys or signature checks): the widget's text modes.
cargo clippy -p sqltls-core -p sqltls-wasm --no-default-features --all-targets --locked -- -D warnings

echo "== core builds for WebAssembly (pure: no I/O, no clock)"
cargo build --locked -p sqltls-core --target wasm32-unknown-unknown
cargo build --locked -p sqltls-core --no-default-features --target wasm32-unknown-unknown

echo "== unit, integration and CLI tests (the host-name test runs the real OpenSSL, Node and Go checks)"
SQLTLS_REQUIRE_STACKS=1 cargo test --workspace --locked
echo "== the light build: same connection-string and error reports as the full build; files it cannot open say so"
cargo test --locked -p sqltls-core --no-default-features --lib --test light

echo "== TDS conformance: predicted connection outcomes against real tedious, go-mssqldb and FreeTDS clients"
bash tests/conformance/run.sh

echo "== wasm bindings under wasm-bindgen-test-runner (Node)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked -p sqltls-wasm --target wasm32-unknown-unknown
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked -p sqltls-wasm --no-default-features --target wasm32-unknown-unknown

echo "== fuzz smoke pass: every target on its corpus plus fixed-seed mutations"
bash fuzz/smoke.sh 5000

echo "== web deliverables: dist/ site, dist/sqltls.html, dist/embed/"
# The budgets that hold fail the build when exceeded (see xtask/src/budgets.rs).
SQLTLS_ENFORCE_BUDGETS="app wasm" cargo xtask dist

echo "== browser tests (headless Chromium)"
bash tests/browser/run.sh
