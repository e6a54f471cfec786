#!/usr/bin/env bash
# A short, reproducible fuzz pass for CI: every target replays its committed
# seed corpus and then runs a fixed number of mutations from a fixed seed
# (the same inputs on every run, so a red CI is a real regression, not luck).
# Longer, random runs: fuzz/run.sh.
#
#   fuzz/smoke.sh [RUNS]    (default 3000 mutations per target)
set -euo pipefail
RUNS="${1:-3000}"
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
want=0.13.2
if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
  cargo install cargo-fuzz --locked --version "=$want"
fi
cargo fuzz build --sanitizer none --release >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for t in decode_any pkcs7 pkcs12 connstr evidence analyze; do
  mkdir -p "$work/$t" "artifacts/$t"
  if cargo fuzz run --sanitizer none --release "$t" "$work/$t" "corpus/$t" -- \
      -seed=1 -runs="$RUNS" -rss_limit_mb=2048 -timeout=10 >"$work/$t.log" 2>&1; then
    echo "$t: ok ($(grep -c . "$work/$t.log") log lines, $RUNS mutations after the corpus)"
  else
    echo "$t: FAILED" >&2
    tail -40 "$work/$t.log" >&2
    status=1
  fi
done
exit "$status"
