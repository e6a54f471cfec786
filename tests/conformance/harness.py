"""TDS conformance harness: sqltls's predicted connection outcomes against real clients.

For every client x connection string x server ForceEncryption setting it asks
`sqltls check --conn ... --driver ... --json` for the predicted outcome (encryption,
certificate_validated, validated_name), then observes the real client against the test
TDS server (tds_server.py):

- encryption: run with a CA-signed certificate for the right names; what the client did
  (no TLS / TLS for the login only / TLS throughout / TDS 8.0 strict), or `fails` when the
  client gave up before LOGIN7;
- certificate_validated: run with an untrusted self-signed certificate: the client gives up
  before LOGIN7 <=> it validates;
- validated_name: when it validates, a run with a trusted certificate for another name must
  fail and one whose only name is the candidate (the prediction, or the string's host) must work.

Prints a table of every cell, writes or checks tests/conformance/verified.json and
docs/drivers.md and crates/core/src/connstr/verified_table.rs (UPDATE_DOCS=1 rewrites them), exits 1 on any mismatch or stale doc.
"""

import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cases  # noqa: E402
import clients  # noqa: E402
import docs  # noqa: E402
from certs import Certs  # noqa: E402
from tds_server import TdsServer  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OTHER_NAME = "other.example"
WORKERS = int(os.environ.get("CONFORMANCE_JOBS", "4"))


def sqltls_bin():
    b = os.environ.get("SQLTLS_BIN", "target/debug/sqltls")
    return b if os.path.isabs(b) else os.path.join(ROOT, b)


_PRED = {}


def predict_all(conn, driver_arg):
    """connections[0] of `sqltls check --json` for this string (both force settings in `outcomes`)."""
    key = (conn, driver_arg)
    if key not in _PRED:
        cmd = [sqltls_bin(), "check", "--conn", conn, "--json", "--fail-on", "never"]
        if driver_arg:
            cmd += ["--driver", driver_arg]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        try:
            _PRED[key] = json.loads(r.stdout)["connections"][0]
        except (ValueError, KeyError, IndexError):
            _PRED[key] = {"error": (r.stderr or r.stdout).strip()[-300:]}
    return _PRED[key]


def predict(conn, driver_arg, force):
    """The predicted outcome for the given server setting."""
    c = predict_all(conn, driver_arg)
    if "outcome" not in c:
        return None, c
    label = c["outcome"]["version"]
    for o in c.get("outcomes", []):
        if o["version"] == label and o["server_force_encryption"] == force:
            return o, c
    return None, c


def host_of(conn):
    """The host part of the string as written (no port, no instance)."""
    if conn.startswith("sqlserver://"):
        rest = conn[len("sqlserver://"):]
        rest = rest.split("@", 1)[-1]
        return rest.split("?")[0].split("/")[0].rsplit(":", 1)[0]
    for line in conn.replace(";", "\n").splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            if k.strip().lower() in ("server", "host"):
                return v.strip().split(",")[0].split("\\")[0]
    return "localhost"


def connect_once(client, template, certs, cert, key, force):
    """One connection of `client` to a fresh server presenting (cert, key): (client result, observation)."""
    srv = TdsServer(cert, key, force)
    port = srv.start()
    try:
        res = client.run(template, port, certs)
    finally:
        obs = srv.join(3)
    return res, dict(obs)


