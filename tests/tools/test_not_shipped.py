"""tools/ is for development only: not installed, not in the image, imported by no shipped module."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("bleeper", "workers", "webhooks")


def test_the_package_list_and_the_image_leave_tools_out():
    include = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    assert not [p for p in include if p.startswith("tools")]
    copies = [line.split()[1] for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("COPY")]
    assert not [c for c in copies if c.startswith("tools")]


@pytest.mark.parametrize("package", SHIPPED)
def test_no_shipped_module_imports_tools(package):
    importers = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            if any(n == "tools" or n.startswith("tools.") for n in names):
                importers.append(str(path.relative_to(ROOT)))
    assert importers == []


def test_the_tools_commands_run_from_the_repository_root():
    proc = subprocess.run([sys.executable, "-m", "tools", "--help"], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert all(command in proc.stdout for command in ("demo", "bench", "eval-pii"))
