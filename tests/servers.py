"""Raw-socket HTTP servers on 127.0.0.1 for tests that need real misbehaving servers.

httpx.MockTransport cannot drip bytes, lie about Content-Length or reset a TCP connection; these
servers can. Each connection is handed to a *handler* that writes whatever raw bytes it wants::

    with RawServer(drip(interval=0.3)) as server:
        await fetcher.get(server.url)

Servers bind port 0 (a free port), run in daemon threads, and stop themselves on leaving the
``with`` block (handlers see ``conn.stopped`` and ``send`` failing, so none loops forever).
"""

from __future__ import annotations

import socket
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from types import TracebackType

__all__ = [
    "Conn",
    "RawServer",
    "brotli_bomb",
    "drip",
    "endless_chunked",
    "gzip_bomb",
    "lying_length",
    "reset",
    "respond",
    "truncated_chunked",
]

_HEAD_LIMIT = 64 * 1024


class Conn:
    """One accepted connection, as a handler sees it.

    Attributes:
        sock: The connected socket.
        request: The request head (request line and headers), as bytes.
        stopped: Set when the server is stopping: handlers must return soon after.
    """

    def __init__(self, sock: socket.socket, request: bytes, stopped: threading.Event) -> None:
        self.sock = sock
        self.request = request
        self.stopped = stopped

    @property
    def path(self) -> str:
        """The request target of the request line (``/`` when unreadable)."""
        parts = self.request.split(b"\r\n", 1)[0].split()
        return parts[1].decode("latin-1") if len(parts) >= 2 else "/"

    def header(self, name: str) -> str | None:
        """Return a request header's value (case-insensitive), or ``None``."""
        for line in self.request.split(b"\r\n")[1:]:
            key, sep, value = line.partition(b":")
            if sep and key.strip().lower() == name.lower().encode():
                return value.strip().decode("latin-1")
        return None

    def send(self, data: bytes) -> bool:
        """Send ``data``; return False when the client has gone or the server is stopping."""
        if self.stopped.is_set():
            return False
        try:
            self.sock.sendall(data)
        except OSError:
            return False
        return True

    def reset(self) -> None:
        """Close the connection with a TCP RST instead of a FIN (SO_LINGER 0)."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()


Handler = Callable[[Conn], None]


class RawServer:
    """A threaded TCP server on 127.0.0.1 that hands each connection to ``handler``.

    Args:
        handler: Called with a :class:`Conn` once the request head has been read.

    Attributes:
        requests: Request heads received, in order (for assertions on headers and counts).
    """

    def __init__(self, handler: Handler) -> None:
        self._handler = handler
        self._stopped = threading.Event()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self.requests: list[bytes] = []
        self._port = 0

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return self._port

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT/``."""
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> RawServer:
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._port = int(self._listener.getsockname()[1])
        self._listener.listen(16)
        self._listener.settimeout(0.05)
        thread = threading.Thread(target=self._accept_loop, name="raw-server", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stopped.set()
        for thread in list(self._threads):
            thread.join(timeout=5)
        self._listener.close()

    def _accept_loop(self) -> None:
        while not self._stopped.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            with self._lock:
                self._threads.append(thread)
            thread.start()

    def _serve(self, sock: socket.socket) -> None:
        sock.settimeout(5)
        with sock:
            head = _read_head(sock)
            if head is None:
                return
            with self._lock:
                self.requests.append(head)
            try:
                self._handler(Conn(sock, head, self._stopped))
            except OSError:
                return  # the client went away mid-answer: that is what many tests provoke


def _read_head(sock: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < _HEAD_LIMIT:
        try:
            chunk = sock.recv(4096)
        except OSError:
            return None
        if not chunk:
            return None
        data += chunk
    return data.split(b"\r\n\r\n", 1)[0]


def _head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def respond(
    body: bytes = b"<html><title>ok</title></html>",
    *,
    status: str = "200 OK",
    headers: dict[str, str] | None = None,
) -> Handler:
    """A well-behaved answer with ``Content-Length`` (and ``Connection: close``)."""

    def handler(conn: Conn) -> None:
        all_headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        all_headers.setdefault("Content-Length", str(len(body)))
        all_headers["Connection"] = "close"
        conn.send(_head(status, all_headers) + body)

    return handler


def drip(interval: float = 0.3, *, in_head: bool = False) -> Handler:
    """Send one byte every ``interval`` seconds, forever (until the client or server stops).

    Args:
        interval: Seconds between bytes: under any read timeout, so only a deadline stops it.
        in_head: Drip the status line and headers too, not only the body.
    """

    def handler(conn: Conn) -> None:
        if not in_head and not conn.send(_head("200 OK", {"Content-Type": "text/html"})):
            return
        pattern = b"HTTP/1.1 200 OK\r\nX-Slow: " if in_head else b"<p>slow</p>"
        index = 0
        while not conn.stopped.wait(interval):
            if not conn.send(pattern[index % len(pattern) : index % len(pattern) + 1]):
                return
            index += 1

    return handler


def lying_length(announced: int = 1000, sent: bytes = b"<html><p>short") -> Handler:
    """Announce ``announced`` bytes, send fewer, then close the connection."""

    def handler(conn: Conn) -> None:
        conn.send(_head("200 OK", {"Content-Type": "text/html", "Content-Length": str(announced)}))
        conn.send(sent)

    return handler


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


def endless_chunked(piece: bytes = b"<p>" + b"x" * 8192 + b"</p>") -> Handler:
    """A chunked body that never ends: only a size cap (or the deadline) stops it."""

    def handler(conn: Conn) -> None:
        head = {"Content-Type": "text/html", "Transfer-Encoding": "chunked"}
        if not conn.send(_head("200 OK", head)):
            return
        while conn.send(_chunk(piece)):
            pass

    return handler


def truncated_chunked() -> Handler:
    """A chunked body cut off in the middle of a chunk, without the final zero chunk."""

    def handler(conn: Conn) -> None:
        head = {"Content-Type": "text/html", "Transfer-Encoding": "chunked"}
        conn.send(_head("200 OK", head) + _chunk(b"<html><p>first</p>") + b"400\r\n<p>cut")

    return handler


def reset() -> Handler:
    """Read the request, then reset the connection without answering."""

    def handler(conn: Conn) -> None:
        conn.reset()

    return handler


def _zeros_gzip(total: int) -> Iterator[bytes]:
    """Yield a gzip stream of ``total`` zero bytes, compressed 1 MiB at a time on the fly."""
    block = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    for _ in range(total // len(block)):
        data = compressor.compress(block)
        if data:
            yield data
    yield compressor.flush()


def _zeros_brotli(total: int) -> Iterator[bytes]:
    import brotli

    block = bytes(1 << 20)
    compressor = brotli.Compressor(quality=1)
    for _ in range(total // len(block)):
        yield compressor.process(block) + compressor.flush()
    yield compressor.finish()


def _bomb(encoding: str, chunks: Callable[[int], Iterator[bytes]], total: int) -> Handler:
    def handler(conn: Conn) -> None:
        head = {
            "Content-Type": "text/html",
            "Content-Encoding": encoding,
            "Connection": "close",
        }
        if not conn.send(_head("200 OK", head)):
            return
        for data in chunks(total):
            if data and not conn.send(data):
                return

    return handler


def gzip_bomb(total: int = 1 << 30) -> Handler:
    """A gzip body that inflates to ``total`` zero bytes (1 GiB: ~1 MB on the wire).

    The compressed stream is generated while sending, so an early-stopping client costs the
    server only the part it sent.
    """
    return _bomb("gzip", _zeros_gzip, total)


def brotli_bomb(total: int = 1 << 30) -> Handler:
    """A brotli body that inflates to ``total`` zero bytes, generated while sending."""
    return _bomb("br", _zeros_brotli, total)
