#!/usr/bin/env bash
# Side-by-side: per-file latency of the release `sqltls check --json` CLI vs
# `openssl` (x509 / pkcs7 / pkcs12) and `pkilint` (lint_pkix_cert), the
# in-process numbers from the last `cargo bench -p sqltls-core`, and the peak
# memory of the CLI on a generated 1,000-certificate corpus.
#
#   bench/compare.sh            # needs openssl; hyperfine and pkilint are used when present
#   RUNS=30 bench/compare.sh    # more runs per command (default 20)
#   NO_BUILD=1 bench/compare.sh # use the existing target/release/sqltls
#
# pkilint goes into bench/.venv (git-ignored): python3 -m venv bench/.venv &&
# bench/.venv/bin/pip install pkilint. hyperfine: apt-get install -y hyperfine.
# Peak memory uses /usr/bin/time -v (apt-get install -y time).
# Generated files go to bench/.work (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-20}
WORK=$ROOT/bench/.work
mkdir -p "$WORK"
FX=$ROOT/tests/fixtures/certs
PASS='Pa55w0rd!'
AT=2025-06-15T00:00:00Z

if [ -z "${NO_BUILD:-}" ]; then
  echo "building the release CLI (cargo build --release -p sqltls-cli)..." >&2
  cargo build --release -q -p sqltls-cli
fi
SQLTLS=$ROOT/target/release/sqltls
[ -x "$SQLTLS" ] || { echo "no $SQLTLS" >&2; exit 2; }
PKILINT=$ROOT/bench/.venv/bin/lint_pkix_cert
[ -x "$PKILINT" ] || PKILINT=$(command -v lint_pkix_cert || true)
HAVE_HF=$(command -v hyperfine || true)

# mean wall time in ms of a shell command (exit status ignored)
mean_ms() {
  local cmd=$1
  if [ -n "$HAVE_HF" ]; then
    hyperfine -N -i -w 3 -r "$RUNS" --export-json "$WORK/hf.json" "$cmd" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["mean"]*1000))' "$WORK/hf.json"
  else
    local i start end
    for i in 1 2 3; do bash -c "$cmd" >/dev/null 2>&1 || true; done
    start=$(date +%s%N)
    for ((i = 0; i < RUNS; i++)); do bash -c "$cmd" >/dev/null 2>&1 || true; done
    end=$(date +%s%N)
    awk -v d=$((end - start)) -v n="$RUNS" 'BEGIN { printf "%.2f", d / n / 1e6 }'
  fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a + 0 == 0) print "-"; else printf "%.1fx", b / a }'; }

echo "== per-file latency (ms, mean of $RUNS runs; ratio = other / sqltls; ${HAVE_HF:+hyperfine -N}${HAVE_HF:-date loop}) =="
printf '%-14s %10s %10s %8s %10s %8s\n' file sqltls openssl ratio pkilint ratio
row() { # label sqltls-cmd openssl-cmd pkilint-cmd
  local s o p=""
  s=$(mean_ms "$2")
  o=$(mean_ms "$3")
  if [ -n "$4" ]; then p=$(mean_ms "$4"); fi
  printf '%-14s %10s %10s %8s %10s %8s\n' "$1" "$s" "$o" "$(ratio "$s" "$o")" "${p:-n/a}" "$(ratio "$s" "$p")"
}
for f in good.pem sha1.pem rsa1024.pem; do
  row "$f" "$SQLTLS check --json --at $AT $FX/$f" "openssl x509 -noout -text -in $FX/$f" \
    "${PKILINT:+$PKILINT lint $FX/$f}"
done
row good-chain.p7b "$SQLTLS check --json --at $AT $FX/good-chain.p7b" \
  "openssl pkcs7 -print_certs -noout -inform DER -in $FX/good-chain.p7b" ""
row good-aes.pfx "$SQLTLS check --json --at $AT --password $PASS $FX/good-aes.pfx" \
  "openssl pkcs12 -info -nokeys -noout -passin pass:$PASS -in $FX/good-aes.pfx" ""
echo "(pkilint lints single certificates only: no .p7b/.pfx equivalent)"

echo
echo "== in-process (criterion, last 'cargo bench -p sqltls-core') =="
CRIT=$ROOT/target/criterion
if [ -d "$CRIT" ]; then
  python3 - "$CRIT" <<'PY'
