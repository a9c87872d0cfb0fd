"""Safe fetching of feeds and pages over HTTP(S): the only network code in dateline.

:class:`Fetcher` fetches one URL with every bound a server-facing ingest needs: http and https
only, a bounded number of redirects (each hop re-checked), a total deadline (a server that
trickles bytes still times out), a size limit counted on the *decoded* body (a gzip bomb is cut
as soon as it expands past the limit) and, unless configured otherwise, no fetching from
loopback, private, link-local or otherwise non-global addresses. Every failure is a
:class:`~dateline.errors.FetchError` with a short reason.

It is not a crawler: no retries, no caching, no cookies kept between fetches, no robots.txt.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import ipaddress
import logging
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from urllib.parse import urljoin

import httpx

from dateline import __version__
from dateline.errors import ConfigError, FetchError

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_USER_AGENT", "Fetcher"]

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = f"dateline/{__version__} (+https://github.com/dateline-news/dateline)"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _human_size(n: int) -> str:
    """``10 MB``, ``64 KB`` or ``100 bytes``: sizes in error messages people read."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= factor:
            return f"{n / factor:g} {unit}"
    return f"{n} bytes"


def _address_kind(ip: IPAddress) -> str | None:
    """The reason an address is not public (``"private"``, ``"loopback"``, …), ``None`` if global."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        # ::ffff:10.0.0.5 reaches 10.0.0.5; judge the IPv4 address it maps to.
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_private:
        return "private"
    if ip.is_reserved or not ip.is_global:
        return "non-public"
    return None


@contextlib.contextmanager
def _cut_at(deadline: float, response: httpx.Response) -> Iterator[None]:
    """Shut the response's socket down at the deadline, waking a read that has stalled.

    Socket timeouts are per read, so without this a server that sends a little and then goes
    silent could hold a fetch for up to twice its time limit.
    """
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if not isinstance(sock, socket.socket):
        yield
        return

    def cut() -> None:
        # The plain-socket shutdown, also for TLS sockets: SSLSocket.shutdown would tear down
        # the TLS state under the reading thread's feet.
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)

    timer = threading.Timer(max(0.0, deadline - time.monotonic()), cut)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


@functools.cache
def _resolver() -> concurrent.futures.ThreadPoolExecutor:
    """Threads for name lookups, so that a lookup can be abandoned at the deadline."""
    return concurrent.futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="dateline-dns")


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every fetch: building one loads the CA bundle (~0.2 s)."""
    return httpx.create_ssl_context()


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class _BodyDecoder:
    """Decodes a gzip/deflate body incrementally, never inflating more than the room left + 1 bytes.

    httpx's own decoders inflate each network chunk fully, so one 64 KB chunk of a gzip bomb
    could expand to tens of megabytes before any size check; ``max_length`` bounds that.
    """

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._zlib: zlib._Decompress | None = None
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            # "deflate" is zlib-wrapped by the standard, raw in some servers; 32 auto-detects
            # zlib/gzip headers and the raw fallback is tried on the first failure.
            self._zlib = zlib.decompressobj(32 + zlib.MAX_WBITS)
        self._started = False

    def decode(self, data: bytes, room: int) -> Iterator[bytes]:
        """Decoded pieces of ``data``, each at most ``room`` + 1 bytes long."""
        if self._zlib is None:
            yield data
            return
        buf = data
        while buf:
            try:
                out = self._zlib.decompress(buf, room + 1)
            except zlib.error:
                if self.encoding == "deflate" and not self._started:
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._started = True
                    out = self._zlib.decompress(buf, room + 1)
                else:
                    raise
            self._started = True
            buf = self._zlib.unconsumed_tail
            if out:
                yield out
            if self._zlib.eof:
                rest = self._zlib.unused_data
                if self.encoding == "deflate" or not rest.strip(b"\0"):
                    return  # trailing padding or garbage after the stream
                # A gzip body may hold several members, one after another (RFC 1952 §2.2).
                self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
                buf = rest


