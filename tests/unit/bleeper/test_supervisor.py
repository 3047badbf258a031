"""The local stack's supervisor (bleeper/stack/supervisor.py): a component that dies is started
again after its backoff, which doubles while it keeps dying and starts over once it stayed up;
what its dead main process left behind is killed; what `down` stopped stays stopped."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time

from bleeper.config import Settings
from bleeper.stack import Stack
from bleeper.stack.processes import stop
from bleeper.stack.programs import Component
from bleeper.stack.supervisor import STABLE_S, Supervisor, restarts

# a component with a child of its own in its process group, like the worker and its pool
SLEEPER = [sys.executable, "-c", "import subprocess, sys, time; "
           "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); time.sleep(60)"]


class OneSleeper(Stack):
    def components(self, workers: int | None = None) -> list[Component]:
        return [Component("sleeper", "-", SLEEPER, lambda: True)]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _group(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def _kill(stack: Stack) -> int:
    pid = stack.pid("sleeper")
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while stack.pid("sleeper") and time.monotonic() < deadline:
        time.sleep(0.05)
    return pid


def test_a_dead_component_comes_back_with_backoff_and_a_log_line(tmp_path, caplog):
    stack = OneSleeper(Settings(home=tmp_path, restart_backoff_max_s=3))
    for d in (stack.run_dir, stack.log_dir):
        d.mkdir(parents=True)
    clock = Clock()
    sup = Supervisor(stack, clock=clock)
    stack._start(stack.components()[0])
    try:
        time.sleep(0.3)  # its child is started
        sup.tick()
        assert restarts(stack) == {}

        first = _kill(stack)
        assert len(_group(first)) == 1  # the child lives on, orphaned
        with caplog.at_level(logging.WARNING, logger="bleeper.supervisor"):
            sup.tick()  # noticed: restart due in 1 s, leftovers killed
            assert stack.pid("sleeper") is None
            clock.now += 1
            sup.tick()
        assert stack.pid("sleeper") not in (None, first)
        assert restarts(stack) == {"sleeper": 1}
        time.sleep(0.2)
        assert _group(first) == []
        assert "sleeper is not running; starting it again in 1 s (restart 1)" in caplog.text

        _kill(stack)  # dies again at once: 2 s, then 3 s (the maximum)
        for delay in (2, 3):
            sup.tick()
            clock.now += delay - 0.5
            sup.tick()
            assert stack.pid("sleeper") is None
            clock.now += 0.5
            sup.tick()
            assert stack.pid("sleeper")
            if delay == 2:
                _kill(stack)
        assert restarts(stack) == {"sleeper": 3}

        clock.now += STABLE_S  # stayed up a minute: the next death waits 1 s again
        _kill(stack)
        sup.tick()
        clock.now += 1
        sup.tick()
        assert stack.pid("sleeper")
    finally:  # what `down` does to a component
        if stack.pid("sleeper"):
            stop(stack.pid("sleeper"))
        stack._pidfile("sleeper").unlink()
    sup.tick()  # its record is gone: nothing is started again
    assert stack.pid("sleeper") is None
