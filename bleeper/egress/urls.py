"""A URL made a checked `Target`: parsed once, its host resolved once, every address guarded."""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass

from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url

from bleeper.egress.guard import Address, Guard
from bleeper.errors import ForbiddenURL, InvalidRequest

# a host whose last label is a number is read as an IPv4 address by resolvers (inet_aton):
# 2130706433, 0x7f.1, 127.1 and 0177.0.0.1 all reach 127.0.0.1
_NUMERIC_LABEL = re.compile(r"(0x[0-9a-f]*|[0-9]+)", re.IGNORECASE)
_FORBIDDEN_CHARS = re.compile(r"[\x00-\x20\x7f\\]")


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (the one resolution a request makes; tests replace it)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(info[4][0] for info in infos))


def _resolve(host: str, port: int) -> list[str]:
    # tests replace `bleeper.egress.resolve` (no network); looked up there at call time, so the
    # replacement is the resolver every check uses, whichever module the check was called from
    from bleeper import egress

    return egress.resolve(host, port)


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
            addresses = [ipaddress.ip_address(a.split("%")[0]) for a in _resolve(host.rstrip("."), port)]
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
