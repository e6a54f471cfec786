"""A small SQL Server stand-in that speaks enough TDS for a client to log in and run `select 1`.

It serves one connection on 127.0.0.1 (ephemeral port) and records what the client did:
the PRELOGIN ENCRYPTION byte, whether TLS ran (inside PRELOGIN packets for TDS 7.x, or first
for TDS 8.0 strict), the SNI name and ALPN, whether LOGIN7 arrived, whether the traffic after
the login response was TLS or plain, and the TLS alert if the client aborted the handshake.

Byte layouts follow MS-TDS (2.2.3.1 packet header, 2.2.6.5 PRELOGIN, 2.2.6.4 LOGIN7,
2.2.7.14 LOGINACK, 2.2.7.9 ENVCHANGE, 2.2.7.5 DONE, 2.2.7.4 COLMETADATA, 2.2.7.19 ROW)
and the clients that read them (tedious `src/prelogin-payload.ts`, `src/token/*`;
go-mssqldb `tds.go`, `token.go`; FreeTDS `src/tds/token.c`, `src/tds/login.c`).
"""

import socket
import ssl
import struct
import threading

# Packet types (MS-TDS 2.2.3.1.1).
PT_SQL_BATCH = 0x01
PT_RPC = 0x03
PT_RESPONSE = 0x04
PT_ATTENTION = 0x06
PT_LOGIN7 = 0x10
PT_PRELOGIN = 0x12

# PRELOGIN options (MS-TDS 2.2.6.5).
PL_VERSION, PL_ENCRYPTION, PL_INSTOPT, PL_THREADID, PL_MARS = 0, 1, 2, 3, 4
PL_TERMINATOR = 0xFF

ENCRYPT_OFF, ENCRYPT_ON, ENCRYPT_NOT_SUP, ENCRYPT_REQ = 0, 1, 2, 3
ENCRYPT_NAMES = {0: "OFF", 1: "ON", 2: "NOT_SUP", 3: "REQ"}

IO_TIMEOUT = 10.0


class Closed(Exception):
    """The client closed the connection (or went silent)."""


def packet(ptype, payload, packet_id=1):
    """One TDS packet with the EOM status bit (payloads here stay under the 4096-byte default)."""
    return struct.pack(">BBHHBB", ptype, 0x01, 8 + len(payload), 0, packet_id, 0) + payload


def packets(ptype, payload, size=4096):
    """A message split into packets of at most `size` bytes."""
    out = b""
    chunk = size - 8
    pieces = [payload[i : i + chunk] for i in range(0, len(payload), chunk)] or [b""]
    for i, piece in enumerate(pieces):
        status = 0x01 if i == len(pieces) - 1 else 0x00
        out += struct.pack(">BBHHBB", ptype, status, 8 + len(piece), 0, (i + 1) % 256, 0) + piece
    return out


