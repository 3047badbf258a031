"""Optional stage (`verify: true`): look for PII in what the job hands out.

Detection runs again on the redacted text (its skeleton: every value hashed, the rest as said),
and the redacted audio is transcribed once more and each redacted value is looked for in it,
near where it was said. Anything found is counted —
never stored — in the job's verification record; a job with findings is still `completed`, but
carries `verification_failed` so a compliance team sees it.
"""

from __future__ import annotations

import logging

from celery.canvas import Signature

from bleeper import artifacts, policies
from bleeper.artifacts import job_key
from bleeper.models import Entity, Transcript
from bleeper.redaction.verify import candidates, heard_again
from workers import context
from workers.app import stage
from workers.pieces import fan_out, joined

log = logging.getLogger("bleeper.verify")


@stage("verify")
def verify(job_id: str) -> Signature | None:
    """The redacted audio transcribed again, in pieces like the source; then `finish`."""
    job = context.job_store().get(job_id)
    o = job.options
    if not o.redact_pii_audio:
        finish(job_id)
        return None
    name = artifacts.REDACTED_AUDIO[o.redact_pii_audio_quality]
    return fan_out(job_id, name, "heard", job.language_code, verify_join.si(job_id), finish)


@stage("verify_join")
def verify_join(job_id: str) -> None:
    finish(job_id)


def finish(job_id: str) -> None:
    settings = context.settings()
    store, storage = context.job_store(), context.storage()
    job = store.get(job_id)
    o = job.options
    wanted = policies.wanted(o.redact_pii_policies, o.redact_pii_exclude)
    skeleton = Transcript.model_validate(storage.get_json(job_key(job_id, artifacts.SKELETON)))
    in_text = candidates(skeleton.text, context.analyzer(), wanted, settings.min_scores)
    in_audio: dict[str, int] = {}
    if o.redact_pii_audio:
        heard = joined(job_id, "heard")
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