def observe_cell(client, template, force, certs, pred):
    """The observed encryption / certificate_validated / validated_name of one cell."""
    host = host_of(clients.canonical(template))
    override = None
    if pred and pred.get("validated_name") and pred["validated_name"] not in (host,):
        override = pred["validated_name"]
    names = ["localhost", "127.0.0.1"] + ([override] if override else [])
    if host not in names:
        names.append(host)
    cert, key = certs.leaf(names)
    res, obs = connect_once(client, template, certs, cert, key, force)
    detail = {"right": {"ok": res["ok"], "error": res["error"], "server": obs}}
    if not obs["login7"]:
        enc = "fails"
    elif not res["ok"]:
        enc = "error-after-login"
    else:
        enc = obs["mode"]
    observed = {"encryption": enc, "certificate_validated": None, "validated_name": None, "sni": obs.get("sni")}
    if enc in ("fails", "error-after-login"):
        return observed, detail
    if enc == "none":
        observed["certificate_validated"] = False
        return observed, detail
    # Untrusted self-signed certificate: a validating client stops before LOGIN7.
    ucert, ukey = certs.untrusted()
    res2, obs2 = connect_once(client, template, certs, ucert, ukey, force)
    detail["untrusted"] = {"ok": res2["ok"], "error": res2["error"], "server": obs2}
    validated = not obs2["login7"]
    observed["certificate_validated"] = validated
    if not validated:
        return observed, detail
    # Which name: another name must fail, and a certificate whose only name is the candidate (the
    # predicted name, else the host as written) must work; when it does not, the host is tried.
    ocert, okey = certs.leaf([OTHER_NAME])
    res3, obs3 = connect_once(client, template, certs, ocert, okey, force)
    detail["other_name"] = {"ok": res3["ok"], "error": res3["error"], "server": obs3}
    if obs3["login7"]:
        observed["validated_name"] = None  # the chain is checked, the name is not
        return observed, detail
    candidates = []
    for n in ((pred or {}).get("validated_name"), host):
        if n and n not in candidates:
            candidates.append(n)
    observed["validated_name"] = "none of " + ", ".join(candidates)
    for n in candidates:
        ccert, ckey = certs.leaf([n])
        res4, obs4 = connect_once(client, template, certs, ccert, ckey, force)
        detail["name " + n] = {"ok": res4["ok"], "error": res4["error"], "server": obs4}
        if obs4["login7"]:
            observed["validated_name"] = n
            break
    return observed, detail


def compare(pred, observed):
    """Field-by-field comparison of the observable fields; returns list of differing fields."""
    if pred is None:
        return ["prediction"]
    diffs = []
    if pred["encryption"] != observed["encryption"]:
        diffs.append("encryption")
    if observed["certificate_validated"] is not None and pred["certificate_validated"] != observed["certificate_validated"]:
        diffs.append("certificate_validated")
    if observed["certificate_validated"] and pred["certificate_validated"]:
        if pred["validated_name"] != observed["validated_name"]:
            diffs.append("validated_name")
    return diffs


def fmt_outcome(o):
    if o is None:
        return "-"
    name = o.get("validated_name")
    val = o.get("certificate_validated")
    v = "?" if val is None else ("validated" if val else "not-validated")
    return "%s/%s/%s" % (o.get("encryption"), v, name if name is not None else "-")


def preflight(client, certs):
    """Whether the client runs here at all: a plain login on a non-forcing server."""
    plain = {
        "tedious": "Server=localhost,{port};User Id=sa;Password=x;Encrypt=false",
        "go-mssqldb": "server=localhost;port={port};user id=sa;password=x;encrypt=disable",
        "freetds-tsql": cases.FREETDS_CONF[1],
        "pymssql": cases.FREETDS_CONF[1],
        "freetds-odbc": cases.FREETDS_ODBC[1],
    }[client.id]
    cert, key = certs.leaf(["localhost", "127.0.0.1"])
    res, obs = connect_once(client, plain, certs, cert, key, False)
    return res["ok"], res["error"]


