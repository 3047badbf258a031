"""Smoke test of bench/detect_speed.py: it runs and writes a well-formed results file.

No figure is asserted: speed is the benchmark's business, not the suite's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # loads the spaCy model

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "detect_speed.py"


def test_detect_speed_writes_both_call_lengths(tmp_path):
    out = tmp_path / "detect_speed.json"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--runs", "1", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(out.read_text())
    assert [s["minutes"] for s in result["sizes"]] == [5, 20]
    for size in result["sizes"]:
        assert size["words"] >= size["minutes"] * 150
        assert size["entities"] > 0 and size["detect_median_s"] > 0 and size["redact_text_median_s"] > 0
        assert size["chars_per_s_detect_and_redact"] > 0
    assert result["chars_per_s_detect_and_redact"] == min(s["chars_per_s_detect_and_redact"] for s in result["sizes"])
    assert result["machine"]["cpus_used"] == 1
