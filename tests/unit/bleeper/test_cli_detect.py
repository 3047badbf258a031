"""`bleeper detect`: the same detector as the pipeline, on JSON lines."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bleeper.cli import app

pytestmark = pytest.mark.slow


def test_detect_writes_one_line_per_input_with_spans_and_policies(tmp_path):
    lines = [{"id": "a", "text": "my social is 5 0 7, double 3, 8 1 6 0"}, {"id": "b", "text": "See you Thursday."}]
    result = CliRunner().invoke(app, ["detect"], input="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    [ssn] = out[0]["entities"]
    assert ssn["policy"] == "us_social_security_number" and lines[0]["text"][ssn["start"]:ssn["end"]].startswith("5 0 7")
    assert set(ssn) == {"start", "end", "policy", "score"}


def test_detect_rejects_a_line_without_text():
    result = CliRunner().invoke(app, ["detect"], input='{"id": 1}\n')
    assert result.exit_code == 2


def test_a_line_the_detector_raises_on_is_reported_and_the_rest_go_on(monkeypatch):
    import bleeper.detection

    real = bleeper.detection.find_pii

    def flaky(text, *args):
        if "boom" in text:
            raise KeyError(text)
        return real(text, *args)

    monkeypatch.setattr(bleeper.detection, "find_pii", flaky)
    lines = [{"id": "a", "text": "boom, said Sarah"}, {"id": "b", "text": "my social is 507-33-8160"}]
    result = CliRunner().invoke(app, ["detect"], input="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert out[0] == {"id": "a", "error": "detection failed (KeyError)"}
    assert out[1]["entities"] and "Sarah" not in result.output