class PlainStream:
    """Bytes straight from the socket."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def fill(self):
        try:
            data = self.sock.recv(65536)
        except (socket.timeout, OSError) as exc:
            raise Closed(str(exc)) from exc
        if not data:
            raise Closed("eof")
        self.buf += data

    def read(self, n):
        while len(self.buf) < n:
            self.fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def peek(self, n):
        while len(self.buf) < n:
            self.fill()
        return self.buf[:n]

    def write(self, data):
        self.sock.sendall(data)


class TlsStream:
    """Application data of a TLS session whose records travel raw on `raw` (a PlainStream)."""

    def __init__(self, raw, sslobj, inc, out):
        self.raw, self.ssl, self.inc, self.out = raw, sslobj, inc, out
        self.buf = b""

    def fill(self):
        while True:
            try:
                data = self.ssl.read(65536)
                if not data:
                    raise Closed("tls close_notify")
                self.buf += data
                return
            except ssl.SSLWantReadError:
                pass
            except ssl.SSLError as exc:
                raise Closed(str(exc)) from exc
            if self.raw.buf:
                self.inc.write(self.raw.buf)
                self.raw.buf = b""
            else:
                self.raw.fill()

    def read(self, n):
        while len(self.buf) < n:
            self.fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def write(self, data):
        self.ssl.write(data)
        self.raw.write(self.out.read())


def read_message(stream):
    """One TDS message (packets up to EOM): (type, payload)."""
    payload = b""
    while True:
        hdr = stream.read(8)
        ptype, status, length = hdr[0], hdr[1], struct.unpack(">H", hdr[2:4])[0]
        if length < 8:
            raise Closed("bad packet length")
        payload += stream.read(length - 8)
        if status & 0x01:
            return ptype, payload


def parse_prelogin(payload):
    """PRELOGIN option table -> {option: bytes}; bounded, tolerant of junk."""
    opts = {}
    i = 0
    while i < len(payload) and payload[i] != PL_TERMINATOR and i + 5 <= len(payload):
        tok = payload[i]
        off, ln = struct.unpack(">HH", payload[i + 1 : i + 5])
        opts[tok] = payload[off : off + ln]
        i += 5
    return opts


def build_prelogin(encryption):
    """The server's PRELOGIN response (VERSION 16.0.1000, ENCRYPTION, INSTOPT, THREADID, MARS)."""
    fields = [
        (PL_VERSION, bytes([16, 0, 0x03, 0xE8, 0, 0])),
        (PL_ENCRYPTION, bytes([encryption])),
        (PL_INSTOPT, b"\x00"),
        (PL_THREADID, b""),
        (PL_MARS, b"\x00"),
    ]
    head = b""
    body = b""
    off = 5 * len(fields) + 1
    for tok, val in fields:
        head += struct.pack(">BHH", tok, off + len(body), len(val))
        body += val
    return head + b"\xff" + body


def b_varchar(s):
    enc = s.encode("utf-16-le")
    return bytes([len(s)]) + enc


def envchange(kind, new, old):
    body = bytes([kind]) + new + old
    return b"\xe3" + struct.pack("<H", len(body)) + body


def done(status=0, curcmd=0, rows=0, long_count=True):
    count = struct.pack("<Q", rows) if long_count else struct.pack("<I", rows)
    return b"\xfd" + struct.pack("<HH", status, curcmd) + count


def login_response(tds_version):
    """ENVCHANGEs (database, language, packet size, collation), LOGINACK echoing the client's TDS version, DONE."""
    toks = envchange(1, b_varchar("master"), b_varchar("master"))
    toks += envchange(2, b_varchar("us_english"), b_varchar(""))
    toks += envchange(4, b_varchar("4096"), b_varchar("4096"))
    # SQL collation Latin1_General_CI_AS: LCID 0x0409, flags 0xD0 0x00, sort id 0x34 (MS-TDS 2.2.5.1.2).
    toks += envchange(7, bytes([5, 0x09, 0x04, 0xD0, 0x00, 0x34]), b"\x00")
    prog = b_varchar("Microsoft SQL Server")
    ack = bytes([1]) + struct.pack(">I", tds_version) + prog + bytes([16, 0, 0x03, 0xE8])
    toks += b"\xad" + struct.pack("<H", len(ack)) + ack
    toks += done(long_count=tds_version >= 0x72000000)
    return toks


def select_one_response(long_count):
    """One INT column, one row holding 1, DONE with a row count."""
    colmeta = b"\x81" + struct.pack("<H", 1)
    colmeta += (struct.pack("<I", 0) if long_count else struct.pack("<H", 0)) + struct.pack("<H", 0)
    colmeta += b"\x38" + b_varchar("")
    row = b"\xd1" + struct.pack("<i", 1)
    return colmeta + row + done(0x10, 0xC1, 1, long_count)


class Observation(dict):
    """What the client did on one connection."""


