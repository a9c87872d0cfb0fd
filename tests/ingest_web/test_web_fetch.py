"""Safe fetching against a real local server: bounds on time, size, redirects and addresses."""

from __future__ import annotations

import gzip
import socket
import time
import zlib
from typing import Any

import httpx
import pytest

from dateline.errors import ConfigError, FetchError, InputError
from dateline.ingest import fetch as fetch_module
from dateline.ingest.fetch import DEFAULT_USER_AGENT, Fetcher

LOCAL_ONLY = frozenset({"127.0.0.1"})


def fetcher(**kwargs: Any) -> Fetcher:
    """A server-policy fetcher that lets the tests reach 127.0.0.1 and nothing else private."""
    settings: dict[str, Any] = {"timeout": 2.0, "allow_private": False, "allow_hosts": LOCAL_ONLY}
    settings.update(kwargs)
    return Fetcher(**settings)


def failure(f: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as info:
        f.fetch(url)
    assert isinstance(info.value, InputError)  # the CLI reports it like any bad input
    assert info.value.origin == url
    return info.value


def test_fetches_a_page_with_user_agent_and_content_type(web: Any) -> None:
    body, content_type = fetcher().fetch(f"{web.base}/world/ceasefire-talks.html")
    assert b"Ceasefire talks resume in Cairo" in body
    assert content_type == "text/html; charset=utf-8"
    echo, _ = fetcher(user_agent="dateline-test/1").fetch(f"{web.base}/echo")
    assert echo.decode().splitlines()[0] == "dateline-test/1"
    default_echo, _ = Fetcher().fetch(f"{web.base}/echo")
    assert default_echo.decode().splitlines()[0] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith("dateline/")


def test_a_fetcher_is_the_fetch_function_readers_take(web: Any) -> None:
    body, _ = fetcher()(f"{web.base}/story/1.html")
    assert b"Port strike ends" in body


def test_follows_a_redirect_and_decodes_gzip(web: Any) -> None:
    body, _ = fetcher().fetch(f"{web.base}/moved")
    assert b"Ceasefire talks resume" in body
    feed, content_type = fetcher().fetch(f"{web.base}/gzipped-feed")
    assert feed.startswith(b"<?xml") and b"<rss" in feed
    assert content_type == "application/rss+xml"


def test_404_is_named(web: Any) -> None:
    assert failure(fetcher(), f"{web.base}/no/such/page").reason == "HTTP 404 Not Found"


def test_a_server_that_does_not_answer_times_out(web: Any) -> None:
    started = time.monotonic()
    error = failure(fetcher(timeout=0.5), f"{web.base}/slow")
    assert error.reason == "timed out after 0.5 s"
    assert time.monotonic() - started < 2


def test_a_server_that_trickles_bytes_hits_the_total_deadline(web: Any) -> None:
    # One byte every 50 ms never trips a per-read timeout; only a total deadline stops it.
    started = time.monotonic()
    error = failure(fetcher(timeout=0.5), f"{web.base}/trickle")
    assert error.reason == "timed out after 0.5 s"
    assert time.monotonic() - started < 2


def test_a_server_that_trickles_then_stalls_hits_the_total_deadline(web: Any) -> None:
    # 10 bytes over ~0.5 s, then silence: a per-read timeout alone would end this only at ~1.7 s.
    started = time.monotonic()
    error = failure(fetcher(timeout=1.2), f"{web.base}/trickle-then-stall")
    assert error.reason == "timed out after 1.2 s"
    assert time.monotonic() - started < 1.6


@pytest.mark.parametrize("route", ["/huge", "/huge-declared"])
def test_a_50_mb_body_is_cut_at_the_limit_quickly(web: Any, route: str) -> None:
    started = time.monotonic()
    error = failure(fetcher(max_bytes=1024 * 1024), f"{web.base}{route}")
    assert error.reason == "body larger than 1 MB"
    assert time.monotonic() - started < 3


def test_the_default_limit_is_10_mb(web: Any) -> None:
    assert failure(fetcher(), f"{web.base}/huge-declared").reason == "body larger than 10 MB"


def test_a_gzip_bomb_is_cut_on_decoded_size(web: Any) -> None:
    # ~50 KB on the wire, 50 MB decoded: the limit must apply to what it expands to.
    error = failure(fetcher(max_bytes=2 * 1024 * 1024), f"{web.base}/gzip-bomb")
    assert error.reason == "body larger than 2 MB"


def test_a_redirect_loop_stops_after_max_redirects(web: Any) -> None:
    error = failure(fetcher(max_redirects=3), f"{web.base}/loop/a")
    assert error.reason == "too many redirects (more than 3)"
    loops = [path for path, _ in web.requests if path.startswith("/loop/")]
    assert len(loops) >= 4


def test_only_http_and_https(web: Any) -> None:
    assert failure(fetcher(), "file:///etc/passwd").reason == "refused: scheme 'file' is not http or https"
    assert (
        failure(Fetcher(), "news.example.org/feed.xml").reason == "invalid URL (expected http:// or https://)"
    )
    assert failure(Fetcher(), "ftp://example.org/feed.xml").reason.startswith("refused: scheme 'ftp'")
    redirected = failure(fetcher(), f"{web.base}/to-file")
    assert redirected.reason == (
        "refused: scheme 'file' is not http or https (redirected to file:///etc/passwd)"
    )


def test_private_addresses_are_refused_on_every_hop(web: Any) -> None:
    error = failure(fetcher(), f"{web.base}/to-private")
    assert error.reason == "refused: private address 10.0.0.5 (redirected to http://10.0.0.5/admin)"
    metadata = failure(fetcher(), f"{web.base}/to-metadata")
    assert metadata.reason.startswith("refused: link-local address 169.254.169.254")


def test_loopback_is_refused_unless_allowed(web: Any) -> None:
    strict = Fetcher(timeout=2.0, allow_private=False)
    assert failure(strict, f"{web.base}/echo").reason == "refused: loopback address 127.0.0.1"
    by_network = Fetcher(timeout=2.0, allow_private=False, allow_hosts=frozenset({"127.0.0.0/8"}))
    assert by_network.fetch(f"{web.base}/echo")[0]
    # The CLI policy (allow_private=True) reaches the local server without an allow-list.
    assert Fetcher(timeout=2.0).fetch(f"{web.base}/echo")[0]


def _fake_dns(table: dict[str, str]) -> Any:
    real = socket.getaddrinfo

    def getaddrinfo(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in table:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (table[host], port))]
        return real(host, port, *args, **kwargs)

    return getaddrinfo


