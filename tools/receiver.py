"""A webhook receiver on a free loopback port, for the demo, the benchmarks and the tests.

It answers a scripted list of status codes (then 200) and keeps every call in order: headers,
JSON body, the code it answered and when it arrived (time.monotonic()).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class WebhookReceiver:
    def __init__(self, codes: Iterable[int] = (), port: int = 0) -> None:
        self.calls: list[dict[str, Any]] = []
        self.codes = list(codes)
        self.cond = threading.Condition()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                at = time.monotonic()
                with outer.cond:
                    code = outer.codes.pop(0) if outer.codes else 200
                self.send_response(code)
                self.end_headers()
                with outer.cond:
                    outer.calls.append({"headers": dict(self.headers), "body": json.loads(body or b"{}"),
                                        "code": code, "at": at})
                    outer.cond.notify_all()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count: int, timeout: float = 60) -> list[dict[str, Any]]:
        """The calls so far, once there are `count` of them or `timeout` seconds have passed."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(self.calls) < count and (left := deadline - time.monotonic()) > 0:
                self.cond.wait(min(left, 1.0))
            return list(self.calls)

    def first(self, job_id: str, statuses: tuple[str, ...], timeout: float = 0) -> dict[str, Any] | None:
        """The first call for a job with one of `statuses`, waiting up to `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                found = next((c for c in self.calls if c["body"].get("transcript_id") == job_id
                              and c["body"].get("status") in statuses), None)
                left = deadline - time.monotonic()
                if found is not None or left <= 0:
                    return found
                self.cond.wait(min(left, 1.0))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
