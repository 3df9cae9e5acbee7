"""Helpers for the interop suite: running loketd, making TLS certificates, and raw HTTP/2 requests.

Everything here is bounded in time: a helper that waits takes a timeout and fails when it passes.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import re
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import h2.config
import h2.connection
import h2.events

REPO_ROOT = Path(__file__).resolve().parents[2]

# The line loketd logs once it accepts connections, in the text (logfmt) format.
LISTENING = re.compile(r'msg="gRPC server listening".*\bport=(\d+)')
# The only start failure that makes the TLS tests xfail: the build says it cannot do TLS at all.
TLS_UNSUPPORTED = re.compile(
    r"\bTLS\b[^\n]*\bnot (?:supported|available|compiled)|\bTLS\b[^\n]*\bunsupported|"
    r"\bno TLS support\b|\bwithout TLS support\b",
    re.IGNORECASE)
TLS_XFAIL_REASON = "TLS not available in this build"


class LoketdStartError(Exception):
    """loketd exited, or did not log that it listens, within the start timeout."""

    def __init__(self, message: str, log: str, tls_unsupported: bool):
        super().__init__(f"{message}\n--- loketd log ---\n{log}")
        self.log = log
        self.tls_unsupported = tls_unsupported


class Loketd:
    """One loketd process on a free port, its stderr collected line by line."""

    def __init__(self, binary: Path, args: list[str]):
        self.binary = binary
        self.args = args
        self.process: subprocess.Popen | None = None
        self.port: int | None = None
        self._lines: list[str] = []
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._reader: threading.Thread | None = None

    @property
    def command(self) -> list[str]:
        return [str(self.binary), "--port", "0", "--set", "server.interop_test_service=true", *self.args]

    def start(self, timeout: float = 20.0) -> "Loketd":
        # loketd reads every LOKET_* variable as configuration and refuses names it does not know, such as the test
        # harness's own LOKET_BINARY; the servers under test get none of them, so that only their flags count.
        environment = {key: value for key, value in os.environ.items()
                       if not key.startswith("LOKET_") and key != "DATABASE_URL"}
        self.process = subprocess.Popen(
            self.command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", errors="replace", bufsize=1, env=environment)
        self._reader = threading.Thread(target=self._read, name="loketd-stderr", daemon=True)
        self._reader.start()
        match = self.wait_for_log(LISTENING, timeout)
        if match is None:
            exited = self.wait(2.0) is not None
            if not exited:
                self.kill()
            log = self.log
            message = (f"loketd exited with status {self.process.returncode} before listening" if exited
                       else f"loketd did not log that it listens within {timeout} s")
            raise LoketdStartError(f"{message}: {' '.join(self.command)}", log,
                                   tls_unsupported=bool(TLS_UNSUPPORTED.search(log)))
        self.port = int(match.group(1))
        if self.port == 0:
            raise LoketdStartError("loketd logged port=0 instead of the port it bound", self.log, False)
        return self

    def _read(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        for line in self.process.stderr:
            with self._changed:
                self._lines.append(line)
                self._changed.notify_all()
        with self._changed:
            self._lines.append("")  # end of output marker
            self._changed.notify_all()

    @property
    def log(self) -> str:
        with self._lock:
            return "".join(self._lines)

    def wait_for_log(self, pattern: re.Pattern, timeout: float) -> re.Match | None:
        """The first log line matching `pattern`, waiting up to `timeout` seconds; None when loketd's output ends
        or the time passes first."""
        deadline = time.monotonic() + timeout
        seen = 0
        with self._changed:
            while True:
                for line in self._lines[seen:]:
                    if line == "":
                        return None
                    match = pattern.search(line)
                    if match:
                        return match
                seen = len(self._lines)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._changed.wait(remaining)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def terminate(self) -> None:
        """Sends SIGTERM (graceful shutdown)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)

    def wait(self, timeout: float) -> int | None:
        """The exit status, or None when loketd is still running after `timeout` seconds."""
        assert self.process is not None
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        if self.running:
            self.process.kill()
            self.process.wait(10)

    def stop(self, timeout: float = 10.0) -> tuple[int | None, float]:
        """SIGTERM, then the exit status and how long loketd took to exit; killed (status None) after `timeout`."""
        if not self.running:
            return self.process.returncode, 0.0
        started = time.monotonic()
        self.terminate()
        status = self.wait(timeout)
        elapsed = time.monotonic() - started
        if status is None:
            self.kill()
        if self._reader is not None:
            self._reader.join(5)
        return status, elapsed


