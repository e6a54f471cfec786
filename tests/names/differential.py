#!/usr/bin/env python3
"""Host-name checks of the real TLS stacks, on generated certificates.

Usage: differential.py OUT_DIR

Makes one certificate per case with the openssl command line (one shared RSA
key; the names are what differs), then asks each TLS stack available on this
machine whether each host name matches each certificate:

- openssl: `openssl x509 -checkhost` / `-checkip` (OpenSSL's X509_check_host
  and X509_check_ip_asc, which ODBC on Linux and FreeTDS rely on);
- gnutls: `gnutls_x509_crt_check_hostname2` (FreeTDS as Debian builds it),
  called through ctypes on the system's libgnutls;
- node: `tls.checkServerIdentity` (what tedious calls), on the certificate's
  legacy object;
- go: crypto/x509 `Certificate.VerifyHostname` (go-mssqldb), compiled with the
  local Go toolchain.

Writes OUT_DIR/<case>.pem and OUT_DIR/truth.json:
{"cases": {case: {"san_dns": [...], "san_ip": [...], "cn": [...]}},
 "hosts": [...], "stacks": {stack: {case: {host: true|false}}},
 "missing": {stack: reason}}
Standard library only.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# case -> (SAN DNS names, SAN IP addresses, subject CNs)
CASES = {
    "san-fqdn-short": (["sql01.corp.example.com", "sql01"], [], ["sql01.corp.example.com"]),
    "cn-only": ([], [], ["sql01.corp.example.com"]),
    "cn-two": ([], [], ["other.example.com", "sql01.corp.example.com"]),
    "cn-wildcard": ([], [], ["*.corp.example.com"]),
    "cn-ip": ([], [], ["10.0.0.5"]),
    "san-wildcard": (["*.corp.example.com"], [], ["*.corp.example.com"]),
    "san-partial-suffix": (["sql*.corp.example.com"], [], []),
    "san-partial-prefix": (["*01.corp.example.com"], [], []),
    "san-partial-middle": (["s*1.corp.example.com"], [], []),
    "san-wildcard-tld": (["*.com"], [], []),
    "san-wildcard-two-labels": (["*.example"], [], []),
    "san-wildcard-idn-suffix": (["*.xn--bcher-kva.example"], [], []),
    "san-partial-idn": (["xn--*.corp.example.com"], [], []),
    "san-double-wildcard": (["*.*.example.com"], [], []),
    "san-star-only": (["*"], [], []),
    "san-underscore": (["sql_01.corp.example.com"], [], []),
    "san-trailing-dot": (["sql01.corp.example.com."], [], []),
    "san-upper": (["SQL01.CORP.EXAMPLE.COM"], [], []),
    "san-ip": ([], ["10.0.0.5", "::1"], ["sql01.corp.example.com"]),
    "san-dns-ip-text": (["10.0.0.5"], [], []),
    "san-ip-and-dns": (["sql01.corp.example.com"], ["10.0.0.5"], []),
    "san-dns-cn-other": (["sql01.corp.example.com"], [], ["sqlalias.corp.example.com"]),
}

HOSTS = [
    "sql01.corp.example.com",
    "SQL01.Corp.Example.com",
    "sql01",
    "sql01.corp.example.com.",
    "a.sql01.corp.example.com",
    "corp.example.com",
    "sqlx.corp.example.com",
    "s01.corp.example.com",
    "xn--bcher-kva.corp.example.com",
    "xn--q1.corp.example.com",
    "sql_01.corp.example.com",
    "a_b.corp.example.com",
    "other.example.com",
    "sqlalias.corp.example.com",
    "a.com",
    "a.example",
    "a.xn--bcher-kva.example",
    "a.b.example.com",
    "10.0.0.5",
    "::1",
]


def make_certs(out):
    key = os.path.join(out, "key.pem")
    subprocess.run(["openssl", "genrsa", "-out", key, "2048"], check=True, capture_output=True)
    for case, (dns, ips, cns) in CASES.items():
        cfg = os.path.join(out, case + ".cnf")
        subject = "".join("/CN=" + cn for cn in cns) or "/O=sqltls tests"
        san = ",".join(["DNS:" + d for d in dns] + ["IP:" + i for i in ips])
        with open(cfg, "w") as f:
            f.write("[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:FALSE\n")
            f.write("extendedKeyUsage=serverAuth\n")
            if san:
                f.write("subjectAltName=" + san + "\n")
        subprocess.run(
            ["openssl", "req", "-new", "-x509", "-key", key, "-out", os.path.join(out, case + ".pem"),
             "-days", "365", "-subj", subject, "-multivalue-rdn" if False else "-utf8",
             "-config", cfg, "-extensions", "v3", "-set_serial", "1"],
            check=True, capture_output=True)


def is_ip(host):
    return host.count(".") == 3 and all(p.isdigit() for p in host.split(".")) or ":" in host


def openssl_stack(out):
    result = {}
    for case in CASES:
        pem = os.path.join(out, case + ".pem")
        row = {}
        for host in HOSTS:
            flag = "-checkip" if is_ip(host) else "-checkhost"
            r = subprocess.run(["openssl", "x509", "-in", pem, "-noout", flag, host],
                               capture_output=True, text=True)
            text = r.stdout + r.stderr
            if "does match" in text:
                row[host] = True
            elif "does NOT match" in text:
                row[host] = False
            else:
                raise RuntimeError(f"openssl said {text!r} for {case} {host}")
        result[case] = row
    return result


def gnutls_stack(out):
    import ctypes
    import ctypes.util

    lib = ctypes.CDLL(ctypes.util.find_library("gnutls"))

    class Datum(ctypes.Structure):
        _fields_ = [("data", ctypes.c_void_p), ("size", ctypes.c_uint)]

    result = {}
    for case in CASES:
        with open(os.path.join(out, case + ".pem"), "rb") as f:
            pem = f.read()
        crt = ctypes.c_void_p()
        if lib.gnutls_x509_crt_init(ctypes.byref(crt)) != 0:
            raise RuntimeError("gnutls_x509_crt_init failed")
        buf = ctypes.create_string_buffer(pem)
        datum = Datum(ctypes.cast(buf, ctypes.c_void_p), len(pem))
        if lib.gnutls_x509_crt_import(crt, ctypes.byref(datum), 1) != 0:  # GNUTLS_X509_FMT_PEM
            raise RuntimeError(f"gnutls could not import {case}")
        result[case] = {h: lib.gnutls_x509_crt_check_hostname2(crt, h.encode(), 0) != 0 for h in HOSTS}
        lib.gnutls_x509_crt_deinit(crt)
    return result


def has_gnutls():
    import ctypes.util
    return ctypes.util.find_library("gnutls") is not None


def node_stack(out):
    script = os.path.join(HERE, "check_node.mjs")
    r = subprocess.run(["node", script, out, json.dumps(list(CASES)), json.dumps(HOSTS)],
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def go_stack(out):
    build = tempfile.mkdtemp(prefix="sqltls-go-")
    try:
        shutil.copy(os.path.join(HERE, "check_go.go"), os.path.join(build, "main.go"))
        env = dict(os.environ, GOCACHE=os.path.join(build, "cache"), GO111MODULE="off",
                   GOFLAGS="-mod=mod", GOPATH=os.path.join(build, "gopath"))
        exe = os.path.join(build, "check")
        subprocess.run(["go", "build", "-o", exe, os.path.join(build, "main.go")],
                       check=True, capture_output=True, env=env)
        r = subprocess.run([exe, out, json.dumps(list(CASES)), json.dumps(HOSTS)],
                           capture_output=True, text=True, check=True)
        return json.loads(r.stdout)
    finally:
        shutil.rmtree(build, ignore_errors=True)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    make_certs(out)
    truth = {
        "cases": {c: {"san_dns": d, "san_ip": i, "cn": n} for c, (d, i, n) in CASES.items()},
        "hosts": HOSTS,
        "stacks": {},
        "missing": {},
    }
    for name, tool, run in [("openssl", "openssl", openssl_stack), ("gnutls", None, gnutls_stack),
                            ("node", "node", node_stack), ("go", "go", go_stack)]:
        if tool is None and not has_gnutls():
            truth["missing"][name] = "libgnutls is not installed"
            continue
        if tool is not None and shutil.which(tool) is None:
            truth["missing"][name] = f"{tool} is not installed"
            continue
        truth["stacks"][name] = run(out)
    with open(os.path.join(out, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
