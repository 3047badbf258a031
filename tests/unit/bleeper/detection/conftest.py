"""Shared by the detection tests: how much work a call does, counted rather than timed."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest


def _lines_run(call: Callable[[], Any]) -> int:
    """The Python lines executed by ``call()``: a count of work that does not depend on how busy
    the machine is, so growth with the input can be compared without timing anything."""
    count = 0

    def trace(frame, event, arg):  # noqa: ANN001, ANN202, ARG001
        nonlocal count
        if event == "line":
            count += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count


@pytest.fixture
def lines_run() -> Callable[[Callable[[], Any]], int]:
    return _lines_run
