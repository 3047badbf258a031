"""The layers point down (pyproject's import-linter contracts) and modules stay small enough to
read whole: the architecture the README draws is the one the code has."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bleeper", "workers", "webhooks", "tools")
MAX_LINES = 300  # STYLE.md: keep modules under ~300 lines


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


@pytest.mark.parametrize("path", sorted(p.relative_to(ROOT).as_posix() for package in PACKAGES
                                        for p in (ROOT / package).rglob("*.py")))
def test_a_module_stays_under_three_hundred_lines(path):
    lines = (ROOT / path).read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path} has {lines} lines; split it by concern"


def test_test_file_names_are_unique():
    # pytest imports test files by basename here (no __init__ files): two of a name break the
    # collection of the whole suite (a unit and an integration test_pipeline.py did)
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert sorted({n for n in names if names.count(n) > 1}) == []
