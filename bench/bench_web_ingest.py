"""Throughput of the web readers: HTML extraction, feed parsing, and fetching from a local server.

Prints pages/s for the HTML reader, entries/s for the feed reader (full-content entries, no
fetching) and for a summary-only feed whose linked pages are fetched from a local server on
127.0.0.1 (never the internet), and how fast an oversized body is cut.

    python bench/bench_web_ingest.py [--pages 200] [--entries 500] [--data tests/ingest_web/data]
"""

from __future__ import annotations

import argparse
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from dateline.errors import FetchError
from dateline.ingest import feed, html
from dateline.ingest.base import ReadOptions
from dateline.ingest.fetch import Fetcher
from dateline.models import Article

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / "tests" / "ingest_web" / "data"
TODAY = date(2023, 11, 10)


def _page(template: str, i: int) -> bytes:
    # Vary each page so no cache in trafilatura/htmldate can help.
    return (
        template.replace("Cairo", f"Cairo (report {i})").replace("200 lorries", f"{200 + i} lorries").encode()
    )


def _rss(entries: int, *, base: str | None) -> bytes:
    items = []
    for i in range(entries):
        if base is None:
            body = (
                f"<content:encoded><![CDATA[<p>Paragraph one of report {i}, with enough words to count as "
                f"prose.</p><p>Paragraph two of report {i} adds a second sentence.</p>]]></content:encoded>"
            )
        else:
            body = f"<description>Teaser for report {i}…</description>"
        link = f"{base or 'https://hh.example'}/story/{i}.html"
        items.append(
            f"<item><guid>r-{i}</guid><title>Report {i}</title><link>{link}</link>"
            f"<pubDate>Tue, 07 Nov 2023 09:42:00 GMT</pubDate>{body}</item>"
        )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Bench</title><link>https://hh.example/</link>{''.join(items)}</channel></rss>"
    ).encode()


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--linked", type=int, default=40, help="summary-only entries whose pages are fetched")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    template = (args.data / "article.html").read_text(encoding="utf-8")
    options = ReadOptions(today=TODAY)

    list(html.read(_page(template, -1), "warm.html", options))  # imports and first-use caches
    started = time.perf_counter()
    outcomes = [o for i in range(args.pages) for o in html.read(_page(template, i), f"p{i}.html", options)]
    ok = sum(isinstance(o, Article) for o in outcomes)
    took = time.perf_counter() - started
    print(f"html reader: {ok} pages in {took:.2f} s = {ok / took:.1f} pages/s")

    data = _rss(args.entries, base=None)
    started = time.perf_counter()
    n = len(list(feed.read(data, "bench.rss", options)))
    took = time.perf_counter() - started
    print(f"feed reader (full content): {n} entries in {took:.2f} s = {n / took:.0f} entries/s")

    page = template.encode()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *a: object) -> None:
            pass

        def do_GET(self) -> None:
            big = self.path == "/huge"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header(
                "Transfer-Encoding" if big else "Content-Length", "chunked" if big else str(len(page))
            )
            self.end_headers()
            if not big:
                self.wfile.write(page)
                return
            chunk = b"a" * 65536
            try:
                for _ in range(800):  # 50 MB
                    self.wfile.write(b"10000\r\n" + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        fetcher = Fetcher(timeout=10, allow_private=False, allow_hosts=frozenset({"127.0.0.1"}))
        data = _rss(args.linked, base=base)
        started = time.perf_counter()
        outcomes = list(feed.read(data, "linked.rss", ReadOptions(today=TODAY, fetch=fetcher)))
        took = time.perf_counter() - started
        from_page = sum(
            isinstance(o, Article) and o.extra.get("text_from") == "linked page" for o in outcomes
        )
        print(
            f"feed reader (summary-only, pages fetched locally): {len(outcomes)} entries, "
            f"{from_page} from linked pages, in {took:.2f} s = {len(outcomes) / took:.1f} entries/s"
        )
        started = time.perf_counter()
        try:
            Fetcher(max_bytes=10 * 1024 * 1024).fetch(f"{base}/huge")
        except FetchError as exc:
            print(f"50 MB body: {exc.reason} after {time.perf_counter() - started:.2f} s")
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