class Fetcher:
    """Fetches one URL with bounded time, size and redirects, and an address policy.

    ``timeout`` is the total time in seconds for the whole fetch, redirects included;
    ``max_bytes`` bounds the decoded body; ``max_redirects`` the number of hops.
    ``allow_private=False`` (what a server-facing ingest uses) refuses hosts that resolve to
    loopback, private, link-local or other non-global addresses, except hosts, addresses or
    networks (``"10.0.0.0/8"``) listed in ``allow_hosts``. ``transport`` replaces the network
    (tests pass an :class:`httpx.MockTransport`).

    An instance is callable (``fetcher(url)``), so it can stand in ``ReadOptions.fetch``, and
    holds no connection between calls, so threads may share it.

    The deadline covers the whole fetch: it is checked before each hop and after every piece of
    the body (a server that trickles bytes is cut), and a body read that stalls is woken by a
    watchdog that shuts the socket down at the deadline. Connecting and waiting for response
    headers are bounded by socket timeouts set to the time remaining when the request starts.
    """

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 5,
        user_agent: str = DEFAULT_USER_AGENT,
        allow_private: bool = True,
        allow_hosts: frozenset[str] = frozenset(),
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if timeout <= 0:
            raise ConfigError(f"timeout must be positive, got {timeout!r}")
        if max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {max_bytes!r}")
        if max_redirects < 0:
            raise ConfigError(f"max_redirects must be 0 or more, got {max_redirects!r}")
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.user_agent = user_agent
        self.allow_private = allow_private
        self.allow_hosts = frozenset(h.lower().strip("[]") for h in allow_hosts)
        self.transport = transport
        self._allow_networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in self.allow_hosts:
            try:
                self._allow_networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                continue  # a host name, matched by name

    def __repr__(self) -> str:
        return (
            f"Fetcher(timeout={self.timeout!r}, max_bytes={self.max_bytes!r}, "
            f"max_redirects={self.max_redirects!r}, allow_private={self.allow_private!r}, "
            f"allow_hosts={sorted(self.allow_hosts)!r})"
        )

    def __call__(self, url: str) -> tuple[bytes, str | None]:
        """Same as :meth:`fetch`."""
        return self.fetch(url)

    def fetch(self, url: str) -> tuple[bytes, str | None]:
        """Fetch ``url`` and return ``(body, content_type)``; the body is decoded (gzip/deflate).

        Raises :class:`~dateline.errors.FetchError` ``(url, reason)`` when the URL is refused
        (scheme, address), times out, answers a non-2xx status, redirects too often or sends
        a body larger than ``max_bytes``.
        """
        deadline = time.monotonic() + self.timeout
        current = url
        try:
            with httpx.Client(
                transport=self.transport,
                verify=_ssl_context(),
                follow_redirects=False,
                trust_env=False,  # no proxy or netrc from the environment: the policy sees the real host
                headers={
                    "User-Agent": self.user_agent,
                    "Accept-Encoding": "gzip, deflate",
                    "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                    "text/html;q=0.9, */*;q=0.5",
                },
            ) as client:
                for hop in range(self.max_redirects + 1):
                    request = self._build_request(client, current, deadline)
                    response = client.send(request, stream=True)
                    try:
                        location = response.headers.get("location")
                        if response.status_code in _REDIRECT_STATUSES and location:
                            nxt = urljoin(current, location)
                            log.debug("%s redirects to %s", current, nxt)
                            if hop == self.max_redirects:
                                raise FetchError(url, f"too many redirects (more than {self.max_redirects})")
                            current = nxt
                            continue
                        if not 200 <= response.status_code < 300:
                            phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
                            raise FetchError(url, f"HTTP {response.status_code}{phrase}".rstrip())
                        with _cut_at(deadline, response):
                            body = self._read_body(url, response, deadline)
                        return body, response.headers.get("content-type")
                    finally:
                        response.close()
        except FetchError as exc:
            if current == url and exc.origin == url:
                raise
            # Name the URL the caller asked for, and the hop that failed.
            reason = exc.reason if "redirect" in exc.reason else f"{exc.reason} (redirected to {current})"
            raise FetchError(url, reason) from exc
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out after {self.timeout:g} s") from exc
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"invalid URL ({exc})") from exc
        except httpx.ConnectError as exc:
            raise FetchError(url, f"cannot connect ({exc or type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            if time.monotonic() >= deadline:  # the watchdog cut a stalled read
                raise FetchError(url, f"timed out after {self.timeout:g} s") from exc
            raise FetchError(url, f"request failed ({type(exc).__name__}: {exc})") from exc
        except zlib.error as exc:
            raise FetchError(url, f"corrupt compressed body ({exc})") from exc
        raise AssertionError("unreachable: the redirect loop returns or raises")

    def _remaining(self, url: str, deadline: float) -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(url, f"timed out after {self.timeout:g} s")
        return remaining

    def _build_request(self, client: httpx.Client, url: str, deadline: float) -> httpx.Request:
        """Check one hop's URL against the policy and build its request.

        With ``allow_private=False`` the request goes to the address that was checked (the
        ``Host`` header and TLS server name keep the host name), so a DNS answer that changes
        between the check and the connection cannot reach an internal address.
        """
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, ValueError, TypeError) as exc:
            raise FetchError(url, f"invalid URL ({exc})") from exc
        scheme = parsed.scheme.lower()
        if not scheme:
            raise FetchError(url, "invalid URL (expected http:// or https://)")
        if scheme not in ("http", "https"):
            raise FetchError(url, f"refused: scheme {scheme or '(none)'!r} is not http or https")
        # The ASCII (IDNA) form is what DNS, the Host header and TLS see.
        host = parsed.raw_host.decode("ascii").lower().strip("[]")
        if not host:
            raise FetchError(url, "invalid URL (no host)")
        timeout = httpx.Timeout(self._remaining(url, deadline))
        if self.allow_private:
            return client.build_request("GET", parsed, timeout=timeout)
        port = parsed.port or (443 if scheme == "https" else 80)
        address = self._checked_address(url, host, port, deadline)
        if str(address) == host or _is_ip_literal(host):
            return client.build_request("GET", parsed, timeout=timeout)
        pinned = parsed.copy_with(host=str(address))
        netloc = host if parsed.port is None else f"{host}:{parsed.port}"
        extensions = {"sni_hostname": host} if scheme == "https" else {}
        return client.build_request(
            "GET", pinned, headers={"Host": netloc}, timeout=timeout, extensions=extensions
        )

    def _checked_address(self, url: str, host: str, port: int, deadline: float) -> IPAddress:
        """Resolve ``host`` and refuse it when any address is not public and not allowed."""
        addresses = self._resolve(url, host, port, deadline)
        host_allowed = host in self.allow_hosts
        for ip in addresses:
            kind = _address_kind(ip)
            if kind is None or host_allowed or self._ip_allowed(ip):
                continue
            shown = f"{host} ({ip})" if host != str(ip) else str(ip)
            raise FetchError(url, f"refused: {kind} address {shown}")
        return addresses[0]

    def _resolve(self, url: str, host: str, port: int, deadline: float) -> list[IPAddress]:
        try:
            return [ipaddress.ip_address(host)]
        except ValueError:
            pass  # a host name, not an address literal
        # getaddrinfo has no timeout of its own; a slow name server must not outlast the deadline.
        future = _resolver().submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
        try:
            infos = future.result(timeout=self._remaining(url, deadline))
        except concurrent.futures.TimeoutError as exc:
            raise FetchError(url, f"timed out after {self.timeout:g} s (resolving {host!r})") from exc
        except (OSError, UnicodeError) as exc:
            raise FetchError(url, f"cannot resolve host {host!r}") from exc
        # Scoped IPv6 addresses carry "%iface", which ipaddress does not parse in every version.
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
        if not addresses:
            raise FetchError(url, f"cannot resolve host {host!r}")
        return addresses

    def _ip_allowed(self, ip: IPAddress) -> bool:
        if str(ip) in self.allow_hosts:
            return True
        return any(ip.version == net.version and ip in net for net in self._allow_networks)

    def _read_body(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        """Read the body within the deadline and the size limit, decoding gzip/deflate."""
        too_large = f"body larger than {_human_size(self.max_bytes)}"
        declared = response.headers.get("content-length")
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, too_large)
        if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
            raise FetchError(url, f"unsupported content encoding {encoding!r}")
        raw_chunks: Iterable[bytes]
        if response.is_stream_consumed:
            # A response built in memory (a MockTransport's) arrives already read and decoded.
            encoding, raw_chunks = "identity", [response.content]
        else:
            raw_chunks = response.iter_raw()
        decoder = _BodyDecoder(encoding)
        chunks: list[bytes] = []
        size = 0
        for raw in raw_chunks:
            # The per-read timeout only bounds a silent socket; a trickling server is caught here.
            self._remaining(url, deadline)
            for piece in decoder.decode(raw, self.max_bytes - size):
                size += len(piece)
                if size > self.max_bytes:
                    raise FetchError(url, too_large)
                chunks.append(piece)
        return b"".join(chunks)
