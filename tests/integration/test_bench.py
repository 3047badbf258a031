"""Smoke test of `python -m tools bench --quick`: it runs end to end and writes well-formed results.

The bench starts its own stack (own temp home and ports, not the suite's), so it runs as a
subprocess: it rewrites BLEEPER_* in its own process, which must not leak into the suite's.
It starts in the background when collected (tests/integration/background.py). No timed assertions:
the figures depend on the machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bleeper.stack import port_free, weed_ports
from tests.integration.background import Background
from tools.bench import STAGES

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def test_bench_quick_writes_well_formed_results(request: pytest.FixtureRequest) -> None:
    result = request.config.stash[Background.KEY]["bench"].result()  # started when collected
    assert result["_returncode"] == 0, result["_stdout"][-6000:]
    assert "results written to" in result["_stdout"]

    assert result["quick"] is True and result["runs"] == 1 and result["ok"] is True and result["failures"] == []
    assert result["machine"]["cores"] >= 1
    for key in ("whisper_model", "compute_type", "cpu_threads", "beam_size"):
        assert result["settings"][key] not in (None, "")
    assert result["settings"]["worker_concurrency"] == 1
    for package in ("python", "faster-whisper", "ctranslate2", "presidio-analyzer"):
        assert result["versions"][package]

    files = result["files"]
    assert [f["name"] for f in files] == ["sample_call.mp3", "call_1min.mp3"]
    for f in files:
        assert f["duration_s"] > 40
        assert f["runs"] == {"bare_asr": 1, "job": 1, "job_completed": 1}
        assert len(f["bare_asr"]["wall_s"]) == 1 and len(f["job"]["wall_s"]) == 1
        assert f["job"]["statuses"] == ["completed"] and f["job"]["errors"] == []
        assert f["bare_asr"]["median_s"] > 0 and f["job"]["median_s"] > 0
        assert f["overhead_ratio"] > 0 and f["bare_asr"]["rtf"] > 0 and f["job"]["rtf"] > 0
        assert f["bare_asr"]["words"] > 0
        assert set(STAGES) <= set(f["job"]["stages_s"])
        assert all(v >= 0 for v in f["job"]["stages_s"].values())
        share = f["job"]["stage_share"]
        assert {*STAGES, "other"} <= set(share)
        assert 0 < share["transcribe"] <= 1
        assert f["worker_peak_rss_mb"] > 0 and f["bare_asr"]["peak_rss_mb"] > 0

    # the bench stopped its stack: every port it used is free again
    ports = result["stack"]["ports"]
    used = [ports["redis"], ports["api"], ports["flower"], *weed_ports(ports["s3"]).values()]
    assert [p for p in used if not port_free(p)] == []