import json, os, sys
root = sys.argv[1]
rows = [("cert/decode/good.pem", 1), ("cert/analyze/good.pem", 1), ("cert/analyze/sha1.pem", 1),
        ("cert/analyze/rsa1024.pem", 1), ("cert/analyze/chain-3", 1), ("pfx/decode/good-aes.pfx", 1),
        ("pfx/analyze/good-aes.pfx", 1), ("connstr/mixed-1000", 1000), ("evidence/errorlog-2019", 1)]
for name, n in rows:
    group, bench = name.split("/", 1)
    p = os.path.join(root, group, bench.replace("/", "_"), "new", "estimates.json")
    if not os.path.exists(p):
        print(f"{name:28} (not measured)"); continue
    ns = json.load(open(p))["mean"]["point_estimate"]
    per = ns / n
    unit = f"{per/1000:.2f} µs" if per < 1e6 else f"{per/1e6:.2f} ms"
    print(f"{name:28} {unit:>12} per item  {1e9/per:>12,.0f} /s")
PY
else
  echo "no target/criterion: run cargo bench -p sqltls-core first"
fi

echo
echo "== peak memory: 1,000-certificate corpus =="
CORPUS=$WORK/corpus-1000
if [ ! -f "$CORPUS/done" ]; then
  echo "generating $CORPUS (one CA, 10 reused keys, 1,000 signed CSRs)..." >&2
  rm -rf "$CORPUS"; mkdir -p "$CORPUS/certs"
  (
    cd "$CORPUS"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 \
      -subj "/CN=Bench Root CA" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    for k in 0 1 2 3 4 5 6 7 8 9; do
      bits=2048; [ "$k" = 9 ] && bits=1024
      openssl req -new -newkey rsa:$bits -nodes -keyout k$k.key -out k$k.csr -subj "/CN=sql$k.corp.example.com" 2>/dev/null
    done
    printf 'subjectAltName=DNS:sql.corp.example.com,DNS:sql\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' > good.ext
    printf 'subjectAltName=DNS:*.corp.example.com\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' > wild.ext
    printf 'subjectAltName=DNS:sql.corp.example.com\nkeyUsage=critical,digitalSignature\n' > noeku.ext
    printf 'extendedKeyUsage=clientAuth\n' > client.ext
  )
  gen() { # i
    local i=$1 k=$(( $1 % 10 )) ext md=sha256
    case $(( $1 % 4 )) in 0) ext=good ;; 1) ext=wild ;; 2) ext=noeku ;; *) ext=client ;; esac
    [ $(( $1 % 13 )) = 0 ] && md=sha1
    openssl x509 -req -in "$CORPUS/k$k.csr" -CA "$CORPUS/ca.pem" -CAkey "$CORPUS/ca.key" \
      -set_serial $(( 1000 + $1 )) -days $(( 30 + $1 % 700 )) -$md -extfile "$CORPUS/$ext.ext" \
      -out "$CORPUS/certs/c$(printf %04d "$i").pem" 2>/dev/null
  }
  export -f gen; export CORPUS
  seq 0 999 | xargs -P 2 -I{} bash -c 'gen {}'
  cat "$CORPUS"/certs/*.pem > "$CORPUS/bundle-1000.pem"
  touch "$CORPUS/done"
fi
echo "$(ls "$CORPUS/certs" | wc -l) certificates"
peak() { # label command...
  local label=$1; shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt" || true
    local rss wall
    rss=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$WORK/time.txt")
    wall=$(awk '/Elapsed \(wall clock\)/ { print $NF }' "$WORK/time.txt")
    printf '%-52s peak RSS %7.1f MB  wall %s\n' "$label" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$wall"
  else
    echo "$label: /usr/bin/time missing (apt-get install -y time)"
  fi
}
peak "sqltls check --json (1 file)" "$SQLTLS" check --json --at $AT "$FX/good.pem"
peak "sqltls check --json (1,000 files, 1 call)" "$SQLTLS" check --json --at $AT "$CORPUS"/certs/*.pem
peak "sqltls check --json (1 bundle, 1,000 certs)" "$SQLTLS" check --json --at $AT "$CORPUS/bundle-1000.pem"
peak "openssl x509 -text (1 file)" openssl x509 -noout -text -in "$FX/good.pem"
if [ -n "$PKILINT" ]; then
  peak "pkilint lint_pkix_cert (1 file)" "$PKILINT" lint "$FX/good.pem"
fi
