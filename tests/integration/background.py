"""Work that runs beside the integration tests rather than in line with them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


class BackgroundFaults:
    """`bench/faults.py --quick` (test_faults.py's subject) running beside the other tests, once
    on the stack's Redis as the broker and once on the machine's RabbitMQ (`--rabbitmq`, which
    writes why it skipped where there is none).

    The quick fault suite spends most of its five minutes waiting (a lost task's visibility
    timeout, outages, a last watch for late webhooks) on a stack of its own (own home, ports and
    peers: tools/faults/stack.py), so it starts as soon as its tests are collected and
    test_faults.py reads its result when its turn comes. Its timings are figures, never asserted.
    """

    KEY = pytest.StashKey[dict[str, "BackgroundFaults"]]()
    BROKERS = ("redis", "rabbitmq")

    def __init__(self, broker: str) -> None:
        folder = Path(tempfile.mkdtemp(prefix=f"bleeper-test-faults-{broker}-"))
        self.out, self.log = folder / "faults.json", folder / "faults.log"
        argv = [sys.executable, str(ROOT / "bench" / "faults.py"), "--quick", "--out", str(self.out)]
        with open(self.log, "wb") as log:
            # a session of its own: stop() signals the suite and nothing else
            self.proc = subprocess.Popen(argv + (["--rabbitmq"] if broker == "rabbitmq" else []), stdout=log,
                                         stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)

    def result(self, timeout: float = 1500) -> dict[str, Any]:
        self.proc.wait(timeout=timeout)
        stdout = self.log.read_text(errors="replace")
        assert self.out.exists(), f"no results\n{stdout[-6000:]}"
        return {**json.loads(self.out.read_text()), "_stdout": stdout}

    def stop(self) -> None:
        """Interrupt a suite still running (its tests deselected or the session stopped): Ctrl-C
        lets it take its stack down; whatever is left after a minute is killed."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
