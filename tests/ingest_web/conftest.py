"""A real HTTP server on 127.0.0.1 (OS-assigned port) serving pages, feeds and misbehaviour.

Every route the web-ingest tests need lives here, so the tests never touch the internet. Text
bodies may contain ``{base}``, replaced by the server's ``http://127.0.0.1:PORT``.
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Callable, Iterator
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
MB = 1024 * 1024


@cache
def gzip_bomb() -> bytes:
    """50 MB of zeros in about 50 KB: 50 gzip members of 1 MB each (cheaper to build than one)."""
    return gzip.compress(b"\0" * MB, compresslevel=9) * 50


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _file(self, name: str, content_type: str) -> None:
        text = (DATA / name).read_text(encoding="utf-8").replace("{base}", self.server.base)
        self._send(200, text.encode("utf-8"), content_type)

    def _redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _late(self, seconds: float) -> None:
        time.sleep(seconds)
        self._send(200, b"late", "text/plain")

    def _stream(
        self, total: int, chunk: bytes, delay: float = 0.0, declared: bool = False, stall: float = 0.0
    ) -> None:
        """Send ``total`` bytes in chunks (chunked encoding unless ``declared``)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if declared:
            self.send_header("Content-Length", str(total))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        sent = 0
        try:
            while sent < total:
                piece = chunk[: total - sent]
                if declared:
                    self.wfile.write(piece)
                else:
                    self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                sent += len(piece)
                if delay:
                    self.wfile.flush()
                    time.sleep(delay)
            time.sleep(stall)
            if not declared:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            return  # the client hung up, which is what these routes test

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers)))
        path = self.path.split("?", 1)[0]
        route = ROUTES.get(path)
        if route is None:
            self._send(404, b"<h1>Not found</h1>", "text/html", {})
            return
        # The client may give up (timeout, size limit): that is what several routes test.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)


ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/world/ceasefire-talks.html": lambda h: h._file("article.html", "text/html; charset=utf-8"),
    "/world/index.html": lambda h: h._file("no_body.html", "text/html; charset=utf-8"),
    "/story/1.html": lambda h: h._file("story1.html", "text/html; charset=utf-8"),
    "/story/2.html": lambda h: h._file("story2.html", "text/html; charset=utf-8"),
    "/feeds/world.rss": lambda h: h._file("world.rss", "application/rss+xml; charset=utf-8"),
    "/feeds/briefing.atom": lambda h: h._file("briefing.atom", "application/atom+xml"),
    "/feeds/empty.rss": lambda h: h._file("empty.rss", "application/rss+xml"),
    "/slow": lambda h: h._late(3.0),
    "/trickle": lambda h: h._stream(200, b"x", delay=0.05),
    "/trickle-then-stall": lambda h: h._stream(10, b"x", delay=0.05, stall=5.0),
    "/huge": lambda h: h._stream(50 * MB, b"a" * 65536),
    "/huge-declared": lambda h: h._stream(50 * MB, b"a" * 65536, declared=True),
    "/gzip-bomb": lambda h: h._send(200, gzip_bomb(), "text/html", {"Content-Encoding": "gzip"}),
    "/gzipped-feed": lambda h: h._send(
        200,
        gzip.compress((DATA / "world.rss").read_bytes()),
        "application/rss+xml",
        {"Content-Encoding": "gzip"},
    ),
    "/loop/a": lambda h: h._redirect("/loop/b"),
    "/loop/b": lambda h: h._redirect("/loop/a"),
    "/moved": lambda h: h._redirect("/world/ceasefire-talks.html", 301),
    "/to-file": lambda h: h._redirect("file:///etc/passwd"),
    "/to-private": lambda h: h._redirect("http://10.0.0.5/admin"),
    "/to-metadata": lambda h: h._redirect("http://169.254.169.254/latest/meta-data/"),
    "/echo": lambda h: h._send(
        200, f"{h.headers.get('User-Agent')}\n{h.headers.get('Host')}".encode(), "text/plain"
    ),
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    base: str
    requests: list[tuple[str, dict[str, str]]]


@pytest.fixture(scope="package")
def web() -> Iterator[_Server]:
    """The local test server; ``web.base`` is its ``http://127.0.0.1:PORT``."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, name="ingest-web-test-server", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
