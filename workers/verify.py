"""Optional stage (`verify: true`): look for PII in what the job hands out.

Detection runs again on the redacted text (its skeleton: every value hashed, the rest as said),
and the redacted audio is transcribed once more and each redacted value is looked for in it,
near where it was said. Anything found is counted —
never stored — in the job's verification record; a job with findings is still `completed`, but
carries `verification_failed` so a compliance team sees it.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from bleeper import artifacts, policies
from bleeper.artifacts import job_key
from bleeper.asr import transcribe_audio
from bleeper.models import Entity, Transcript
from bleeper.redaction.verify import candidates, heard_again
from workers import context
from workers.app import stage

log = logging.getLogger("bleeper.verify")


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
