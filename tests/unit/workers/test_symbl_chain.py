"""A text conversation skips fetch and transcribe; a Symbl-style conversation keeps its (sealed)
transcript but not its audio when it is finalized."""

from __future__ import annotations

from bleeper import artifacts
from bleeper.models import Job, JobOptions, SymblRecord
from workers.finalize import originals_to_delete
from workers.pipeline import build_chain


def steps(kind: str, webhook: bool) -> list[str]:
    job = Job(id="a" * 32, owner="symbl:o",
              options=JobOptions(audio_url="https://example.com/a.mp3", keep_unredacted=True,
                                 webhook_url="https://h.example.com/" if webhook else None),
              symbl=SymblRecord(job_id="j", kind=kind))
    return [t.task.removeprefix("bleeper.") + (f"({t.kwargs['event']})" if "event" in t.kwargs else "")
            for t in build_chain(job).tasks]


def test_a_text_conversation_runs_only_detection_redaction_and_finalize():
    assert steps("text", webhook=True) == ["begin_text", "detect", "redact_text", "finalize", "notify(completed)"]


def test_an_audio_conversation_runs_the_whole_pipeline():
    assert steps("audio", webhook=False) == ["fetch", "transcribe", "detect", "redact_text", "finalize"]


def test_a_conversation_keeps_its_transcript_but_not_its_audio():
    o = JobOptions(audio_url="https://example.com/a.mp3", keep_unredacted=True)

    assert originals_to_delete(o, symbl=True) == [artifacts.SOURCE]
    assert originals_to_delete(o) == []
    assert originals_to_delete(JobOptions(audio_url="https://example.com/a.mp3")) == [artifacts.TRANSCRIPT,
                                                                                      artifacts.SOURCE]
