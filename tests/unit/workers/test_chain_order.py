"""The chain a job is published as: the job's state is settled before any webhook is sent."""

from __future__ import annotations

import pytest

from bleeper.models import Job, JobOptions
from workers.pipeline import build_chain


def steps(**options) -> list[str]:
    chain = build_chain(Job(id="a" * 32, owner="o", options=JobOptions(audio_url="https://example.com/a.mp3",
                                                                         **options)))
    return [t.task.removeprefix("bleeper.") + (f"({t.kwargs['event']})" if "event" in t.kwargs else "")
            for t in chain.tasks]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"redact_pii_audio": True, "verify": True, "webhook_url": "https://h.example.com/"},
         ["fetch", "transcribe", "detect", "redact_text", "redact_audio", "verify", "finalize",
          "notify(redacted_audio_ready)", "notify(completed)"]),
        ({"redact_pii_audio": True, "webhook_url": "https://h.example.com/"},
         ["fetch", "transcribe", "detect", "redact_text", "redact_audio", "finalize",
          "notify(redacted_audio_ready)", "notify(completed)"]),
        ({"webhook_url": "https://h.example.com/"},
         ["fetch", "transcribe", "detect", "redact_text", "finalize", "notify(completed)"]),
        ({"redact_pii": False}, ["fetch", "transcribe", "finalize"]),
    ],
)
def test_finalize_runs_before_the_webhooks_which_keep_their_order(options, expected):
    assert steps(**options) == expected
