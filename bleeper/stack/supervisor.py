"""The local stack's supervisor: starts again a component of `bleeper up` that dies, with backoff.

`bleeper up` starts it last (`python -m bleeper.stack.supervisor`) and `bleeper down` stops it
first. Every second it looks at the pids `up` recorded; a component whose process is gone (its
record still there, so `down` did not stop it) has what is left of its process group killed (a
killed worker's pool processes), waits its backoff and is started again with the same command
line, its new pid recorded where `up` keeps it. Restarts are counted in run/restarts.json for
`bleeper status`. The log names the component and the numbers, nothing else.

Bleeper's own rather than the `supervisor` package: it reuses the stack's command lines, pid
records and `down`, needs no configuration file, socket or extra dependency, and is ~150 lines.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from bleeper.config import Settings, get_settings
from bleeper.stack.launcher import QUEUES, Stack

log = logging.getLogger("bleeper.supervisor")

TICK_S = 1.0
FIRST_DELAY_S = 1.0
STABLE_S = 60.0  # up this long since its last start: the next death starts the backoff over


@dataclass
class Watch:
    """One component's restart bookkeeping."""

    delay: float = FIRST_DELAY_S
    started: float = field(default_factory=time.monotonic)
    due: float | None = None  # when it is to be started again
    restarts: int = 0


class Supervisor:
    def __init__(self, stack: Stack, workers: int | None = None, clock=time.monotonic) -> None:
        self.stack = stack
        self.workers = workers
        self.clock = clock
        self.max_delay = stack.settings.restart_backoff_max_s
        self.watches: dict[str, Watch] = {}
        self.stopping = False
        self.state_path = stack.run_dir / "restarts.json"

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        log.info("supervising %s", ", ".join(c.name for c in self.stack.components(self.workers)))
        while not self.stopping:
            self.tick()
            time.sleep(TICK_S)
        log.info("supervisor stopped")

    def tick(self) -> None:
        """Look at every component once: note the dead, start those whose backoff is over."""
        now = self.clock()
        for comp in self.stack.components(self.workers):
            watch = self.watches.setdefault(comp.name, Watch(started=now))
            record = self.stack._pidfile(comp.name)
            if not record.exists() or self.stack.pid(comp.name):
                continue  # never started by `up` (or stopped by `down`), or alive
            if watch.due is None:
                died_soon = watch.restarts and now - watch.started < STABLE_S
                watch.delay = min(watch.delay * 2, self.max_delay) if died_soon else FIRST_DELAY_S
                watch.due = now + watch.delay
                _kill_leftovers(record)
                log.warning("%s is not running; starting it again in %.0f s (restart %d)",
                            comp.name, watch.delay, watch.restarts + 1)
            if now < watch.due or self.stopping:
                continue
            with self.stack.starting():
                if self.stack.pid(comp.name) or not record.exists():
                    watch.due = None  # `up` started it meanwhile, or `down` stopped the stack
                    continue
                self.stack._start(comp)
            watch.restarts += 1
            watch.started, watch.due = self.clock(), None
            log.warning("%s started again (restart %d, pid %s)", comp.name, watch.restarts,
                        self.stack.pid(comp.name))
            self._save()

    def _save(self) -> None:
        state = {"restarts": {n: w.restarts for n, w in self.watches.items() if w.restarts},
                 "at": time.time()}
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state))
        tmp.replace(self.state_path)

    def _stop(self, *_: object) -> None:
        self.stopping = True


def _kill_leftovers(record: Path) -> None:
    """SIGKILL what is left of a dead component's process group (each component is started in
    a session of its own, so its group id is its pid; the group exists only while a member
    lives, so a pid reused since is not a group to kill)."""
    try:
        pid = json.loads(record.read_text())["pid"]
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError, KeyError, ValueError):
        pass


def restarts(stack: Stack) -> dict[str, int]:
    """Restarts per component since `bleeper up`, as the supervisor recorded them."""
    path = stack.run_dir / "restarts.json"
    try:
        return json.loads(path.read_text()).get("restarts", {})
    except (OSError, ValueError):
        return {}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bleeper.stack.supervisor")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--queues", default=QUEUES)
    args = parser.parse_args(argv)
    settings: Settings = get_settings()
    from bleeper import logs

    logs.configure(settings.log_level, settings.log_format)
    Supervisor(Stack(settings, queues=args.queues), workers=args.workers).run()


if __name__ == "__main__":
    main()
