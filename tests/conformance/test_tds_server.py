"""Self-tests of the test TDS server: a minimal client written from MS-TDS drives each path and
checks both what the server answers and what it records. Run by run.sh before the real clients.

MS-TDS references: 2.2.6.5 PRELOGIN (option table, ENCRYPTION values), 2.2.3.1 packet header,
3.3.5.1 / 3.2.5.2 (TLS handshake carried in PRELOGIN packets; after the handshake TLS records go
on the wire; login-only encryption drops TLS after LOGIN7), 2.2.6.4 LOGIN7, 2.2.7.14 LOGINACK.
"""

import os
import socket
import ssl
import struct
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from certs import Certs  # noqa: E402
from tds_server import (  # noqa: E402
    ENCRYPT_NOT_SUP, ENCRYPT_OFF, ENCRYPT_ON, ENCRYPT_REQ, PL_ENCRYPTION, PT_LOGIN7, PT_PRELOGIN, PT_SQL_BATCH,
    PlainStream, TdsServer, packet, parse_prelogin, read_message,
)

HERE = os.path.dirname(os.path.abspath(__file__))


def prelogin(enc):
    """A client PRELOGIN as tedious's prelogin-payload.ts writes it: VERSION, ENCRYPTION, INSTOPT, THREADID, MARS."""
    fields = [(0, bytes(6)), (1, bytes([enc])), (2, b"\x00"), (3, bytes(4)), (4, b"\x00")]
    head, body, off = b"", b"", 5 * len(fields) + 1
    for tok, val in fields:
        head += struct.pack(">BHH", tok, off + len(body), len(val))
        body += val
    return head + b"\xff" + body


def login7():
    """A LOGIN7 carrying TDS 7.4 (0x74000004, little-endian) and no strings (MS-TDS 2.2.6.4)."""
    fixed = struct.pack("<IIIIIIBBBBiI", 94, 0x74000004, 4096, 0, 0, 0, 0xE0, 0x03, 0, 0, 0, 0x0409)
    return fixed + bytes(94 - len(fixed))


def batch(text):
    hdr = struct.pack("<IIHQI", 22, 18, 2, 0, 1)
    return hdr + text.encode("utf-16-le")


def has_loginack(payload):
    return b"\xad" in payload and payload[-13:-12] == b"\xfd"


class TlsInPrelogin:
    """Client side of a TLS handshake wrapped in PRELOGIN packets, then raw records."""

    def __init__(self, sock, ctx, server_hostname):
        self.sock, self.raw = sock, PlainStream(sock)
        self.inc, self.out = ssl.MemoryBIO(), ssl.MemoryBIO()
        self.obj = ctx.wrap_bio(self.inc, self.out, server_hostname=server_hostname)

    def handshake(self):
        while True:
            try:
                self.obj.do_handshake()
                data = self.out.read()
                if data:
                    self.sock.sendall(packet(PT_PRELOGIN, data))
                return
            except ssl.SSLWantReadError:
                data = self.out.read()
                if data:
                    self.sock.sendall(packet(PT_PRELOGIN, data))
                _, payload = read_message(self.raw)
                self.inc.write(payload)

    def send(self, data):
        self.obj.write(data)
        self.sock.sendall(self.out.read())

    def recv_message(self):
        buf = b""
        while True:
            if len(buf) >= 8:
                ln = struct.unpack(">H", buf[2:4])[0]
                if len(buf) >= ln:
                    return buf[0], buf[8:ln]
            try:
                buf += self.obj.read(65536)
            except ssl.SSLWantReadError:
                self.inc.write(self.sock.recv(65536))


class TdsServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.certs = Certs(os.path.join(HERE, ".cache", "certs"))
        cls.cert, cls.key = cls.certs.leaf(["localhost", "127.0.0.1"])

    def serve(self, force):
        srv = TdsServer(self.cert, self.key, force)
        port = srv.start()
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        return srv, sock

    def client_ctx(self):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.load_verify_locations(self.certs.ca)
        return ctx

    def answer(self, sock):
        ptype, payload = read_message(PlainStream(sock))
        self.assertEqual(ptype, 0x04)
        return parse_prelogin(payload)[PL_ENCRYPTION][0]

    def test_no_encryption_login_and_query(self):
        srv, sock = self.serve(False)
        sock.sendall(packet(PT_PRELOGIN, prelogin(ENCRYPT_NOT_SUP)))
        self.assertEqual(self.answer(sock), ENCRYPT_NOT_SUP)
        sock.sendall(packet(PT_LOGIN7, login7()))
        _, resp = read_message(PlainStream(sock))
        self.assertTrue(has_loginack(resp))
        self.assertIn(struct.pack(">I", 0x74000004), resp)  # LOGINACK echoes the client's TDS version
        sock.sendall(packet(PT_SQL_BATCH, batch("select 1")))
        _, rows = read_message(PlainStream(sock))
        self.assertIn(b"\xd1" + struct.pack("<i", 1), rows)
        sock.close()
        obs = srv.join(5)
        self.assertEqual((obs["mode"], obs["tls"], obs["login7"], obs["after_login"]), ("none", False, True, "plain"))

    def test_forcing_server_disconnects_a_client_without_encryption(self):
        srv, sock = self.serve(True)
        sock.sendall(packet(PT_PRELOGIN, prelogin(ENCRYPT_NOT_SUP)))
        self.assertEqual(self.answer(sock), ENCRYPT_REQ)
        self.assertEqual(sock.recv(10), b"")
        sock.close()
        obs = srv.join(5)
        self.assertFalse(obs["login7"])

    def test_forcing_server_answers_req_to_off(self):
        srv, sock = self.serve(True)
        sock.sendall(packet(PT_PRELOGIN, prelogin(ENCRYPT_OFF)))
        self.assertEqual(self.answer(sock), ENCRYPT_REQ)
        sock.close()
        srv.join(5)

    def test_login_only_tls_then_plain(self):
        srv, sock = self.serve(False)
        sock.sendall(packet(PT_PRELOGIN, prelogin(ENCRYPT_OFF)))
        self.assertEqual(self.answer(sock), ENCRYPT_OFF)
        tls = TlsInPrelogin(sock, self.client_ctx(), "localhost")
        tls.handshake()
        tls.send(packet(PT_LOGIN7, login7()))
        # The login response comes back plain: TLS was for the login packet only.
        ptype, resp = read_message(PlainStream(sock))
        self.assertEqual(ptype, 0x04)
        self.assertTrue(has_loginack(resp))
        sock.sendall(packet(PT_SQL_BATCH, batch("select 1")))
        read_message(PlainStream(sock))
        sock.close()
        obs = srv.join(5)
        self.assertEqual((obs["mode"], obs["sni"], obs["login7"], obs["after_login"]),
                         ("login-only", "localhost", True, "plain"))

    def test_full_tls(self):
        srv, sock = self.serve(False)
        sock.sendall(packet(PT_PRELOGIN, prelogin(ENCRYPT_ON)))
        self.assertEqual(self.answer(sock), ENCRYPT_ON)
        tls = TlsInPrelogin(sock, self.client_ctx(), "localhost")
        tls.handshake()
        tls.send(packet(PT_LOGIN7, login7()))
        ptype, resp = tls.recv_message()
        self.assertTrue(has_loginack(resp))
        tls.send(packet(PT_SQL_BATCH, batch("select 1")))
        tls.recv_message()
        sock.close()
        obs = srv.join(5)
        self.assertEqual((obs["mode"], obs["tls_version"], obs["after_login"]), ("full", "TLSv1.2", "tls"))

    def test_client_that_rejects_the_certificate_sends_no_login(self):
        ucert, ukey = self.certs.untrusted()
        srv = TdsServer(ucert, ukey, False)
        sock = socket.create_connection(("127.0.0.1", srv.start()), timeout=5)
        sock.sendall(packet(PT_PRELOGIN, prelogin(ENCRYPT_ON)))
        self.assertEqual(self.answer(sock), ENCRYPT_ON)
        tls = TlsInPrelogin(sock, self.client_ctx(), "localhost")
        with self.assertRaises(ssl.SSLCertVerificationError):
            tls.handshake()
        # The client's alert travels in a PRELOGIN packet, as its handshake records did.
        alert = tls.out.read()
        if alert:
            sock.sendall(packet(PT_PRELOGIN, alert))
        sock.close()
        obs = srv.join(5)
        self.assertFalse(obs["login7"])
        self.assertTrue(obs["tls_error"])

    def test_strict_tls_first_with_alpn(self):
        srv, sock = self.serve(False)
        ctx = self.client_ctx()
        ctx.set_alpn_protocols(["tds/8.0"])
        tls = ctx.wrap_socket(sock, server_hostname="localhost")
        self.assertEqual(tls.selected_alpn_protocol(), "tds/8.0")
        tls.sendall(packet(PT_PRELOGIN, prelogin(ENCRYPT_NOT_SUP)))
        read_message(PlainStream(tls))
        tls.sendall(packet(PT_LOGIN7, login7()))
        _, resp = read_message(PlainStream(tls))
        self.assertTrue(has_loginack(resp))
        tls.close()
        obs = srv.join(5)
        self.assertEqual((obs["strict"], obs["alpn"], obs["sni"], obs["mode"], obs["login7"]),
                         (True, "tds/8.0", "localhost", "strict", True))


if __name__ == "__main__":
    unittest.main()
