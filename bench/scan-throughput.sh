#!/usr/bin/env bash
# Time `sqltls scan` on a generated tree of 10,000 files (config files with
# connection strings of every dialect, source files with and without them,
# and some certificates). Goal: < 2 s on 2 cores.
#
#   bench/scan-throughput.sh [FILES]   # default 10000
#   NO_BUILD=1 bench/scan-throughput.sh
#
# The tree goes to bench/.work/scan-tree-FILES (git-ignored, reused).
# If `sqltls scan --help` fails (the subcommand is not there yet), says so
# and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N=${1:-10000}
if [ -z "${NO_BUILD:-}" ]; then
  echo "building the release CLI (cargo build --release -p sqltls-cli)..." >&2
  cargo build --release -q -p sqltls-cli || { echo "scan-throughput: skipped: the CLI does not build"; exit 0; }
fi
SQLTLS=$ROOT/target/release/sqltls
if ! "$SQLTLS" scan --help >/dev/null 2>&1; then
  echo "scan-throughput: skipped: 'sqltls scan --help' fails (the scan subcommand is not available in this build)"
  exit 0
fi
TREE=$ROOT/bench/.work/scan-tree-$N
if [ ! -f "$TREE/.done" ]; then
  echo "generating $N files in $TREE..." >&2
  rm -rf "$TREE"
  python3 - "$TREE" "$N" "$ROOT/tests/fixtures/certs" <<'PY'
import os, sys, random
tree, n, certs = sys.argv[1], int(sys.argv[2]), sys.argv[3]
random.seed(42)
cert_files = [os.path.join(certs, f) for f in sorted(os.listdir(certs))
              if f.endswith((".pem", ".cer", ".der", ".p7b", ".pfx"))]
enc = ["True", "False", "Strict", "Mandatory", "Optional"]
def conn(i):
    h = f"sql{i % 97}.corp.example.com"
    e = enc[i % len(enc)]
    return [
        f"Server=tcp:{h},1433;Database=app;User ID=app;Password=pw{i};Encrypt={e};TrustServerCertificate=False",
        f"Driver={{ODBC Driver 18 for SQL Server}};Server={h};UID=app;PWD={{p{i}}};Encrypt=yes",
        f"Provider=MSOLEDBSQL19;Data Source={h};Use Encryption for Data={e}",
        f"jdbc:sqlserver://{h}:1433;databaseName=db;encrypt=true;trustServerCertificate=true",
        f"sqlserver://app:pw{i}@{h}?database=db&encrypt=disable",
    ][i % 5]
def body(i):
    kind = i % 20
    c = conn(i).replace('"', '\\"')
    if kind == 0:
        return "appsettings.json", '{\n  "ConnectionStrings": {\n    "Default": "%s"\n  },\n  "Logging": { "LogLevel": { "Default": "Information" } }\n}\n' % c
    if kind == 1:
        return "web.config", '<?xml version="1.0"?>\n<configuration>\n  <connectionStrings>\n    <add name="db" connectionString="%s" providerName="System.Data.SqlClient" />\n  </connectionStrings>\n</configuration>\n' % conn(i).replace('"', "&quot;")
    if kind == 2:
        return ".env", f"APP_ENV=prod\nDB_CONNECTION=\"{c}\"\nLOG_LEVEL=info\n"
    if kind == 3:
        return "application.properties", f"server.port=8080\nspring.datasource.url={conn(3 + 5 * i)}\nspring.datasource.username=app\n"
    if kind == 4:
        return "settings.yaml", f"database:\n  connection: \"{c}\"\n  pool: 10\n"
    if kind == 5:
        return "Program.cs", f'using System;\nclass P {{\n  const string Cs = "{c}";\n  static void Main() {{ Console.WriteLine(Cs.Length); }}\n}}\n'
    if kind == 6:
        return "db.py", f'import pyodbc\nCONN = "{c}"\n\ndef connect():\n    return pyodbc.connect(CONN)\n'
    if kind == 7:
        return "Main.java", f'public class Main {{\n  static final String URL = "{conn(3 + 5 * i)}";\n}}\n'
    if kind == 8:
        return "main.go", f'package main\n\nconst dsn = "{conn(4 + 5 * i)}"\n\nfunc main() {{}}\n'
    if kind == 9:
        return "odbc.ini", f"[app]\nDriver=ODBC Driver 18 for SQL Server\nServer=sql{i % 97}\nEncrypt=yes\n"
    # the rest: ordinary source without connection strings
    ext = [".rs", ".ts", ".md", ".txt", ".cs", ".py", ".js", ".html", ".css", ".sql"][kind - 10]
    lines = [f"// file {i} line {k}: nothing to see here, value = {random.randint(0, 1 << 30)}" for k in range(random.randint(10, 80))]
    return f"file{ext}", "\n".join(lines) + "\n"
made = 0
ncerts = max(1, n // 100)   # 1% certificates
for i in range(n - ncerts):
    name, text = body(i)
    d = os.path.join(tree, f"proj{i % 50:02d}", f"mod{(i // 50) % 20:02d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"{i:05d}-{name}"), "w") as f:
        f.write(text)
    made += 1
for j in range(ncerts):
    src = cert_files[j % len(cert_files)]
    d = os.path.join(tree, "certs", f"c{j % 10}")
    os.makedirs(d, exist_ok=True)
    with open(src, "rb") as f, open(os.path.join(d, f"{j:04d}-{os.path.basename(src)}"), "wb") as g:
        g.write(f.read())
    made += 1
print(f"{made} files")
PY
  touch "$TREE/.done"
fi
echo "tree: $(find "$TREE" -type f ! -name .done | wc -l) files, $(du -sh "$TREE" | cut -f1)"
CMD="$SQLTLS scan --json --at 2025-06-15T00:00:00Z $TREE"
"$SQLTLS" scan --json --at 2025-06-15T00:00:00Z "$TREE" >bench/.work/scan.json 2>/dev/null || true
python3 - bench/.work/scan.json <<'PY' || true
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception as e:
    print(f"(scan output is not JSON: {e})"); sys.exit(0)
if isinstance(d, dict):
    print("scan output keys:", ", ".join(sorted(d.keys())[:12]))
    for k, v in d.items():
        if isinstance(v, list):
            print(f"  {k}: {len(v)}")
PY
if command -v hyperfine >/dev/null; then
  hyperfine -N -i -w 1 -r "${RUNS:-5}" "$CMD"
else
  for r in 1 2 3; do
    s=$(date +%s%N); $CMD >/dev/null 2>&1 || true; e=$(date +%s%N)
    echo "run $r: $(( (e - s) / 1000000 )) ms"
  done
fi
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v $CMD >/dev/null 2>bench/.work/scan-time.txt || true
  grep -E "Maximum resident|Elapsed|Percent of CPU" bench/.work/scan-time.txt
fi
echo "goal: < 2 s for 10,000 files on 2 cores"
