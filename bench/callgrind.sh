#!/usr/bin/env bash
# Instructions per call of the per-certificate work, counted by callgrind:
# stable on a shared machine, where wall time is not. Builds a small loop
# program (in bench/.work/callgrind, git-ignored) against crates/core with
# the release profile (LTO, debug info), runs each measured call 1 and 201
# times under `valgrind --tool=callgrind --dump-instr=no`, and prints
# (count(201) - count(1)) / 200 per call, and how much of it is the SHA-1 and
# SHA-256 digests. Under valgrind the digests run their portable code (no SHA
# CPU instructions), so they weigh more there than in a native run.
#
#   bench/callgrind.sh                      # this checkout
#   CORE=/path/to/other/crates/core bench/callgrind.sh   # another checkout
#
# Needs valgrind (callgrind_annotate comes with it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CORE=${CORE:-$ROOT/crates/core}
WORK=$ROOT/bench/.work/callgrind
FIXTURES=$ROOT/tests/fixtures/certs
mkdir -p "$WORK/src"
cp "$ROOT/Cargo.lock" "$WORK/Cargo.lock"
cat > "$WORK/Cargo.toml" <<EOF
[package]
name = "sqltls-callgrind-loop"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
sqltls-core = { path = "$CORE" }

[profile.release]
lto = true
codegen-units = 1
debug = 1

[workspace]
EOF
cat > "$WORK/src/main.rs" <<'EOF'
//! `LOOP MODE FILE N`: call the measured function N times on FILE.
use sqltls_core::analyze::{run, AnalysisRequest, InputFile};
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (mode, path, n) = (&args[1], &args[2], args[3].parse::<usize>().unwrap());
    let bytes = std::fs::read(path).unwrap();
    let req = AnalysisRequest {
        files: vec![InputFile {
            name: "input".to_string(),
            bytes: bytes.clone(),
        }],
        now_unix: 1_750_000_000,
        ..AnalysisRequest::default()
    };
    for _ in 0..n {
        match mode.as_str() {
            "decode" => drop(black_box(sqltls_core::input::decode("input", black_box(&bytes), None))),
            "analysis" => drop(black_box(run(black_box(&req)))),
            _ => drop(black_box(sqltls_core::analyze(black_box(&req)))),
        }
    }
}
EOF
(cd "$WORK" && cargo build --release -q)
BIN=${CARGO_TARGET_DIR:-$WORK/target}/release/sqltls-callgrind-loop

count() { # MODE FILE N [OUT]
  valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="${4:-/dev/null}" \
    "$BIN" "$1" "$2" "$3" 2>&1 | awk '/Collected/ {print $4}'
}

echo "| call | instructions per call | of which SHA-1 + SHA-256 |"
echo "|---|---:|---:|"
for spec in decode:good.pem analysis:good.pem analysis:sha1.pem analysis:rsa1024.pem \
            analyze:good.pem analyze:sha1.pem analyze:rsa1024.pem; do
  mode=${spec%%:*} file=${spec#*:}
  one=$(count "$mode" "$FIXTURES/$file" 1)
  many=$(count "$mode" "$FIXTURES/$file" 201 "$WORK/callgrind.out")
  digests=$(callgrind_annotate --inclusive=yes "$WORK/callgrind.out" 2>/dev/null |
    awk '/digest\.rs:<D as digest::digest::Digest>::digest \[/ && !seen {gsub(",", "", $1); print $1; seen = 1}')
  case $mode in
    decode) what="\`input::decode($file)\`" ;;
    analysis) what="\`analyze::run($file)\`" ;;
    *) what="\`analyze($file)\` (with remedies)" ;;
  esac
  echo "| $what | $(( (many - one) / 200 )) | $(( ${digests:-0} / 201 )) |"
done
