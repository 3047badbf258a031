"""The one way out: every URL bleeper fetches (audio_url) or posts to (webhooks) goes through here.

A URL is parsed once, with urllib3's parser (the one the HTTP client uses), and the request is
built from that parse, so what was checked is what is asked for. The host name is resolved once
(`resolve`, which tests replace), every address must be public (or on the operator's allow
list), and the connection goes to the address that was checked — a DNS answer that changes
between check and connect (rebinding) never reaches a private address. TLS still verifies the
certificate against the host name. Redirects are followed only where the caller allows, each
hop checked the same way; a download has a wall-clock deadline as well as per-read timeouts.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO
from urllib.parse import urljoin

import urllib3
from urllib3.exceptions import HTTPError, LocationParseError
from urllib3.util import Timeout, parse_url

from bleeper.errors import ForbiddenURL, InvalidRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

NAT64 = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
# a host whose last label is a number is read as an IPv4 address by resolvers (inet_aton):
# 2130706433, 0x7f.1, 127.1 and 0177.0.0.1 all reach 127.0.0.1
_NUMERIC_LABEL = re.compile(r"(0x[0-9a-f]*|[0-9]+)", re.IGNORECASE)
_FORBIDDEN_CHARS = re.compile(r"[\x00-\x20\x7f\\]")


DEADLINE = "DeadlineExceeded"  # the Unreachable reason when the whole request ran out of time


class Unreachable(Exception):
    """The other end could not be reached, timed out, or broke off. `reason` is safe to show:
    an exception class name (or DEADLINE), never the library's message (which holds the URL)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Guard:
    """What may be reached: public addresses, plus private ones the operator named.

    `allowed` entries are `host`, `host:port` or `host:first-last` (IPv6 as `[::1]:port`); the
    host is compared with the URL's host and with each address it resolves to.
    """

    allow_private: bool = False
    allowed: tuple[tuple[str, int, int], ...] = ()

    @classmethod
    def of(cls, allow_private: bool = False, allowed_private_hosts: str = "") -> Guard:
        return cls(allow_private, tuple(_allow_entry(e) for e in allowed_private_hosts.split(",") if e.strip()))

    def permits(self, host: str, address: Address, port: int) -> bool:
        if self.allow_private or is_public(address):
            return True
        names = {host.strip("[]").lower(), str(address)}
        return any(h in names and lo <= port <= hi for h, lo, hi in self.allowed)


def _allow_entry(entry: str) -> tuple[str, int, int]:
    entry = entry.strip().lower()
    m = re.fullmatch(r"\[([0-9a-f:.]+)\](?::(\d+)(?:-(\d+))?)?|([^:\[\]]+)(?::(\d+)(?:-(\d+))?)?", entry)
    if not m:
        raise ValueError(f"BLEEPER_ALLOWED_PRIVATE_HOSTS: cannot read entry {entry!r} (host, host:port or host:lo-hi)")
    host = m.group(1) or m.group(4)
    lo, hi = (m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(6))
    if lo is None:
        return host, 0, 65535
    return host, int(lo), int(hi or lo)


