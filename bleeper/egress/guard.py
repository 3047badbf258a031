"""Which addresses the egress path may reach: public ones, plus the private ones the operator named."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

NAT64 = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


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
