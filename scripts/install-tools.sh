#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already there at
# the right version: the WebAssembly target, clippy and rustfmt, wasm-bindgen-cli at the exact
# version of the wasm-bindgen crate in Cargo.lock, openssl (fixture checks and the
# host-name differential test), Go (the same test: crypto/x509), Chromium (browser tests) and the browser tests' npm packages (playwright-core,
# binaryen's wasm-opt). Everything comes from crates.io, Debian and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown
installed_components=$(rustup component list --installed)
for component in clippy rustfmt; do
  grep -q "^$component" <<<"$installed_components" || rustup component add "$component"
done

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "=$want"
fi

missing=()
command -v openssl >/dev/null || missing+=(openssl)
command -v go >/dev/null || missing+=(golang-go)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! tests/browser/node_modules/.package-lock.json -nt tests/browser/package-lock.json ]; then
  (cd tests/browser && npm ci --no-audit --no-fund)
fi