def is_public(address: Address) -> bool:
    """A globally routable unicast address, also when it is an IPv6 form carrying an IPv4 one."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public(address.ipv4_mapped)
        if address.sixtofour is not None:
            return is_public(address.sixtofour)
        if address.teredo is not None:
            server, client = address.teredo
            return is_public(server) and is_public(client)
        if address in NAT64:
            return is_public(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if address in NAT64_LOCAL or address in IPV4_COMPATIBLE:
            return False
    return address.is_global and not address.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (the one resolution a request makes; tests replace it)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(info[4][0] for info in infos))


@dataclass(frozen=True)
class Target:
    """A checked URL: connect to `address`, ask for `path`, present `host` (Host, SNI, cert)."""

    scheme: str
    host: str
    port: int
    path: str
    address: str

    @property
    def host_header(self) -> str:
        default = 443 if self.scheme == "https" else 80
        return self.host if self.port == default else f"{self.host}:{self.port}"


def check(url: str, guard: Guard, what: str = "audio_url", *, unresolved_ok: bool = False) -> Target | None:
    """Parse, resolve and check `url`; raise ForbiddenURL / InvalidRequest saying what to fix.

    With `unresolved_ok` (at submit time) a name that does not resolve *now* passes with None:
    the worker checks again when it connects, and DNS may be back by then.
    Messages name the field and the rule, never the URL (it may carry a signature or PII).
    """
    if not isinstance(url, str) or not url:
        raise InvalidRequest(f"{what} is not a valid URL")
    if _FORBIDDEN_CHARS.search(url):
        raise ForbiddenURL(f"{what} contains a backslash, a space or a control character; percent-encode them")
    try:
        parts = parse_url(url)
    except (LocationParseError, ValueError):
        raise InvalidRequest(f"{what} is not a valid URL") from None
    if parts.scheme not in {"http", "https"}:
        raise ForbiddenURL(f"{what} must use http or https")
    if parts.auth is not None or "@" in _authority(url):
        raise ForbiddenURL(f"{what} must not contain a user name or password; use a signed URL or a header")
    if not parts.host:
        raise InvalidRequest(f"{what} has no host")
    host = parts.host.lower()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    literal = _ip_literal(host, what)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            addresses = [ipaddress.ip_address(a.split("%")[0]) for a in resolve(host.rstrip("."), port)]
        except (OSError, UnicodeError, ValueError):
            addresses = []
        if not addresses:
            if unresolved_ok:
                return None
            raise ForbiddenURL(f"{what} host could not be resolved")
    # every address must pass: a name with one public and one private address could be either
    for address in addresses:
        if not guard.permits(host, address, port):
            raise ForbiddenURL(f"{what} points to a private, loopback or link-local address; "
                               "set BLEEPER_ALLOWED_PRIVATE_HOSTS (or BLEEPER_ALLOW_PRIVATE_URLS) to allow it")
    return Target(parts.scheme, host, port, parts.request_uri, str(addresses[0]))


def _authority(url: str) -> str:
    """The part between `//` and the path, query or fragment, as written."""
    after = url.split("//", 1)[1] if "//" in url else ""
    return re.split(r"[/?#]", after, maxsplit=1)[0]


def _ip_literal(host: str, what: str) -> Address | None:
    """The address a host spells, if it spells one — in the one canonical way, or refused."""
    if host.startswith("["):
        if "%" in host:
            raise ForbiddenURL(f"{what} must not name an IPv6 zone")
        try:
            return ipaddress.IPv6Address(host.strip("[]"))
        except ValueError:
            raise InvalidRequest(f"{what} is not a valid URL") from None
    last = host.rstrip(".").rsplit(".", 1)[-1]
    if not _NUMERIC_LABEL.fullmatch(last):
        return None
    try:
        address = ipaddress.IPv4Address(host)
    except ValueError:
        address = None
    if address is None or str(address) != host:
        raise ForbiddenURL(f"{what} spells an IP address in a non-standard way; write it as four decimal numbers")
    return address


def _pool(target: Target, timeout: Timeout) -> urllib3.HTTPConnectionPool:
    if target.scheme == "https":
        context = ssl.create_default_context(cafile=_ca_file())
        return urllib3.HTTPSConnectionPool(target.address, target.port, timeout=timeout, maxsize=1, retries=False,
                                           server_hostname=target.host.strip("[]"), ssl_context=context)
    return urllib3.HTTPConnectionPool(target.address, target.port, timeout=timeout, maxsize=1, retries=False)


def _ca_file() -> str | None:
    try:
        import certifi
    except ImportError:  # the system's store
        return None
    return certifi.where()


@contextmanager
def request(method: str, url: str, guard: Guard, *, what: str = "audio_url", timeout: float = 30.0,
            deadline_s: float | None = None, body: bytes | None = None, headers: dict[str, str] | None = None,
            max_redirects: int = 0) -> Iterator[Response]:
    """Send one request (following up to `max_redirects` checked redirects) and yield the answer.

    The body is read through `Response.stream`, which enforces `deadline_s` from the start of the
    request: a server dripping a byte every few seconds is cut off there.
    """
    deadline = time.monotonic() + (deadline_s or timeout * 4)
    for _ in range(max_redirects + 1):
        target = check(url, guard, what)
        if target is None:  # not with unresolved_ok=False; keeps the type checker honest
            raise Unreachable("NameNotResolved")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise Unreachable(DEADLINE)
        pool = _pool(target, Timeout(connect=min(timeout, remaining), read=min(timeout, remaining)))
        sent = {**(headers or {}), "Host": target.host_header}
        try:
            raw = pool.urlopen(method, target.path, body=body, headers=sent, redirect=False, retries=False,
                               preload_content=False, decode_content=False, assert_same_host=False)
        except (HTTPError, OSError) as exc:
            pool.close()
            raise Unreachable(type(exc).__name__) from None
        response = Response(raw, deadline)
        try:
            if response.is_redirect and max_redirects and raw.headers.get("location"):
                url = urljoin(url, raw.headers["location"])
                if raw.status == 303:
                    method, body = "GET", None
                continue
            yield response
            return
        finally:
            raw.release_conn()
            pool.close()
    raise TooManyRedirects(f"{what} redirected more than {max_redirects} times")


class TooManyRedirects(Exception):
    """Raised by `request`; callers map it to their own permanent error."""


class Response:
    """Status, headers and a deadline-bounded body stream."""

    def __init__(self, raw: urllib3.BaseHTTPResponse, deadline: float) -> None:
        self.raw = raw
        self.status: int = raw.status
        self.headers = raw.headers
        self.deadline = deadline
        self.cut_off = False

    def _cut(self) -> None:
        self.cut_off = True
        self.raw.shutdown()

    @property
    def is_redirect(self) -> bool:
        return self.status in (301, 302, 303, 307, 308)

    def stream(self, chunk: int = 1 << 16) -> Iterator[bytes]:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise Unreachable(DEADLINE)
        # a read blocked on a silent server is woken at the deadline, not after the next byte
        timer = threading.Timer(remaining, self._cut)
        timer.daemon = True
        timer.start()
        try:
            while True:
                try:
                    data = self.raw.read1(chunk)
                except (HTTPError, OSError, ValueError) as exc:
                    raise Unreachable(DEADLINE if self.cut_off else type(exc).__name__) from None
                if self.cut_off or time.monotonic() >= self.deadline:
                    raise Unreachable(DEADLINE)
                if not data:
                    return
                yield data
        finally:
            timer.cancel()

    def copy_to(self, sink: IO[bytes], max_bytes: int) -> int | None:
        """Write the body to `sink`; None when it grows past `max_bytes` (the rest is not read)."""
        size = 0
        for data in self.stream():
            size += len(data)
            if size > max_bytes:
                return None
            sink.write(data)
        return size