def build_clients():
    """The clients installed here, and the ones that are not (with why)."""
    out, missing = [], []
    node = shutil.which("node")
    for v in cases.TEDIOUS_VERSIONS:
        pkg = os.path.join(clients.CACHE, "tedious", v, "node_modules", "tedious", "package.json")
        if not node or not os.path.exists(pkg):
            missing.append(("tedious", v, "not installed"))
            continue
        out.append(clients.Tedious(v, clients.node_for(v, node)))
    gov = clients.dpkg_version("golang-github-denisenkom-go-mssqldb-dev")
    if gov and os.path.exists(os.path.join(clients.CACHE, "go", "go-runner")):
        out.append(clients.GoMssqldb(gov))
    else:
        missing.append(("go-mssqldb", gov or "-", "not installed / runner not built"))
    ftv = clients.freetds_version()
    if ftv:
        out.append(clients.Tsql(ftv))
    else:
        missing.append(("freetds-tsql", "-", "tsql not installed"))
    odbcv = clients.dpkg_version("tdsodbc")
    if odbcv and shutil.which("isql") and os.path.exists(cases.TDSODBC_DRIVER):
        out.append(clients.TdsOdbc(odbcv.split("+")[0]))
    else:
        missing.append(("freetds-odbc", odbcv or "-", "tdsodbc / unixodbc not installed"))
    pmv = clients.pymssql_version()
    if pmv and ftv:
        out.append(clients.Pymssql(pmv, ftv))
    else:
        missing.append(("pymssql", pmv or "-", "python3-pymssql not installed"))
    return out, missing


def templates_for(client):
    return {
        "tedious": cases.TEDIOUS,
        "go-mssqldb": cases.GO,
        "freetds-tsql": cases.FREETDS_CONF,
        "pymssql": cases.FREETDS_CONF,
        "freetds-odbc": cases.FREETDS_ODBC,
    }[client.id]


def show(s):
    return s.replace("\n\t", " | ").replace("\n", "").replace("\t", "")


