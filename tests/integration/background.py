"""Work that runs beside the integration tests rather than in line with them.

Three of the suite's subjects are benches that start a stack of their own and run as
subprocesses: `bench/faults.py --quick` (test_faults.py, once on the stack's Redis as the broker
and once on the machine's RabbitMQ), `python -m tools bench --quick` (test_bench.py) and
`bench/calls.py --quick` (test_calls_bench.py). Run in line, the suite waited on each of them for
minutes with a core idle (the unit tests run on one). So each starts as soon as its test file is
collected, and its tests, ordered last, read the result when their turn comes. The fault suites
spend most of their time waiting (a lost task's visibility timeout, outages), so both start at
once; the two smoke benches transcribe all the time, so they take turns in one lane.
Their timings are figures, never asserted.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

# test file → the runs it reads, by name → (argv after the interpreter, lane); runs in one lane
# take turns, each lane starts at once
RUNS: dict[str, dict[str, tuple[list[str], str]]] = {
    "test_faults.py": {
        "faults:redis": ([str(ROOT / "bench" / "faults.py"), "--quick"], "faults:redis"),
        # writes why it skipped where there is no RabbitMQ
        "faults:rabbitmq": ([str(ROOT / "bench" / "faults.py"), "--quick", "--rabbitmq"], "faults:rabbitmq"),
    },
    "test_bench.py": {"bench": (["-m", "tools", "bench", "--quick"], "smoke")},
    "test_calls_bench.py": {"calls": ([str(ROOT / "bench" / "calls.py"), "--quick"], "smoke")},
}


class BackgroundRun:
    """One bench subprocess, started when its lane is free; `result()` waits for it."""

    def __init__(self, name: str, argv: list[str]) -> None:
        folder = Path(tempfile.mkdtemp(prefix=f"bleeper-test-{name.replace(':', '-')}-"))
        self.out, self.log = folder / "out.json", folder / "out.log"
        self.argv = [sys.executable, *argv, "--out", str(self.out)]
        self.proc: subprocess.Popen | None = None
        self.started = threading.Event()

    def start(self) -> None:
        with open(self.log, "wb") as log:
            # a session of its own: stop() signals the bench and nothing else
            self.proc = subprocess.Popen(self.argv, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                                         start_new_session=True)
        self.started.set()

    def wait(self, timeout: float | None = None) -> None:
        self.started.wait()
        assert self.proc is not None
        self.proc.wait(timeout=timeout)

    def result(self, timeout: float = 1800) -> dict[str, Any]:
        """The bench's JSON, with its console output (`_stdout`) and exit code (`_returncode`)."""
        self.started.wait(timeout)
        assert self.proc is not None, "the run never started"
        self.proc.wait(timeout=timeout)
        stdout = self.log.read_text(errors="replace")
        assert self.out.exists(), f"no results (exit {self.proc.returncode})\n{stdout[-6000:]}"
        return {**json.loads(self.out.read_text()), "_stdout": stdout, "_returncode": self.proc.returncode}

    def stop(self) -> None:
        """Interrupt a bench still running (its tests deselected or the session stopped): Ctrl-C
        lets it take its stack down; whatever is left after a minute is killed."""
        self.started.set()  # a lane not yet at this run starts nothing more (see Background.stop)
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


class Background:
    """The runs of the collected test files, each lane a thread starting its runs in turn."""

    KEY = pytest.StashKey["Background"]()

    def __init__(self, files: set[str]) -> None:
        self.runs: dict[str, BackgroundRun] = {}
        lanes: dict[str, list[BackgroundRun]] = {}
        for file in sorted(files & RUNS.keys()):
            for name, (argv, lane) in RUNS[file].items():
                self.runs[name] = run = BackgroundRun(name, argv)
                lanes.setdefault(lane, []).append(run)
        self.stopping, self.lock = False, threading.Lock()
        for runs in lanes.values():
            threading.Thread(target=self._lane, args=(runs,), daemon=True).start()

    def _lane(self, runs: list[BackgroundRun]) -> None:
        for run in runs:
            with self.lock:
                if self.stopping:
                    return
                run.start()
            run.wait()

    def __getitem__(self, name: str) -> BackgroundRun:
        return self.runs[name]

    def stop(self) -> None:
        with self.lock:
            self.stopping = True
        for run in self.runs.values():
            run.stop()
