"""The request itself: sent to the checked address, redirects checked hop by hop, the body read
against a wall-clock deadline."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO
from urllib.parse import urljoin

import urllib3
from urllib3.exceptions import HTTPError
from urllib3.util import Timeout

from bleeper.egress.guard import Guard
from bleeper.egress.urls import Target, check

DEADLINE = "DeadlineExceeded"  # the Unreachable reason when the whole request ran out of time


class Unreachable(Exception):
    """The other end could not be reached, timed out, or broke off. `reason` is safe to show:
    an exception class name (or DEADLINE), never the library's message (which holds the URL)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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
