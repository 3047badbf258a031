"""The real local stack for integration tests: Redis, SeaweedFS, a Celery worker, API, Flower."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from bleeper.config import get_settings
from bleeper.media import ffmpeg_exe
from bleeper.stack import Stack
from tests.integration.background import RUNS, Background
from tools.receiver import WebhookReceiver


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.option.collectonly or Background.KEY in config.stash:
        return
    files = {item.path.name for item in items} & RUNS.keys()
    if files:
        config.stash[Background.KEY] = Background(files)
        # read last, so the benches run beside every other test instead of being waited for
        items[:] = sorted(items, key=lambda item: item.path.name in files)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if Background.KEY in session.config.stash:
        session.config.stash[Background.KEY].stop()


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    settings = get_settings()
    st = Stack(settings)
    try:
        st.up(timeout=180, echo=lambda _: None)
    except Exception:
        st.down(echo=lambda _: None)  # leave no process behind, even half a stack
        raise
    pids = {name: st.pid(name) for name in ("redis", "s3", "worker", "api", "flower")}
    yield st
    st.down(echo=lambda _: None)
    for name, pid in pids.items():
        assert pid is not None, f"{name} never started"
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2], (
            f"{name} (pid {pid}) still runs after down"
        )


@pytest.fixture(scope="session")
def api(stack: Stack) -> "Api":
    return Api(stack.settings.api_url, next(iter(stack.settings.api_keys())))


class Api:
    """A thin client for the v2 endpoints, as a customer would write it."""

    def __init__(self, base: str, key: str) -> None:
        self.base = base
        self.key = key
        self.headers = {"Authorization": key}

    def upload(self, path: Path) -> str:
        with open(path, "rb") as f:
            r = requests.post(f"{self.base}/v2/upload", data=f, headers=self.headers, timeout=60)
        r.raise_for_status()
        return r.json()["upload_url"]

    def submit(self, **body: Any) -> requests.Response:
        return requests.post(f"{self.base}/v2/transcript", json=body, headers=self.headers, timeout=30)

    def get(self, job_id: str, suffix: str = "") -> requests.Response:
        return requests.get(f"{self.base}/v2/transcript/{job_id}{suffix}", headers=self.headers, timeout=30)

    def wait(self, job_id: str, timeout: float = 300) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(job_id).json()
            if job["status"] in ("completed", "error"):
                return job
            time.sleep(0.3)
        raise AssertionError(f"job {job_id} still {job['status']} after {timeout} s")


@pytest.fixture
def receiver(allowed_port) -> Iterator[WebhookReceiver]:
    r = WebhookReceiver(port=allowed_port())
    yield r
    r.close()


@pytest.fixture(scope="module")
def make_receiver(allowed_port) -> Iterator:
    made: list[WebhookReceiver] = []

    def make(codes: list[int]) -> WebhookReceiver:
        made.append(WebhookReceiver(codes, port=allowed_port()))
        return made[-1]

    yield make
    for r in made:
        r.close()


@pytest.fixture(scope="session")
def short_call(tmp_path_factory: pytest.TempPathFactory, sample_call: Path) -> Path:
    """The sample's first 9 s (greeting and the caller's name): a fast job."""
    out = tmp_path_factory.mktemp("audio") / "short_call.mp3"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-i", str(sample_call), "-t", "9", "-c", "copy", str(out)],
                   check=True)
    return out


@pytest.fixture(scope="session")
def file_server(tmp_path_factory: pytest.TempPathFactory, allowed_port) -> Iterator[tuple[str, Path]]:
    """A plain HTTP server on 127.0.0.1 serving a directory, for audio_url tests."""
    root = tmp_path_factory.mktemp("served")
    proc = subprocess.Popen(
        [os.sys.executable, "-u", "-m", "http.server", str(allowed_port()), "--bind", "127.0.0.1", "--directory", str(root)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    line = proc.stdout.readline()  # "Serving HTTP on 127.0.0.1 port NNNNN ..."
    port = int(line.split(" port ")[1].split()[0])
    yield f"http://127.0.0.1:{port}", root
    proc.terminate()
    proc.wait(10)
