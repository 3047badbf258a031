"""Optional stage (`verify: true`): look for PII in what the job hands out.

Detection runs again on the redacted text (its skeleton: every value hashed, the rest as said),
and the redacted audio is transcribed once more and each redacted value is looked for in it,
near where it was said. Anything found is counted —
never stored — in the job's verification record; a job with findings is still `completed`, but
carries `verification_failed` so a compliance team sees it.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
import tempfile
from pathlib import Path

from bleeper import artifacts, policies
from bleeper.models import Entity, Transcript
from bleeper.artifacts import job_key
from workers import context
from workers.app import stage
from workers.detect import find_pii
from workers.recognizers.numbers import find_runs
from bleeper.asr import transcribe_audio

log = logging.getLogger("bleeper.verify")


# glue of spoken emails and addresses, and words too common to say a value was heard
_NOT_EVIDENCE = frozenset("at dot com net org the and sir mam for you your with".split())
SLACK_MS = 1500  # Whisper's word times are off by up to ~0.5 s, more around a beep


def _evidence(text: str) -> tuple[str, set[str]]:
    """The digits said in `text` (spoken or written, in order) and its content words."""
    digits = "".join(run.digits for run in find_runs(text) if not run.alnum)
    words = {w for w in re.findall(r"[^\W\d_]{3,}", text.lower()) if w not in _NOT_EVIDENCE}
    return digits, words


def heard_again(transcript: Transcript, entities: list[Entity], heard: Transcript) -> dict[str, int]:
    """Redacted values heard again in a transcription of the redacted audio, per policy: a value's
    content word, or 4 of its digits in a row (all of them if it has fewer), among the words heard
    within SLACK_MS of where it was said. This looks for the values themselves, so a word Whisper
    makes up around a beep ("Hi, my." where a name was) is not counted as a leak."""
    counts: dict[str, int] = {}
    starts, ends = [w.start for w in heard.words], [w.end for w in heard.words]
    for e in entities:
        digits, words = _evidence(transcript.text[e.start:e.end])
        # the words heard within SLACK_MS of it: one bisect slice, not a scan per entity (a long call
        # has thousands of words and hundreds of entities)
        near = " ".join(w.text for w in heard.words[bisect_left(ends, e.start_ms - SLACK_MS):
                                                      bisect_right(starts, e.end_ms + SLACK_MS)])
        near_digits, near_words = _evidence(near)
        n = min(4, len(digits))
        leaked = bool(words & near_words) or (n > 0 and any(digits[i:i + n] in near_digits
                                                             for i in range(len(digits) - n + 1)))
        if leaked:
            counts[e.policy] = counts.get(e.policy, 0) + 1
    return counts


def candidates(text: str, analyzer, wanted: tuple[str, ...],  # noqa: ANN001
               min_scores: dict[str, float] | None = None) -> dict[str, int]:
    """PII candidates per policy in a text, ignoring the redaction marks themselves, at the same
    thresholds as the detect stage."""
    counts: dict[str, int] = {}
    for f in find_pii(text, analyzer, wanted, min_scores):
        if text[f.start:f.end].strip("#-., []") == "":
            continue
        counts[f.policy] = counts.get(f.policy, 0) + 1
    return counts


@stage("verify")
def verify(job_id: str) -> None:
    settings = context.settings()
    store, storage = context.job_store(), context.storage()
    job = store.get(job_id)
    o = job.options
    wanted = policies.wanted(o.redact_pii_policies, o.redact_pii_exclude)
    analyzer = context.analyzer()
    skeleton = Transcript.model_validate(storage.get_json(job_key(job_id, artifacts.SKELETON)))
    in_text = candidates(skeleton.text, analyzer, wanted, settings.min_scores)
    in_audio: dict[str, int] = {}
    if o.redact_pii_audio:
        name = artifacts.REDACTED_AUDIO[o.redact_pii_audio_quality]
        with tempfile.TemporaryDirectory(prefix="bleeper-verify-") as tmp:
            audio = Path(tmp) / name
            storage.download(job_key(job_id, name), audio)
            heard = transcribe_audio(audio, context.whisper(), language=job.language_code,
                                     beam_size=settings.whisper_beam_size)
        said = Transcript.model_validate(storage.get_json(job_key(job_id, artifacts.TRANSCRIPT)))
        entities = [Entity.model_validate(e) for e in storage.get_json(job_key(job_id, artifacts.ENTITIES))]
        in_audio = heard_again(said, entities, heard)
    found = sum(in_text.values()) + sum(in_audio.values())
    store.update(job_id, verification={"text_candidates": sum(in_text.values()),
                                       "audio_candidates": sum(in_audio.values()),
                                       **{f"text:{p}": n for p, n in in_text.items()},
                                       **{f"audio:{p}": n for p, n in in_audio.items()}},
                 verification_failed=found > 0)
    log.info("job %s: verification found %d candidates (text %d, audio %d)", job_id, found,
             sum(in_text.values()), sum(in_audio.values()))
