"""Smoke test of `bench/calls.py --quick`: the shortest natural-voice call (made with the voices
of the `test` extra, cached under samples/voices/.cache/) goes through a private stack, and every
planted value comes back scored as readable, audible and recognised, without the console
showing any value.

The bench starts its own stack (own temp home and ports), so it runs as a subprocess. No time and
no recall is asserted: those are the bench's figures, not a behaviour.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bleeper.stack import port_free, weed_ports
from tests.integration.background import Background

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
LEVELS = {"full", "partial", "none"}


def test_calls_bench_quick_scores_every_planted_value(request: pytest.FixtureRequest) -> None:
    result = request.config.stash[Background.KEY]["calls"].result()  # started when collected
    assert result["_returncode"] == 0, result["_stdout"][-6000:]
    assert "results written to" in result["_stdout"]

    assert result["quick"] is True and result["ok"] is True
    assert result["request"]["redact_pii"] and result["request"]["redact_pii_audio"]
    assert {"person_name", "phone_number", "credit_card_number"} <= set(result["request"]["redact_pii_policies"])
    [call] = result["calls"]
    assert call["status"] == "completed" and call["variant"] != "flite"
    reference = json.loads((ROOT / "samples" / "voices" / f"{call['name']}.json").read_text())
    assert [(v["policy"], v["value"]) for v in call["values"]] == [(v["policy"], v["value"]) for v in reference["pii"]]

    for value in call["values"]:
        assert value["parts"]
        assert value["end_ms"] > value["start_ms"] >= 0
        for what in ("recognised", "readable", "audible"):
            assert value[what]["level"] in LEVELS
            assert set(value[what]["parts"]) == set(value["parts"])
            assert set(value[what]["parts"].values()) <= LEVELS
        assert isinstance(value["detected_as"], list)

    counts = call["counts"]
    assert counts["planted"] == len(call["values"])
    for what in ("recognised", "readable", "audible"):
        assert counts[what]["any"] == counts[what]["full"] + counts[what]["partial"] <= counts["planted"]
    assert call["recall"]["overall"]["planted"] == counts["planted"]
    assert 0 <= call["recall"]["overall"]["found_same"] <= call["recall"]["overall"]["found_any"] <= counts["planted"]
    assert 0 <= call["wer"]["wer"] < 1 and call["wer"]["reference_words"] > 100
    assert {"text_candidates", "audio_candidates"} <= set(call["verification"])
    assert result["overall"]["natural"]["planted"] == counts["planted"]

    # the console has counts, never a value (long parts only: short digits occur in timings)
    shown = result["_stdout"].lower()  # stdout and stderr
    for value in call["values"]:
        for part in value["parts"]:
            if (part.isalpha() and len(part) >= 4) or (part.isdigit() and len(part) >= 7):
                assert part not in shown, f"a {value['policy']} value shows in the console"

    # the bench stopped its stack: every port it used is free again
    ports = result["stack"]["ports"]
    used = [ports["redis"], ports["api"], ports["flower"], *weed_ports(ports["s3"]).values()]
    assert [p for p in used if not port_free(p)] == []