# --- TLS certificates ------------------------------------------------------------------------------------------

@dataclass
class CertificateAuthority:
    """A self-signed CA; `issue` makes certificates it signs."""

    name: str
    key: object = field(repr=False)
    certificate: object = field(repr=False)

    @classmethod
    def create(cls, name: str) -> "CertificateAuthority":
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = datetime.datetime.now(datetime.timezone.utc)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(subject).issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                              key_encipherment=False, data_encipherment=False, key_agreement=False,
                              encipher_only=False, decipher_only=False),
                critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
        return cls(name, key, certificate)

    def issue(self, common_name: str, *, server: bool) -> tuple[bytes, bytes]:
        """A leaf certificate and its key, both PEM: for 127.0.0.1 and localhost when `server`, else a client
        certificate."""
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.timezone.utc)
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.certificate.public_key()), critical=False)
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH]),
                critical=False))
        if server:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([
                    x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
        certificate = builder.sign(self.key, hashes.SHA256())
        key_pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        return certificate.public_bytes(serialization.Encoding.PEM), key_pem

    @property
    def pem(self) -> bytes:
        from cryptography.hazmat.primitives import serialization
        return self.certificate.public_bytes(serialization.Encoding.PEM)


@dataclass
class TLSFiles:
    """The PEM files of one test run: a CA, a server certificate it signed, and client certificates."""

    ca: Path
    server_certificate: Path
    server_key: Path
    client_certificate: bytes
    client_key: bytes
    # A client certificate signed by another CA, which an mTLS server must refuse.
    stranger_certificate: bytes
    stranger_key: bytes

    @classmethod
    def create(cls, directory: Path) -> "TLSFiles":
        ca = CertificateAuthority.create("Loket interop test CA")
        server_certificate, server_key = ca.issue("localhost", server=True)
        client_certificate, client_key = ca.issue("interop-client", server=False)
        stranger_certificate, stranger_key = CertificateAuthority.create("Unknown CA").issue(
            "stranger", server=False)
        files = cls(
            ca=directory / "ca.pem", server_certificate=directory / "server.pem",
            server_key=directory / "server-key.pem", client_certificate=client_certificate, client_key=client_key,
            stranger_certificate=stranger_certificate, stranger_key=stranger_key)
        files.ca.write_bytes(ca.pem)
        files.server_certificate.write_bytes(server_certificate)
        files.server_key.write_bytes(server_key)
        files.server_key.chmod(0o600)
        return files


# --- raw HTTP/2 --------------------------------------------------------------------------------------------------

@dataclass
class RawResponse:
    """What came back on one HTTP/2 stream."""

    headers: list[tuple[str, str]] = field(default_factory=list)
    trailers: list[tuple[str, str]] = field(default_factory=list)
    data: bytes = b""
    # How many HEADERS blocks arrived and whether the first one ended the stream (a trailers-only response).
    header_blocks: int = 0
    trailers_only: bool = False
    reset_code: int | None = None
    ended: bool = False

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key == name), None)

    def trailer(self, name: str) -> str | None:
        return next((value for key, value in self.trailers if key == name), None)

    @property
    def status(self) -> int | None:
        value = self.header(":status")
        return int(value) if value is not None else None

    @property
    def grpc_status(self) -> str | None:
        """grpc-status from the trailers, or from the headers of a trailers-only response."""
        return self.trailer("grpc-status") if not self.trailers_only else self.header("grpc-status")

    @property
    def grpc_message(self) -> str | None:
        return self.trailer("grpc-message") if not self.trailers_only else self.header("grpc-message")


def belgian_today() -> datetime.date:
    """Today in Belgium, the calendar the plugins date things by (already the next day in the last hour or two
    before midnight UTC)."""
    return datetime.datetime.now(ZoneInfo("Europe/Brussels")).date()


