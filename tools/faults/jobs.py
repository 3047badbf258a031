"""The suite's jobs as a client sees them: submitted over the API with the sample call (served by a
local file server) and a webhook to a local receiver that can refuse connections for a while, then
followed by polling the API until each ends."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from tools.faults.stack import peer_port
from tools.receiver import WebhookReceiver

ENDED = ("completed", "error")


class Receiver:
    """A webhook receiver on one fixed port that can be taken down (connections refused) and
    brought back; the calls of every incarnation in one list."""

    def __init__(self) -> None:
        self.port = peer_port()
        self._old: list[dict[str, Any]] = []
        self._live: WebhookReceiver | None = WebhookReceiver(port=self.port)
        self.url = self._live.url

    def refuse(self) -> None:
        if self._live is not None:
            self._old += self._live.calls
            self._live.close()  # the socket is closed: connect() is refused
            self._live = None

    def answer(self) -> None:
        if self._live is None:
            self._live = WebhookReceiver(port=self.port)

    @property
    def calls(self) -> list[dict[str, Any]]:
        return self._old + (list(self._live.calls) if self._live else [])

    def close(self) -> None:
        self.refuse()


class FileServer:
    """`python -m http.server` on an allowed port, serving the sample call to the fetch stage."""

    def __init__(self, sample: Path, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample, root / sample.name)
        port = peer_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                      "--directory", str(root)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{port}/{sample.name}"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if requests.head(self.url, timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("the file server did not answer")

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


@dataclass
class Job:
    id: str
    fault: str
    submitted: float  # time.monotonic()
    fault_at: float | None = None  # when the fault that concerns this job was injected
    recovered_at: float | None = None  # when the fault ended (component back, receiver answering)
    bound_s: float = 0.0  # "stuck" if not ended within this after fault_at
    ended_at: float | None = None
    status: str = "queued"
    error: str | None = None
    notes: dict[str, Any] = field(default_factory=dict)


class Tracker:
    """Submits jobs and follows them: a background thread polls GET /v2/transcript/{id} every
    second for every open job (errors while a component is down are just another poll)."""

    def __init__(self, api: str, key: str, audio_url: str, receiver: Receiver) -> None:
        self.api, self.auth, self.audio_url, self.receiver = api, {"Authorization": key}, audio_url, receiver
        self.jobs: list[Job] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def submit(self, fault: str, tries: int = 60) -> Job:
        body = {"audio_url": self.audio_url, "redact_pii": True, "redact_pii_audio": True,
                "webhook_url": self.receiver.url}
        for _ in range(tries):  # the API may be refusing while Redis is down: a client retries
            try:
                r = requests.post(f"{self.api}/v2/transcript", json=body, headers=self.auth, timeout=30)
                if r.ok:
                    break
            except requests.RequestException:
                pass
            time.sleep(1)
        else:
            raise RuntimeError(f"could not submit a job for {fault}")
        job = Job(r.json()["id"], fault, time.monotonic())
        with self._lock:
            self.jobs.append(job)
        return job

    def _poll(self) -> None:
        session = requests.Session()
        while not self._stop.is_set():
            with self._lock:
                open_jobs = [j for j in self.jobs if j.ended_at is None]
            for job in open_jobs:
                try:
                    body = session.get(f"{self.api}/v2/transcript/{job.id}", headers=self.auth, timeout=5).json()
                except (requests.RequestException, ValueError):
                    continue
                job.status = body.get("status", job.status)
                if job.status in ENDED:
                    job.ended_at, job.error = time.monotonic(), body.get("error")
            # a job that ended is still read at the end (final status: completed can turn to error)
            self._stop.wait(1.0)

    def final_status(self, job: Job) -> str | None:
        try:
            r = requests.get(f"{self.api}/v2/transcript/{job.id}", headers=self.auth, timeout=10)
            return r.json().get("status")
        except (requests.RequestException, ValueError):
            return None

    def wait(self, jobs: list[Job], until: float | None = None) -> None:
        """Until every job ended or its bound (after its fault) passed, or `until` (monotonic)."""
        while True:
            now = time.monotonic()
            waiting = [j for j in jobs if j.ended_at is None and now < (j.fault_at or j.submitted) + j.bound_s]
            if not waiting or (until is not None and now >= until):
                return
            time.sleep(0.5)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