class TdsServer:
    """One-connection TDS server; `start()` returns the port, `join()` the Observation."""

    def __init__(self, certfile, keyfile, force, strict=True):
        self.certfile, self.keyfile, self.force, self.strict = certfile, keyfile, force, strict
        self.obs = Observation(
            connected=False,
            first_bytes=None,
            strict=False,
            alpn=None,
            prelogin_encryption=None,
            server_encryption=None,
            tls=False,
            tls_handshake_done=False,
            tls_version=None,
            sni=None,
            tls_error=None,
            login7=False,
            mode=None,
            after_login=None,
            batches=0,
            closed_reason=None,
        )
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.sock.settimeout(IO_TIMEOUT * 2)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()
        return self.port

    def stop(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def join(self, timeout=None):
        self.thread.join(timeout)
        self.stop()
        return self.obs

    def _context(self, strict):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(self.certfile, self.keyfile)
        ctx.num_tickets = 0
        # SQL Server offers TLS 1.3 only with TDS 8.0; every client here does TLS 1.2 for TDS 7.x.
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        if not strict:
            ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        ctx.set_alpn_protocols(["tds/8.0"])

        def on_sni(sslobj, name, _ctx):
            self.obs["sni"] = name

        ctx.sni_callback = on_sni
        return ctx

    def _run(self):
        # One connection is served and recorded.
        try:
            conn, _ = self.sock.accept()
        except OSError:
            return
        self.obs["connected"] = True
        conn.settimeout(IO_TIMEOUT)
        try:
            self._serve(conn)
        except Closed as exc:
            self.obs["closed_reason"] = str(exc)
        except Exception as exc:  # record, never crash the harness
            self.obs["closed_reason"] = "server error: %r" % (exc,)
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def _handshake_raw(self, raw, ctx):
        """TLS on the bare socket (TDS 8.0 strict)."""
        inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
        obj = ctx.wrap_bio(inc, out, server_side=True)
        while True:
            try:
                obj.do_handshake()
                raw.write(out.read())
                break
            except ssl.SSLWantReadError:
                pending = out.read()
                if pending:
                    raw.write(pending)
                if raw.buf:
                    inc.write(raw.buf)
                    raw.buf = b""
                else:
                    raw.fill()
            except ssl.SSLError as exc:
                pending = out.read()
                if pending:
                    try:
                        raw.write(pending)
                    except OSError:
                        pass
                self.obs["tls_error"] = exc.reason or str(exc)
                raise Closed("tls handshake: %s" % exc) from exc
        self.obs["tls_handshake_done"] = True
        self.obs["tls_version"] = obj.version()
        self.obs["alpn"] = obj.selected_alpn_protocol()
        return TlsStream(raw, obj, inc, out)

    def _handshake_in_prelogin(self, raw, ctx):
        """TDS 7.x: TLS handshake records wrapped in PRELOGIN packets both ways."""
        inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
        obj = ctx.wrap_bio(inc, out, server_side=True)
        pid = 1
        while True:
            try:
                obj.do_handshake()
                pending = out.read()
                if pending:
                    raw.write(packet(PT_PRELOGIN, pending, pid))
                break
            except ssl.SSLWantReadError:
                pending = out.read()
                if pending:
                    raw.write(packet(PT_PRELOGIN, pending, pid))
                    pid += 1
                first = raw.peek(1)[0]
                if first == PT_PRELOGIN:
                    ptype, payload = read_message(raw)
                    inc.write(payload)
                else:
                    # A client that sends records outside PRELOGIN packets: take them raw.
                    inc.write(raw.buf)
                    raw.buf = b""
            except ssl.SSLError as exc:
                pending = out.read()
                if pending:
                    try:
                        raw.write(packet(PT_PRELOGIN, pending, pid))
                    except OSError:
                        pass
                self.obs["tls_error"] = exc.reason or str(exc)
                raise Closed("tls handshake: %s" % exc) from exc
        self.obs["tls_handshake_done"] = True
        self.obs["tls_version"] = obj.version()
        return TlsStream(raw, obj, inc, out)

    def _serve(self, conn):
        raw = PlainStream(conn)
        first = raw.peek(1)
        self.obs["first_bytes"] = raw.buf[:3].hex()
        stream = raw
        if first[0] == 0x16:
            # TDS 8.0: the client opens with a TLS ClientHello.
            self.obs["strict"] = True
            self.obs["tls"] = True
            if not self.strict:
                raise Closed("server does not speak TDS 8.0")
            stream = self._handshake_raw(raw, self._context(True))
            self.obs["mode"] = "strict"
        ptype, payload = read_message(stream)
        if ptype != PT_PRELOGIN:
            raise Closed("expected PRELOGIN, got 0x%02x" % ptype)
        opts = parse_prelogin(payload)
        client_enc = opts.get(PL_ENCRYPTION, b"\x02")[:1] or b"\x02"
        client_enc = client_enc[0]
        self.obs["prelogin_encryption"] = ENCRYPT_NAMES.get(client_enc & 0x0F, hex(client_enc))
        if self.obs["strict"]:
            answer = ENCRYPT_NOT_SUP
        else:
            answer = self._answer(client_enc & 0x0F)
        self.obs["server_encryption"] = ENCRYPT_NAMES[answer]
        stream.write(packet(PT_RESPONSE, build_prelogin(answer)))
        if not self.obs["strict"]:
            if self.force and (client_enc & 0x0F) == ENCRYPT_NOT_SUP:
                raise Closed("client refused encryption on a forcing server")
            if answer != ENCRYPT_NOT_SUP:
                self.obs["tls"] = True
                tls = self._handshake_in_prelogin(raw, self._context(False))
                stream = tls
                self.obs["mode"] = "login-only" if answer == ENCRYPT_OFF else "full"
            else:
                self.obs["mode"] = "none"
        ptype, payload = read_message(stream)
        if ptype != PT_LOGIN7:
            raise Closed("expected LOGIN7, got 0x%02x" % ptype)
        self.obs["login7"] = True
        tds_version = struct.unpack("<I", payload[4:8])[0] if len(payload) >= 8 else 0x74000004
        if self.obs["mode"] == "login-only":
            # TLS for the login packet only: everything after it is plain TDS.
            stream = raw
        stream.write(packets(PT_RESPONSE, login_response(tds_version)))
        # The first bytes after the login response tell TLS (a record: 0x17 0x03) from plain TDS.
        nxt = raw.peek(1)
        self.obs["after_login"] = "tls" if nxt[0] in (0x14, 0x15, 0x16, 0x17) else "plain"
        if (self.obs["mode"] in ("full", "strict")) != (self.obs["after_login"] == "tls"):
            raise Closed("client continued %s on a %s connection" % (self.obs["after_login"], self.obs["mode"]))
        long_count = tds_version >= 0x72000000 or tds_version < 0x10000000
        while True:
            ptype, payload = read_message(stream)
            if ptype == PT_SQL_BATCH:
                self.obs["batches"] += 1
                text = payload.decode("utf-16-le", "replace").lower()
                if "select" in text:
                    stream.write(packets(PT_RESPONSE, select_one_response(long_count)))
                else:
                    stream.write(packets(PT_RESPONSE, done(long_count=long_count)))
            elif ptype == PT_ATTENTION:
                stream.write(packets(PT_RESPONSE, done(0x20, long_count=long_count)))
            else:
                stream.write(packets(PT_RESPONSE, done(long_count=long_count)))

    def _answer(self, client):
        """SQL Server's ENCRYPTION answer (MS-TDS 2.2.6.5): forcing -> REQ; else mirror OFF/ON/NOT_SUP."""
        if self.force:
            return ENCRYPT_REQ
        if client == ENCRYPT_REQ:
            return ENCRYPT_ON
        if client in (ENCRYPT_OFF, ENCRYPT_ON, ENCRYPT_NOT_SUP):
            return client
        return ENCRYPT_OFF