def grpc_frame(message: bytes, compressed: bool = False) -> bytes:
    """The 5-byte gRPC message prefix plus the message."""
    return bytes([1 if compressed else 0]) + len(message).to_bytes(4, "big") + message


def split_grpc_frames(data: bytes) -> list[tuple[bool, bytes]]:
    """The (compressed flag, message) pairs in a gRPC response body; fails on a truncated frame."""
    frames = []
    offset = 0
    while offset < len(data):
        assert len(data) - offset >= 5, f"truncated gRPC message prefix at offset {offset} of {len(data)}"
        flag = data[offset]
        length = int.from_bytes(data[offset + 1:offset + 5], "big")
        body = data[offset + 5:offset + 5 + length]
        assert len(body) == length, f"truncated gRPC message: {len(body)} of {length} bytes"
        frames.append((flag == 1, body))
        offset += 5 + length
    return frames


def raw_request(port: int, headers: list[tuple[str, str]], body: bytes | list[bytes] = b"", *,
                end_stream: bool = True, timeout: float = 10.0, host: str = "127.0.0.1") -> RawResponse:
    """One request over a fresh cleartext HTTP/2 connection (prior knowledge), the whole response read back.

    `body` as a list of chunks sends each chunk in DATA frames of its own."""
    config = h2.config.H2Configuration(client_side=True, header_encoding="utf-8")
    connection = h2.connection.H2Connection(config=config)
    response = RawResponse()
    deadline = time.monotonic() + timeout
    with socket.create_connection((host, port), timeout=timeout) as sock:
        connection.initiate_connection()
        connection.increment_flow_control_window(16 << 20)
        stream_id = connection.get_next_available_stream_id()
        chunks = [chunk for chunk in ([body] if isinstance(body, bytes) else body) if chunk]
        connection.send_headers(stream_id, headers, end_stream=end_stream and not chunks)
        connection.increment_flow_control_window(16 << 20, stream_id=stream_id)
        sock.sendall(connection.data_to_send())
        while not (response.ended or response.reset_code is not None):
            # Send what flow control allows of the body, then read.
            while chunks:
                window = min(connection.local_flow_control_window(stream_id), connection.max_outbound_frame_size)
                if window <= 0:
                    break
                piece, rest = chunks[0][:window], chunks[0][window:]
                if rest:
                    chunks[0] = rest
                else:
                    chunks.pop(0)
                connection.send_data(stream_id, piece, end_stream=end_stream and not chunks)
            sock.sendall(connection.data_to_send())
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no complete response on stream {stream_id} within {timeout} s: {response}")
            sock.settimeout(remaining)
            received = sock.recv(65536)
            if not received:
                raise ConnectionError(f"the server closed the connection before the response ended: {response}")
            for event in connection.receive_data(received):
                if getattr(event, "stream_id", stream_id) != stream_id:
                    continue
                if isinstance(event, (h2.events.ResponseReceived, h2.events.TrailersReceived,
                                      h2.events.InformationalResponseReceived)):
                    response.header_blocks += 1
                    pairs = [(k, v) for k, v in event.headers]
                    if isinstance(event, h2.events.TrailersReceived):
                        response.trailers = pairs
                    else:
                        response.headers = pairs
                    if event.stream_ended is not None and isinstance(event, h2.events.ResponseReceived):
                        response.trailers_only = True
                elif isinstance(event, h2.events.DataReceived):
                    response.data += event.data
                    connection.acknowledge_received_data(event.flow_controlled_length, stream_id)
                elif isinstance(event, h2.events.StreamEnded):
                    response.ended = True
                elif isinstance(event, h2.events.StreamReset):
                    response.reset_code = event.error_code
            sock.sendall(connection.data_to_send())
        try:
            connection.close_connection()
            sock.sendall(connection.data_to_send())
        except OSError:
            pass
    return response


