"""The local stack's `Stack`: which components run with these settings, brought up in order and
each waited for, brought down in reverse, and their status."""

from __future__ import annotations

import fcntl
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bleeper import queues
from bleeper.config import Settings
from bleeper.credentials import ensure_generated_credentials
from bleeper.stack import processes
from bleeper.stack.programs import Component, StackError, http_ok, port_free, redis_server_exe, weed_exe, weed_ports

QUEUES = ",".join(queues.QUEUES)


class Stack:
    def __init__(self, settings: Settings, queues: str = QUEUES) -> None:
        self.settings = settings
        self.queues = queues
        self.home = settings.home_dir
        self.run_dir = self.home / "run"
        self.log_dir = self.home / "logs"
        self.worker_name = f"bleeper-{settings.redis_port}-{settings.api_port}@{socket.gethostname()}"
        self._procs: dict[str, subprocess.Popen] = {}  # what this `up` started, for _wait

    # --- what runs ------------------------------------------------------------------------------

    def components(self, workers: int | None = None) -> list[Component]:
        s = self.settings
        py = sys.executable
        comps: list[Component] = []
        if not s.redis_url:
            comps.append(Component(
                "redis", s.redis_address,
                # every write on disk before Redis answers: a message published just before a
                # kill -9 is not lost, so a job the API called queued is on its queue
                [redis_server_exe(), "--bind", "127.0.0.1", "--port", str(s.redis_port), "--dir",
                 str(self.home / "redis"), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                 "--protected-mode", "yes"],
                self._redis_ready, (s.redis_port,),
            ))
        if not s.s3_endpoint_url:
            ports = weed_ports(s.s3_port)
            sock = self.home / "s3"
            comps.append(Component(
                "s3", s.s3_url,
                [weed_exe(), "mini", f"-dir={self.home / 's3' / 'data'}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                 "-master.telemetry=false", "-webdav=false", "-admin.ui=false", "-s3.port.iceberg=0",
                 "-s3.port.lance=0", f"-filer.localSocket={sock / 'filer.sock'}",
                 f"-s3.localSocket={sock / 's3.sock'}", f"-s3.config={sock / 'identities.json'}",
                 *(f"-{k}={v}" for k, v in ports.items())],
                lambda: http_ok(s.s3_url, any_status=True), tuple(ports.values()),
            ))
        comps.append(Component(
            "worker", f"celery worker {self.worker_name} on queues {self.queues}",
            [py, "-m", "celery", "-A", "workers.app", "worker", "-Q", self.queues, "-n", self.worker_name,
             "-c", str(workers or s.worker_concurrency), "--loglevel", s.log_level, "--without-mingle",
             "--without-gossip", "-B", "-s", str(self.home / "run" / "beat-schedule")],
            self._worker_ready,
        ))
        comps.append(Component(
            "api", s.api_url,
            [py, "-m", "uvicorn", "bleeper.api.app:create_app", "--factory", "--host", s.api_host,
             "--port", str(s.api_port), "--no-server-header", "--no-access-log", "--log-level", "warning"],
            lambda: http_ok(f"{s.api_url}/health"), (s.api_port,),
        ))
        comps.append(Component(
            "flower", f"http://127.0.0.1:{s.flower_port}",
            [py, "-m", "celery", "-A", "workers.app", "flower", "--address=127.0.0.1",
             f"--port={s.flower_port}"],
            lambda: http_ok(f"http://127.0.0.1:{s.flower_port}/healthcheck"), (s.flower_port,),
            env={"FLOWER_BASIC_AUTH": s.flower_auth()},
        ))
        return comps

    # --- pid bookkeeping ------------------------------------------------------------------------

    def _pidfile(self, name: str) -> Path:
        return self.run_dir / f"{name}.json"

    def pid(self, name: str) -> int | None:
        """The recorded pid if that very process still runs (not a reused pid)."""
        return processes.running_pid(self._pidfile(name))

    # --- up / down / status ---------------------------------------------------------------------

    def up(self, workers: int | None = None, timeout: float = 120, echo: Callable[[str], None] = print) -> None:
        s = self.settings
        for d in (self.run_dir, self.log_dir, self.home / "redis", self.home / "s3" / "data"):
            d.mkdir(parents=True, exist_ok=True)
        creds_path = ensure_generated_credentials(s)
        self._write_s3_identities()
        if s.s3_endpoint_url:
            self._prepare_bucket()
        with self.starting():  # the supervisor starts nothing meanwhile
            self._start_missing(workers, timeout, echo)
        if s.supervise:
            self._supervise(workers, echo)
        key_hint = "BLEEPER_API_KEY" if s.api_key else f"api_key in {creds_path}"
        echo(f"API key: {key_hint}; Flower login: {s.flower_user} / flower_password in {creds_path}")

    def _start_missing(self, workers: int | None, timeout: float, echo: Callable[[str], None]) -> None:
        for comp in self.components(workers):
            if self.pid(comp.name):
                echo(f"{comp.name:7} already running   {comp.url}")
                continue
            busy = [p for p in comp.ports if not port_free(p)]
            if busy:
                raise StackError(f"{comp.name}: port {busy[0]} is in use; choose other ports (README, Configuration)")
            self._start(comp)
            self._wait(comp, timeout)
            if comp.name == "s3":
                self._prepare_bucket()
            echo(f"{comp.name:7} up                {comp.url}")

    def _supervise(self, workers: int | None, echo: Callable[[str], None]) -> None:
        """Leave bleeper.stack.supervisor running: it starts again what dies (README, Reliability)."""
        comp = self._supervisor(workers)
        if self.pid(comp.name):
            echo(f"{comp.name:7} already running   {comp.url}")
            return
        self._start(comp)
        echo(f"{comp.name:7} up                {comp.url}")

    def _supervisor(self, workers: int | None = None) -> Component:
        return Component("supervisor", "restarts what dies (logs/supervisor.log)",
                         [sys.executable, "-m", "bleeper.stack.supervisor", "--queues", self.queues,
                          *(["--workers", str(workers)] if workers else [])], lambda: True)

    @contextmanager
    def starting(self) -> Iterator[None]:
        """Held while `up` or the supervisor starts components, so they never both start one."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        with open(self.run_dir / "start.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def down(self, echo: Callable[[str], None] = print) -> None:
        # the supervisor first, or it would start again what is being stopped
        for name in ("supervisor", "flower", "api", "worker", "s3", "redis"):
            pid = self.pid(name)
            if pid:
                processes.stop(pid)
                echo(f"{name:7} stopped")
            self._pidfile(name).unlink(missing_ok=True)
        (self.run_dir / "restarts.json").unlink(missing_ok=True)

    def status(self) -> dict[str, tuple[bool, str]]:
        comps = self.components() + ([self._supervisor()] if self.settings.supervise else [])
        return {c.name: (self.pid(c.name) is not None, c.url) for c in comps}

    # --- helpers --------------------------------------------------------------------------------

    def _start(self, comp: Component) -> None:
        env = {**os.environ, **processes.settings_env(self.settings), "BLEEPER_HOME": str(self.home),
               "PYTHONUNBUFFERED": "1", **(comp.env or {})}
        env = {k: v for k, v in env.items() if v is not None}
        self._procs[comp.name] = processes.start(comp.argv, env, self.log_dir / f"{comp.name}.log", self.home,
                                                 self._pidfile(comp.name))

    def _wait(self, comp: Component, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        proc = self._procs[comp.name]
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise StackError(f"{comp.name} exited with {proc.returncode}; see {self.log_dir / comp.name}.log")
            if comp.ready():
                return
            time.sleep(0.25)
        raise StackError(f"{comp.name} did not answer within {timeout:.0f} s; see {self.log_dir / comp.name}.log")

    def _write_s3_identities(self) -> None:
        access, secret = self.settings.s3_credentials()
        path = self.home / "s3" / "identities.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        identities = {"identities": [{"name": "bleeper", "credentials": [{"accessKey": access, "secretKey": secret}],
                                      "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(identities, f)

    def _prepare_bucket(self) -> None:
        from bleeper.state.storage import make_storage

        make_storage(self.settings).ensure_bucket(self.settings.retention)

    def _redis_ready(self) -> bool:
        import redis

        try:
            return bool(redis.Redis.from_url(self.settings.redis_address, socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def _worker_ready(self) -> bool:
        from celery import Celery

        probe = Celery(broker=self.settings.celery_broker_url)
        try:
            replies = probe.control.ping(destination=[self.worker_name], timeout=1.0)
        except Exception:  # noqa: BLE001 — broker not answering yet
            return False
        finally:
            probe.close()
        return any(self.worker_name in r for r in replies)
