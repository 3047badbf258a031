"""The one HTTP client of the bleeper API (the v2 endpoints), for `bleeper submit`, the demo and the bench."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

from bleeper.client.errors import JobFailed, SubmitError, Unreachable
from bleeper.client.inputs import write_whole
from bleeper.config import Settings
from bleeper.logs import redact_url

UNFINISHED = ("queued", "processing")


def make_session(concurrency: int) -> requests.Session:
    """GETs retry connection errors and 502/503/504 briefly; POSTs are never repeated."""
    session = requests.Session()
    retry = Retry(total=2, backoff_factor=0.5, status_forcelist=(502, 503, 504),
                  allowed_methods=frozenset({"GET"}), raise_on_status=False)
    adapter = HTTPAdapter(max_retries=retry, pool_maxsize=max(10, concurrency * 2))
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def resolve_api(settings: Settings, api_url: str | None, api_key: str | None) -> tuple[str, str]:
    key = api_key or next(iter(sorted(settings.api_keys())), None)
    if not key:
        raise SubmitError(
            "no API key: pass --api-key, set BLEEPER_API_KEY, or run `bleeper up` "
            f"(it generates one into {settings.home_dir / 'credentials.json'})"
        )
    return (api_url or settings.api_url).rstrip("/"), key


class Client:
    """The v2 endpoints, over an injected requests session that worker threads may share: it
    holds only the connection pool (the key goes on each API request, never to S3)."""

    def __init__(self, session: requests.Session, base: str, key: str, *, poll_s: float = 0.5,
                 max_poll_s: float = 5.0, outage_s: float = 120.0) -> None:
        self.session, self.base, self.auth = session, base, {"Authorization": key}
        self.poll_s, self.max_poll_s, self.outage_s = poll_s, max_poll_s, outage_s

    def _call(self, method: str, path: str, step: str, ok: tuple[int, ...] = (200,), **kw: Any) -> requests.Response:
        try:
            r = self.session.request(method, f"{self.base}{path}", headers=self.auth, timeout=(10, 300), **kw)
        except requests.RequestException as exc:
            raise Unreachable(f"{step}: {type(exc).__name__} talking to the API") from None
        if r.status_code not in ok:
            try:
                message = r.json()["error"]
            except (ValueError, KeyError, TypeError):
                message = r.reason
            raise (Unreachable if r.status_code >= 500 else JobFailed)(
                f"{step}: HTTP {r.status_code}: {message}", r.status_code, message)
        return r

    def check(self) -> None:
        """Fail the batch early when the API is down or refuses the key."""
        try:
            self._call("GET", "/v2/transcript", "checking the API", params={"limit": 1})
        except Unreachable as exc:
            raise SubmitError(f"{exc} at {redact_url(self.base)}: is it running? (`bleeper status`)") from None
        except JobFailed as exc:
            raise SubmitError(f"{exc} (API {redact_url(self.base)})") from None

    def upload(self, path: Path) -> str:
        # Safe to repeat once (a duplicate only leaves an unused upload to expire), unlike POST
        # /v2/transcript: a pooled keep-alive connection the server has just closed fails a POST.
        try:
            return self._upload(path)
        except Unreachable:
            return self._upload(path)

    def _upload(self, path: Path) -> str:
        with open(path, "rb") as f:
            return self._call("POST", "/v2/upload", "upload", data=f).json()["upload_url"]

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._call("POST", "/v2/transcript", "submit", json=body).json()

    def get(self, job_id: str) -> dict[str, Any]:
        return self._call("GET", f"/v2/transcript/{job_id}", "poll").json()

    def wait(self, job_id: str, stop: threading.Event, deadline: float | None,
             on_status: Callable[[str], None]) -> dict[str, Any]:
        delay, failing_since = self.poll_s, None
        while True:
            try:
                job = self.get(job_id)
            except Unreachable:
                failing_since = failing_since or time.monotonic()
                if time.monotonic() - failing_since > self.outage_s:
                    raise
            else:
                failing_since = None
                if job["status"] not in UNFINISHED:
                    return job
                on_status(job["status"])
            if deadline is not None and time.monotonic() > deadline:
                raise JobFailed("not finished within --timeout; it keeps running on the server")
            if stop.wait(delay):
                raise JobFailed("interrupted; it keeps running on the server")
            delay = min(delay * 1.5, self.max_poll_s)

    def redacted_audio_url(self, job_id: str, stop: threading.Event | None = None) -> str:
        """The presigned URL of the beeped audio, once it is made (202 until then)."""
        stop = stop or threading.Event()
        for _ in range(60):  # 202 while the file is being made; it is ready once a job completed
            r = self._call("GET", f"/v2/transcript/{job_id}/redacted-audio", "redacted audio", ok=(200, 202))
            if r.status_code == 200:
                return r.json()["redacted_audio_url"]
            if stop.wait(1):
                raise JobFailed("interrupted")
        raise JobFailed("redacted audio: still not ready after 60 s")

    def redacted_audio(self, job_id: str, dest: Path, stop: threading.Event) -> None:
        url = self.redacted_audio_url(job_id, stop)
        try:  # a presigned S3 URL: no Authorization header, or S3 sees two signatures
            with self.session.get(url, timeout=(10, 300), stream=True) as got:
                if got.status_code != 200:
                    raise JobFailed(f"redacted audio download: HTTP {got.status_code}")
                write_whole(dest, got.iter_content(1 << 20))
        except requests.RequestException as exc:
            raise JobFailed(f"redacted audio download: {type(exc).__name__}") from None
