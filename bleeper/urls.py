"""Which URLs bleeper may fetch from or post to: http(s) to public addresses unless allowed."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from bleeper.errors import ForbiddenURL, InvalidRequest


def check_url(url: str, *, allow_private: bool, what: str = "audio_url") -> None:
    """Raise ForbiddenURL for non-http(s) schemes and for hosts resolving to non-public addresses.

    Every address the name resolves to must be public: a name with one public and one private
    address is refused, since the connection may use either.
    """
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise InvalidRequest(f"{what} is not a valid URL") from exc
    if parts.scheme not in {"http", "https"}:
        raise ForbiddenURL(f"{what} must use http or https, not {parts.scheme or 'no scheme'!r}")
    if not parts.hostname:
        raise InvalidRequest(f"{what} has no host")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, ValueError) as exc:
        raise ForbiddenURL(f"{what} host could not be resolved") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise ForbiddenURL(
                f"{what} points to a private, loopback or link-local address; "
                "set BLEEPER_ALLOW_PRIVATE_URLS=true to allow it"
            )
