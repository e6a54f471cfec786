#!/usr/bin/env bash
# Does a whole batch take time linear in its size? Times `sqltls check` over
#   - 1k / 4k / 16k distinct certificates in PEM bundles of 250 (--json; one
#     file holds at most 500 certificates),
#   - 1k / 4k / 16k connection strings on stdin (`--conn -`, text and --json),
#   - an ERRORLOG of 8k / 16k / 32k certificate lines (loaded certificates,
#     26014 failures naming distinct thumbprints),
#   - a registry export of 11k / 22k / 45k SuperSocketNetLib instances,
# and prints a Markdown table (milliseconds, median of 3 runs; one run when
# the first takes over 2 s). ms/unit should stay flat as N grows.
#
#   bench/scaling.sh                       # builds the release CLI first
#   NO_BUILD=1 bench/scaling.sh
#   SQLTLS=/path/to/sqltls BEFORE=/path/to/old/sqltls bench/scaling.sh
#
# BEFORE adds a column timed with another build (e.g. one from an older
# commit). Certificates are server certificates (distinct subjects and SANs)
# issued by a CA that is not given, so no signature is verified: the time is
# the batch's own. They are made with python3-cryptography (one P-256 key;
# ~10 s for 21k), else with `openssl x509 -req` (slow: ~15 min for 21k). Generated inputs go to bench/.work/scaling (git-ignored, reused).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
if [ -z "${NO_BUILD:-}" ] && [ -z "${SQLTLS:-}" ]; then
  echo "building the release CLI (cargo build --release -p sqltls-cli)..." >&2
  cargo build --release -q -p sqltls-cli
fi
SQLTLS=${SQLTLS:-$TARGET/release/sqltls}
WORK=$ROOT/bench/.work/scaling
mkdir -p "$WORK"

make_certs() { # N OUTDIR (bundles of 250: part-NNN.pem)
  local n=$1 out=$2
  [ -f "$out/.done" ] && return
  echo "generating $n certificates -> $out" >&2
  rm -rf "$out" && mkdir -p "$out"
  if python3 -c 'import cryptography' 2>/dev/null; then
    python3 - "$n" "$out" <<'PY'
import sys, datetime
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
n, out = int(sys.argv[1]), sys.argv[2]
key = ec.generate_private_key(ec.SECP256R1())
start = datetime.datetime(2026, 1, 1)
ca = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bench Issuing CA")])
for part in range(0, n, 250):
  with open(f"{out}/part-{part // 250:03}.pem", "wb") as f:
    for i in range(part, min(n, part + 250)):
        host = f"host{i}.corp.example.com"
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
        cert = (x509.CertificateBuilder()
                .subject_name(name).issuer_name(ca)
                .public_key(key.public_key())
                .serial_number(i + 1)
                .not_valid_before(start)
                .not_valid_after(start + datetime.timedelta(days=365))
                .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
                .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                .sign(key, hashes.SHA256()))
        f.write(cert.public_bytes(serialization.Encoding.PEM))
PY
  else
    openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/key.pem"
    openssl req -x509 -new -key "$WORK/key.pem" -subj "/CN=Bench Issuing CA" -days 365 \
      -out "$WORK/ca.pem" 2>/dev/null
    for i in $(seq 0 $((n - 1))); do
      openssl req -new -key "$WORK/key.pem" -subj "/CN=host$i.corp.example.com" 2>/dev/null |
        openssl x509 -req -CA "$WORK/ca.pem" -CAkey "$WORK/key.pem" -set_serial $((i + 1)) \
          -days 365 -extfile <(printf 'subjectAltName=DNS:host%s.corp.example.com\nextendedKeyUsage=serverAuth\n' "$i") \
          2>/dev/null >> "$out/part-$(printf %03d $((i / 250))).pem"
    done
  fi
  touch "$out/.done"
}

make_conns() { # N OUT
  [ -s "$2" ] && return
  python3 - "$1" "$2" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
enc = ["True", "False", "Strict", "Mandatory", "Optional"]
with open(out, "w") as f:
    for i in range(n):
        f.write(f"Server=tcp:sql{i}.corp.example.com,1433;Database=app;User ID=app;Password=pw{i};Encrypt={enc[i % 5]};TrustServerCertificate=False\n")
PY
}

