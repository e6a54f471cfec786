"""Certificates for the conformance runs, made with the openssl command line and cached.

- a test CA (the one "trusted" runs hand to the client);
- leaves from that CA, one per SAN set (DNS names and IP addresses);
- a self-signed leaf that no client trusts.
"""

import ipaddress
import os
import subprocess
import threading

_LOCK = threading.Lock()


def _run(args, cwd):
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _san(names):
    parts = []
    for n in names:
        try:
            ipaddress.ip_address(n)
            parts.append("IP:" + n)
        except ValueError:
            parts.append("DNS:" + n)
    return ",".join(parts)


def _slug(names):
    return "_".join(n.replace(".", "-").replace("*", "star") for n in names)


class Certs:
    """Makes (once) and hands out the CA, CA-signed leaves and the untrusted self-signed leaf."""

    def __init__(self, root):
        self.root = os.path.abspath(root)
        os.makedirs(root, exist_ok=True)
        self.ca = os.path.join(root, "ca.pem")
        self.ca_key = os.path.join(root, "ca.key")
        with _LOCK:
            if not os.path.exists(self.ca):
                _run(
                    ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "3650",
                     "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=sqltls conformance test CA",
                     "-addext", "basicConstraints=critical,CA:TRUE",
                     "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
                    root,
                )

    def leaf(self, names):
        """(cert, key) of a CA-signed leaf with these SAN entries (CN = the first)."""
        slug = _slug(names)
        cert = os.path.join(self.root, "leaf-%s.pem" % slug)
        key = os.path.join(self.root, "leaf-%s.key" % slug)
        with _LOCK:
            if not os.path.exists(cert):
                ext = os.path.join(self.root, "leaf-%s.ext" % slug)
                with open(ext, "w") as f:
                    f.write(
                        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                        "extendedKeyUsage=serverAuth\nsubjectAltName=%s\n" % _san(names)
                    )
                _run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", key + ".csr",
                      "-subj", "/CN=" + names[0]], self.root)
                _run(["openssl", "x509", "-req", "-in", key + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                      "-CAcreateserial", "-sha256", "-days", "3650", "-extfile", ext, "-out", cert + ".tmp"],
                     self.root)
                os.replace(cert + ".tmp", cert)
        return cert, key

    def untrusted(self):
        """(cert, key) of a self-signed leaf for localhost / 127.0.0.1 that no client trusts."""
        cert = os.path.join(self.root, "selfsigned.pem")
        key = os.path.join(self.root, "selfsigned.key")
        with _LOCK:
            if not os.path.exists(cert):
                _run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "3650",
                      "-keyout", key, "-out", cert + ".tmp", "-subj", "/CN=localhost",
                      "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                      "-addext", "extendedKeyUsage=serverAuth"], self.root)
                os.replace(cert + ".tmp", cert)
        return cert, key
