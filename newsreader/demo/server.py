"""A real HTTP server for the demo site on 127.0.0.1 (tests and ``newsreader --demo``)."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Protocol, cast
from urllib.parse import urlsplit

from newsreader.demo.responses import Resource
from newsreader.demo.site import DemoSite

IDLE_TIMEOUT = 10.0
"""Seconds a kept-alive connection may stay idle before the server closes it."""


class Servable(Protocol):
    """A site the server can serve: the demo site, the university site, a feed site."""

    def resolve(self, path_and_query: str) -> Resource | None:
        """Return the response for a request target, or ``None`` for a 404."""
        ...

    def not_found(self) -> Resource:
        """Return the 404 page."""
        ...


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "VSB-Demo/1.0"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    # Headers and body go out in two writes; with Nagle on, the second waits for the client's
    # delayed ACK (~40 ms a response on loopback).
    disable_nagle_algorithm = True

    @property
    def demo(self) -> DemoServer:
        return cast(_HTTPServer, self.server).demo

    def setup(self) -> None:
        super().setup()
        self.demo._track(self.connection, add=True)

    def finish(self) -> None:
        self.demo._track(self.connection, add=False)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Log nothing: tests and the TUI own the terminal."""

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, *, head: bool) -> None:
        demo = self.demo
        target = self.path
        demo.requests.append(target)
        if demo.delay > 0:
            time.sleep(demo.delay)
        path = urlsplit(target).path
        if target in demo.fail_paths or path in demo.fail_paths:
            body = f"demo fault injected for {path}\n".encode()
            self._send(Resource(body, "text/plain; charset=utf-8", {}, demo.fail_status), head)
            return
        resource = demo.site.resolve(target) or demo.site.not_found()
        if not demo.validators:
            headers = {
                k: v for k, v in resource.headers.items() if k not in ("ETag", "Last-Modified")
            }
            resource = Resource(resource.body, resource.content_type, headers, resource.status)
        elif resource.status == 200 and self._not_modified(resource):
            validators = {
                k: v for k, v in resource.headers.items() if k in ("ETag", "Last-Modified")
            }
            self._send(Resource(b"", resource.content_type, validators, 304), head)
            return
        self._send(resource, head)

    def _not_modified(self, resource: Resource) -> bool:
        etag = resource.headers.get("ETag")
        wanted = self.headers.get("If-None-Match")
        if wanted is not None:
            # RFC 9110: If-None-Match wins over If-Modified-Since; weak comparison.
            tags = {t.strip().removeprefix("W/") for t in wanted.split(",")}
            return "*" in tags or (etag is not None and etag in tags)
        since = self.headers.get("If-Modified-Since")
        modified = resource.headers.get("Last-Modified")
        if since is None or modified is None:
            return False
        try:
            return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False

    def _send(self, resource: Resource, head: bool) -> None:
        self.demo.responses.append((self.command, self.path, resource.status))
        self.send_response(resource.status)
        self.send_header("Content-Type", resource.content_type)
        if resource.status != 304:
            self.send_header("Content-Length", str(len(resource.body)))
        for name, value in resource.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head and resource.status != 304:
            self.wfile.write(resource.body)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    demo: DemoServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients that hang up; report anything else as socketserver does.

        A client that closes a kept-alive connection with an error body unread resets it; the
        default handler would print a traceback onto the terminal the TUI (or a test) owns.
        """
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class DemoServer:
    """A demo site served on 127.0.0.1 from a daemon thread.

    Use it as a context manager (``with DemoServer() as server: server.base_url``), or call
    :meth:`start` and :meth:`stop`.

    Attributes:
        site: The site being served (a :class:`DemoSite` unless another was given).
        delay: Seconds to wait before answering each request (slow-network tests).
        fail_paths: Paths (or path and query) answered with ``fail_status`` instead.
        fail_status: The status of injected faults (503 by default; 500 also useful).
        validators: When False, answers carry no ``ETag`` or ``Last-Modified`` and never a
            304, as on servers that send neither (every conditional request gets the page).
        requests: Every request target received, in order (``/xwzx/xw.htm``).
        responses: ``(method, target, status)`` of every answer, in order.
    """

    def __init__(
        self,
        site: Servable | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        delay: float = 0.0,
    ) -> None:
        """Bind the socket (the port is known right away) without serving yet.

        Args:
            site: The site to serve; a default :class:`DemoSite` when ``None``.
            host: Address to bind; keep the loopback default outside of experiments.
            port: Port to bind; 0 picks a free one.
            delay: Initial value of :attr:`delay`.
        """
        self.site: Servable = site if site is not None else DemoSite()
        self.delay = delay
        self.fail_paths: set[str] = set()
        self.fail_status = 503
        self.validators = True
        self.requests: list[str] = []
        self.responses: list[tuple[str, str, int]] = []
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._httpd = _HTTPServer((host, port), _Handler)
        self._httpd.demo = self
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The bound TCP port."""
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """The site's base URL, e.g. ``http://127.0.0.1:8123/``."""
        host = str(self._httpd.server_address[0])
        return f"http://{host}:{self.port}/"

    def url(self, path: str) -> str:
        """Return the absolute URL of a site path such as ``xwzx/xw.htm``."""
        return self.base_url + path.lstrip("/")

    def start(self) -> DemoServer:
        """Start serving from a daemon thread; returns ``self``."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"demo-server-{self.port}",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close kept-alive connections and the socket (idempotent)."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        with self._lock:
            open_now = list(self._connections)
        for conn in open_now:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()

    def reset_log(self) -> None:
        """Forget the recorded requests and responses."""
        self.requests.clear()
        self.responses.clear()

    def _track(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def serve_forever(
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    seed: int = 7,
    articles_per_section: int = 6,
    validators: bool = True,
) -> None:
    """Serve the demo site until interrupted, after printing its URL on stdout.

    Args:
        host: Address to bind.
        port: Port to bind; 0 picks a free one.
        seed: Seed of the generated site.
        articles_per_section: Articles of an ordinary column (see :class:`DemoSite`).
        validators: False to send no ``ETag``/``Last-Modified`` (see :class:`DemoServer`).
    """
    site = DemoSite(seed=seed, articles_per_section=articles_per_section)
    server = DemoServer(site, host=host, port=port)
    server.validators = validators
    print(f"Demo site: {server.base_url}  (Ctrl+C to stop)", flush=True)
    try:
        server._httpd.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.stop()