make_errorlog() { # LINES OUT
  [ -s "$2" ] && return
  python3 - "$1" "$2" <<'PY'
import sys, hashlib
n, out = int(sys.argv[1]), sys.argv[2]
ts = "2024-06-03 07:00:12.20 Server      "
with open(out, "w") as f:
    f.write(ts + "Microsoft SQL Server 2019 (RTM-CU22) (KB5027702) - 15.0.4322.2 (X64)\n")
    i = 0
    lines = 1
    while lines < n:
        t = hashlib.sha1(str(i).encode()).hexdigest().upper()
        if i % 2 == 0:
            f.write(ts + f'The certificate [Cert Hash(sha1) "{t}"] was successfully loaded for encryption.\n')
            lines += 1
        else:
            f.write(ts + "Error: 26014, Severity: 16, State: 1.\n")
            f.write(ts + f'Unable to load user-specified certificate [Cert Hash(sha1) "{t}"]. The server will not accept a connection. You should verify that the certificate is correctly installed.\n')
            lines += 2
        i += 1
PY
}

make_registry() { # INSTANCES OUT
  [ -s "$2" ] && return
  python3 - "$1" "$2" <<'PY'
import sys, hashlib
n, out = int(sys.argv[1]), sys.argv[2]
with open(out, "w") as f:
    f.write("Windows Registry Editor Version 5.00\n\n")
    for i in range(n):
        t = hashlib.sha1(str(i).encode()).hexdigest()
        f.write(f"[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Microsoft SQL Server\\MSSQL15.INST{i}\\MSSQLServer\\SuperSocketNetLib]\n")
        f.write(f'"Certificate"="{t}"\n"ForceEncryption"=dword:00000001\n\n')
PY
}

for n in 1000 4000 16000; do
  make_certs $n "$WORK/certs-$n"
  make_conns $n "$WORK/conns-$n.txt"
done
for n in 8000 16000 32000; do make_errorlog $n "$WORK/errorlog-$n.log"; done
for n in 11000 22000 45000; do make_registry $n "$WORK/reg-$n.reg"; done

python3 - "$SQLTLS" "${BEFORE:-}" "$WORK" <<'PY'
import glob, subprocess, sys, time, statistics
sqltls, before, work = sys.argv[1], sys.argv[2], sys.argv[3]
AT = ["--at", "2026-06-01T00:00:00Z"]

def run(binary, args, stdin=None):
    times = []
    for _ in range(3):
        data = open(stdin, "rb") if stdin else subprocess.DEVNULL
        t = time.perf_counter()
        p = subprocess.run([binary, "check", *AT, *args], stdin=data,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        times.append((time.perf_counter() - t) * 1000)
        if p.returncode not in (0, 1):
            sys.exit(f"{binary} check {' '.join(args)}: exit {p.returncode}: {p.stderr.decode()[:300]}")
        if times[0] > 2000:
            break
    return statistics.median(times)

cases = []
for n in (1000, 4000, 16000):
    cases.append((f"certificates, `--json`", n, [*sorted(glob.glob(f"{work}/certs-{n}/part-*.pem")), "--json"], None))
for n in (1000, 4000, 16000):
    cases.append((f"connection strings, `--conn -` (text)", n, ["--conn", "-"], f"{work}/conns-{n}.txt"))
for n in (1000, 4000, 16000):
    cases.append((f"connection strings, `--conn - --json`", n, ["--conn", "-", "--json"], f"{work}/conns-{n}.txt"))
for n in (8000, 16000, 32000):
    cases.append((f"ERRORLOG lines, `--json`", n, [f"{work}/errorlog-{n}.log", "--json"], None))
for n in (11000, 22000, 45000):
    cases.append((f"registry instances, `--json`", n, [f"{work}/reg-{n}.reg", "--json"], None))

head = "| workload | N | ms | µs per item |"
sep = "|---|---:|---:|---:|"
if before:
    head = "| workload | N | before ms | after ms | before µs/item | after µs/item |"
    sep = "|---|---:|---:|---:|---:|---:|"
print(head)
print(sep)
for label, n, args, stdin in cases:
    after = run(sqltls, args, stdin)
    if before:
        b = run(before, args, stdin)
        print(f"| {label} | {n:,} | {b:,.0f} | {after:,.0f} | {b * 1000 / n:,.1f} | {after * 1000 / n:,.1f} |", flush=True)
    else:
        print(f"| {label} | {n:,} | {after:,.0f} | {after * 1000 / n:,.1f} |", flush=True)
PY