def main():
    t0 = time.time()
    if not os.path.exists(sqltls_bin()):
        print("sqltls binary not found: %s (set SQLTLS_BIN or build sqltls-cli)" % sqltls_bin())
        return 2
    os.makedirs(os.path.join(clients.CACHE, "tmp"), exist_ok=True)
    certs = Certs(os.path.join(clients.CACHE, "certs"))
    certs.leaf(["localhost", "127.0.0.1"])
    certs.untrusted()
    all_clients, missing = build_clients()

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as ex:
        flights = list(ex.map(lambda c: (c, preflight(c, certs)), all_clients))
    runnable = []
    for c, (ok, err) in flights:
        if ok:
            runnable.append(c)
        else:
            why = re.sub(r":\d{4,5}\b", ":PORT", err.replace("\n", " "))[:200]
            missing.append((c.id, c.version, "does not run here: " + why))

    # One group of cells per client, run in order (a tedious version keeps one Node process);
    # groups run in parallel, each connection on its own server port.
    groups = []
    for c in runnable:
        groups.append([(c, t, force) for t in templates_for(c) for force in (False, True)])
    groups.sort(key=len, reverse=True)

    def work(job):
        c, t, force = job
        conn = clients.canonical(t)
        pred, conninfo = predict(conn, c.driver_arg, force)
        observed, detail = observe_cell(c, t, force, certs, pred)
        return c, t, force, pred, conninfo, observed, detail, compare(pred, observed)

    def work_group(group):
        try:
            return [work(job) for job in group]
        finally:
            if hasattr(group[0][0], "close"):
                group[0][0].close()

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as ex:
        results = [r for rs in ex.map(work_group, groups) for r in rs]

    rows, entries, mismatches = [], [], []
    for c, t, force, pred, conninfo, observed, detail, diffs in results:
        conn = clients.canonical(t)
        ok = not diffs
        rows.append((c.id, c.version, show(conn), "yes" if force else "no", fmt_outcome(pred),
                     fmt_outcome(observed), "OK" if ok else "MISMATCH(" + ",".join(diffs) + ")"))
        entry = {
            "client": c.id,
            "driver": c.driver,
            "client_version": c.version,
            "generation": pred["version"] if pred else None,
            "connection_string": conn,
            "force_encryption": force,
            "predicted": {k: pred[k] for k in ("encryption", "certificate_validated", "validated_name")} if pred else None,
            "observed": {k: observed[k] for k in ("encryption", "certificate_validated", "validated_name")},
            "match": ok,
        }
        entries.append(entry)
        if not ok:
            mismatches.append((c, conn, force, pred, observed, detail))

    # What sqltls infers for the FreeTDS ODBC strings without --driver.
    inference = []
    if any(c.id == "freetds-odbc" for c in runnable):
        for t in cases.FREETDS_ODBC:
            conn = clients.canonical(t)
            info = predict_all(conn, None)
            inferred = info.get("driver")
            ok = inferred == "freetds"
            inference.append({"connection_string": conn, "inferred_driver": inferred,
                              "inferred_version": info.get("driver_version") or (info.get("outcome") or {}).get("version"), "observed_driver": "freetds",
                              "match": ok})
            rows.append(("freetds-odbc", "(no --driver)", show(conn), "-",
                         "driver=%s@%s" % (inferred, inference[-1]["inferred_version"]),
                         "driver=freetds", "OK" if ok else "MISMATCH(driver)"))
            if not ok:
                mismatches.append((None, conn, None, {"driver": "%s@%s" % (inferred, inference[-1]["inferred_version"])},
                                   {"driver": "freetds (tdsodbc %s)" % next(c.version for c in runnable
                                                                          if c.id == "freetds-odbc")}, None))

    headers = ("client", "version", "connection string", "force", "predicted", "observed", "result")
    widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
    widths[2] = min(widths[2], 110)
    line = "  ".join("%-*s" % (w, h) for w, h in zip(widths, headers))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join("%-*s" % (w, str(v)) for w, v in zip(widths, r)))
    print()
    for cid, ver, why in missing:
        print("NOT RUN: %s %s: %s" % (cid, ver, why))
    for c, conn, force, pred, observed, detail in mismatches:
        if c is None:
            print("MISMATCH driver inference (no --driver): %s: sqltls infers %s, the string loads %s"
                  % (show(conn), pred["driver"], observed["driver"]))
            continue
        print("MISMATCH %s %s | %s | force=%s | predicted %s | observed %s"
              % (c.id, c.version, show(conn), "yes" if force else "no", fmt_outcome(pred), fmt_outcome(observed)))
        if os.environ.get("CONFORMANCE_VERBOSE"):
            print("    " + json.dumps(detail, default=str)[:2000])

    entries.sort(key=lambda e: (e["client"], docs.version_key(e["client_version"]), e["connection_string"],
                                e["force_encryption"]))
    verified = {
        "about": "Cells of sqltls's connection-outcome predictions observed against real clients by "
                 "tests/conformance/run.sh (regenerate with UPDATE_DOCS=1).",
        "cells": entries,
        "driver_inference": inference,
        "not_run": [{"client": m[0], "client_version": m[1], "why": m[2]} for m in sorted(missing)],
    }
    verified_text = json.dumps(verified, indent=1, ensure_ascii=False) + "\n"
    drivers_text = docs.render(verified, predict_all)
    stale = []
    rust_text = docs.render_rust(verified)
    for path, text in ((os.path.join(HERE, "verified.json"), verified_text),
                       (os.path.join(ROOT, "docs", "drivers.md"), drivers_text),
                       (os.path.join(ROOT, "crates", "core", "src", "connstr", "verified_table.rs"), rust_text)):
        if os.environ.get("UPDATE_DOCS") == "1":
            with open(path, "w") as f:
                f.write(text)
        else:
            try:
                current = open(path).read()
            except OSError:
                current = None
            if current != text:
                stale.append(os.path.relpath(path, ROOT))
    for p in stale:
        print("STALE: %s differs from this run (regenerate with UPDATE_DOCS=1 tests/conformance/run.sh)" % p)

    n_ok = sum(1 for e in entries if e["match"]) + sum(1 for i in inference if i["match"])
    n_bad = len(mismatches)
    print()
    print("conformance: %d cells, %d clients run, %d not run, %.0f s" % (len(entries) + len(inference), len(runnable),
                                                                      len(missing), time.time() - t0))
    print("%d passed, %d failed" % (n_ok, n_bad + len(stale)))
    return 1 if (n_bad or stale) else 0


if __name__ == "__main__":
    sys.exit(main())