def test_a_name_resolving_to_a_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", _fake_dns({"intranet.example": "10.1.2.3"}))
    error = failure(fetcher(), "http://intranet.example/feed.xml")
    assert error.reason == "refused: private address intranet.example (10.1.2.3)"


def test_the_checked_address_is_the_one_connected_to(web: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # The request goes to the address that passed the check, with the original Host header.
    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", _fake_dns({"news.example": "127.0.0.1"}))
    port = web.server_address[1]
    body, _ = fetcher().fetch(f"http://news.example:{port}/echo")
    assert body.decode().splitlines()[1] == f"news.example:{port}"


def test_an_unresolvable_host_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", no_dns)
    assert failure(fetcher(), "https://nowhere.invalid/").reason == "cannot resolve host 'nowhere.invalid'"


def test_a_slow_name_server_does_not_outlast_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow_dns(*args: Any, **kwargs: Any) -> Any:
        time.sleep(1.5)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", slow_dns)
    started = time.monotonic()
    error = failure(fetcher(timeout=0.3), "https://slow-dns.example/feed.xml")
    assert error.reason == "timed out after 0.3 s (resolving 'slow-dns.example')"
    assert time.monotonic() - started < 1


def test_a_connection_refused_is_named() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens once the socket closes
    error = failure(fetcher(), f"http://127.0.0.1:{port}/")
    assert error.reason.startswith("cannot connect")


def test_a_mock_transport_replaces_the_network() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<rss/>", headers={"Content-Type": "application/rss+xml"})

    got = Fetcher(transport=httpx.MockTransport(handler)).fetch("https://feeds.example.org/world.rss")
    assert got == (b"<rss/>", "application/rss+xml")


@pytest.mark.parametrize("wbits", [16 + zlib.MAX_WBITS, zlib.MAX_WBITS, -zlib.MAX_WBITS])
def test_gzip_zlib_and_raw_deflate_bodies_are_decoded(wbits: int) -> None:
    text = b"<rss version='2.0'><channel><title>Quay</title></channel></rss>" * 50
    packer = zlib.compressobj(wbits=wbits)
    body = packer.compress(text) + packer.flush()
    encoding = "gzip" if wbits > zlib.MAX_WBITS else "deflate"

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["Accept-Encoding"] == "gzip, deflate"
        stream = httpx.ByteStream(body)
        return httpx.Response(200, stream=stream, headers={"Content-Encoding": encoding})

    # A stream transport hands the raw bytes over unread, as the network does.
    got, _ = Fetcher(transport=httpx.MockTransport(handler)).fetch("https://quay.example/rss")
    assert got == text
    with pytest.raises(FetchError, match="body larger than 1 KB"):
        Fetcher(max_bytes=1024, transport=httpx.MockTransport(handler)).fetch("https://quay.example/rss")


def test_a_multi_member_gzip_body_is_decoded_whole() -> None:
    members = [gzip.compress(f"<p>part {i}</p>".encode()) for i in range(3)]

    def handler(request: httpx.Request) -> httpx.Response:
        stream = httpx.ByteStream(b"".join(members))
        return httpx.Response(200, stream=stream, headers={"Content-Encoding": "gzip"})

    got, _ = Fetcher(transport=httpx.MockTransport(handler)).fetch("https://quay.example/page")
    assert got == b"<p>part 0</p><p>part 1</p><p>part 2</p>"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"timeout": 0}, "timeout"), ({"max_bytes": 0}, "max_bytes"), ({"max_redirects": -1}, "max_redirects")],
)
def test_settings_are_checked(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Fetcher(**kwargs)