def grpc_request_headers(path: str, *, content_type: str = "application/grpc", method: str = "POST",
                         extra: list[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    return [(":method", method), (":scheme", "http"), (":path", path), (":authority", "127.0.0.1"),
            ("content-type", content_type), ("te", "trailers"), *extra]


class FrameClient:
    """A cleartext HTTP/2 client at the frame level (hyperframe + hpack), for what h2's connection state machine
    does not allow: watching a graceful shutdown's GOAWAY frames while streams go on, and opening a stream after
    one. It answers SETTINGS and PING by itself."""

    def __init__(self, port: int, host: str = "127.0.0.1", timeout: float = 10.0):
        import hpack
        from hyperframe.frame import SettingsFrame, WindowUpdateFrame

        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.encoder = hpack.Encoder()
        self.decoder = hpack.Decoder()
        self.buffer = b""
        self.closed = False
        settings = SettingsFrame(0)
        settings.settings = {SettingsFrame.INITIAL_WINDOW_SIZE: 16 << 20}
        window = WindowUpdateFrame(0)
        window.window_increment = 16 << 20
        self.sock.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + settings.serialize() + window.serialize())

    def send_request(self, stream_id: int, headers: list[tuple[str, str]], body: bytes,
                     end_stream: bool = True) -> None:
        """HEADERS and one DATA frame with `body`; the client half-closes unless `end_stream` is false."""
        from hyperframe.frame import DataFrame, HeadersFrame

        frame = HeadersFrame(stream_id)
        frame.data = self.encoder.encode(headers)
        frame.flags.add("END_HEADERS")
        data = DataFrame(stream_id)
        data.data = body
        if end_stream:
            data.flags.add("END_STREAM")
        self.sock.sendall(frame.serialize() + data.serialize())

    def read(self, timeout: float) -> list:
        """The frames that arrive within `timeout` seconds (fewer when the server closes the connection); HEADERS
        frames get a `headers` attribute with the decoded list."""
        from hyperframe.frame import Frame, HeadersFrame, PingFrame, SettingsFrame

        frames = []
        deadline = time.monotonic() + timeout
        while not self.closed:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self.sock.settimeout(remaining)
            try:
                received = self.sock.recv(65536)
            except socket.timeout:
                break
            except ConnectionResetError:
                received = b""
            if not received:
                self.closed = True
                break
            self.buffer += received
            while len(self.buffer) >= 9:
                frame, length = Frame.parse_frame_header(memoryview(self.buffer[:9]))
                if len(self.buffer) < 9 + length:
                    break
                frame.parse_body(memoryview(self.buffer[9:9 + length]))
                self.buffer = self.buffer[9 + length:]
                if isinstance(frame, HeadersFrame):
                    frame.headers = [(k.decode() if isinstance(k, bytes) else k,
                                      v.decode() if isinstance(v, bytes) else v)
                                     for k, v in self.decoder.decode(frame.data)]
                elif isinstance(frame, SettingsFrame) and "ACK" not in frame.flags:
                    ack = SettingsFrame(0)
                    ack.flags.add("ACK")
                    self.sock.sendall(ack.serialize())
                elif isinstance(frame, PingFrame) and "ACK" not in frame.flags:
                    ack = PingFrame(0, frame.opaque_data)
                    ack.flags.add("ACK")
                    self.sock.sendall(ack.serialize())
                frames.append(frame)
        return frames

    def close(self) -> None:
        self.sock.close()


def tls_probe(port: int, ca: Path, client_certificate: tuple[bytes, bytes] | None = None,
              directory: Path | None = None, timeout: float = 5.0) -> str | None:
    """A TLS handshake with loketd, verifying its certificate against `ca` for 127.0.0.1 and offering ALPN h2.
    None when it works and h2 was negotiated, else what went wrong."""
    import ssl
    import tempfile

    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(ca))
    context.set_alpn_protocols(["h2"])
    with tempfile.TemporaryDirectory(dir=directory) as scratch:
        if client_certificate is not None:
            chain, key = Path(scratch) / "client.pem", Path(scratch) / "client-key.pem"
            chain.write_bytes(client_certificate[0])
            key.write_bytes(client_certificate[1])
            context.load_cert_chain(chain, key)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=timeout) as raw:
                with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                    protocol = tls.selected_alpn_protocol()
        except (OSError, ssl.SSLError) as error:
            return f"TLS handshake with loketd on port {port} failed: {error!r}"
    if protocol != "h2":
        return f"loketd negotiated ALPN {protocol!r}, not 'h2'"
    return None
