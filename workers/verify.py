"""Optional stage (`verify: true`): look for PII in what the job hands out.

Detection runs again on the redacted text (its skeleton: every value hashed, the rest as said),
and the redacted audio is transcribed once more and scanned too. Anything found is counted —
never stored — in the job's verification record; a job with findings is still `completed`, but
carries `verification_failed` so a compliance team sees it.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from bleeper import policies
from bleeper.config import get_settings
from bleeper.models import Transcript
from bleeper.storage import job_key
from workers import context
from workers.app import stage
from workers.detect import find_pii
from workers.redact_audio import QUALITIES
from workers.transcribe import transcribe_audio

log = logging.getLogger("bleeper.verify")


def candidates(text: str, analyzer, wanted: tuple[str, ...]) -> dict[str, int]:  # noqa: ANN001
    """PII candidates per policy in a text, ignoring the redaction marks themselves."""
    counts: dict[str, int] = {}
    for f in find_pii(text, analyzer, wanted):
        if text[f.start:f.end].strip("#-., []") == "":
            continue
        counts[f.policy] = counts.get(f.policy, 0) + 1
    return counts


@stage("verify")
def verify(job_id: str) -> None:
    settings = get_settings()
    store, storage = context.jobs(), context.storage()
    job = store.get(job_id)
    o = job.options
    wanted = policies.wanted(o.redact_pii_policies, o.redact_pii_exclude)
    analyzer = context.analyzer()
    skeleton = Transcript.model_validate(storage.get_json(job_key(job_id, "skeleton.json")))
    in_text = candidates(skeleton.text, analyzer, wanted)
    in_audio: dict[str, int] = {}
    if o.redact_pii_audio:
        name, _ = QUALITIES[o.redact_pii_audio_quality]
        with tempfile.TemporaryDirectory(prefix="bleeper-verify-") as tmp:
            audio = Path(tmp) / name
            storage.download(job_key(job_id, name), audio)
            heard = transcribe_audio(audio, context.whisper(), language=job.language_code,
                                     beam_size=settings.whisper_beam_size)
        in_audio = candidates(heard.text, analyzer, wanted)
    found = sum(in_text.values()) + sum(in_audio.values())
    store.update(job_id, verification={"text_candidates": sum(in_text.values()),
                                       "audio_candidates": sum(in_audio.values()),
                                       **{f"text:{p}": n for p, n in in_text.items()},
                                       **{f"audio:{p}": n for p, n in in_audio.items()}},
                 verification_failed=found > 0)
    log.info("job %s: verification found %d candidates (text %d, audio %d)", job_id, found,
             sum(in_text.values()), sum(in_audio.values()))
