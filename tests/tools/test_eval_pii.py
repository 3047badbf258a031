"""`python -m tools eval-pii`: the pipeline's detector scored on a labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tools.cli import app

pytestmark = pytest.mark.slow
EVAL = Path(__file__).resolve().parents[2] / "eval" / "hard_calls.jsonl"


def test_eval_pii_prints_scores_and_writes_them(tmp_path):
    sample = tmp_path / "set.jsonl"
    sample.write_text("\n".join(EVAL.read_text().splitlines()[:40]) + "\n")
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(app, ["eval-pii", str(sample), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "recall" in result.output and "left visible" in result.output
    scores = json.loads(out.read_text())
    assert 0 <= scores["overall"]["recall_any"] <= 1 and "policies" in scores
    assert scores["overall"]["crashes"] == 0 and "crashes: 0" in result.output
