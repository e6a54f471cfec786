#!/usr/bin/env bash
# Run every fuzz target for SECONDS each (default 600), two at a time.
#
#   fuzz/run.sh [SECONDS]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). Only a stable toolchain is
# assumed: nightly flags are unlocked with RUSTC_BOOTSTRAP=1 and the build uses
# `--sanitizer none` (libFuzzer, coverage-guided, no ASan: the core is
# `#![forbid(unsafe_code)]`, so panics, overflows (debug assertions are on),
# timeouts and OOMs are what there is to find).
#
# Seeds are read from fuzz/corpus/<target> (committed, never written); new
# corpus entries go to fuzz/.work/corpus/<target> and crashes to
# fuzz/artifacts/<target>/ (both git-ignored). Logs: fuzz/.work/<target>.log.
# Environment: JOBS (parallel targets, default 2), TARGETS (space-separated
# subset), FUZZ_ARGS (extra libFuzzer flags).
set -euo pipefail
SECONDS_EACH="${1:-600}"
JOBS="${JOBS:-2}"
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
TARGETS="${TARGETS:-decode_any pkcs7 pkcs12 connstr evidence analyze}"
FUZZ=(cargo fuzz)
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is not installed: cargo install cargo-fuzz" >&2
  exit 2
fi
mkdir -p .work
echo "building targets..."
"${FUZZ[@]}" build --sanitizer none --release >/dev/null 2>.work/build.log || {
  cat .work/build.log >&2
  exit 2
}

run_one() {
  local t="$1"
  mkdir -p ".work/corpus/$t" "artifacts/$t"
  local start=$(date +%s)
  set +e
  "${FUZZ[@]}" run --sanitizer none --release "$t" ".work/corpus/$t" "corpus/$t" -- \
    -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 \
    -report_slow_units=1 -print_final_stats=1 ${FUZZ_ARGS:-} >".work/$t.log" 2>&1
  local rc=$?
  set -e
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' ".work/$t.log" | grep -o '[0-9]*$' || echo "?")
  echo "$t: exit $rc, $(( $(date +%s) - start )) s, ${runs} executions (log: fuzz/.work/$t.log)"
  return $rc
}

status=0
pids=()
names=()
for t in $TARGETS; do
  run_one "$t" &
  pids+=($!)
  names+=("$t")
  if [ "${#pids[@]}" -ge "$JOBS" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
    names=("${names[@]:1}")
  fi
done
for p in "${pids[@]}"; do
  wait "$p" || status=1
done
if [ "$status" -ne 0 ]; then
  echo "at least one target failed: see fuzz/artifacts/<target>/ and the logs" >&2
fi
exit "$status"
