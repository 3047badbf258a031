"""Stage 3: Presidio on the transcript → entities.json (policy, char span, time span, score)."""

from __future__ import annotations

import logging

from bleeper import artifacts, policies
from bleeper.artifacts import job_key
from bleeper.custom import definitions
from bleeper.detection import detect_pii
from bleeper.models import Transcript
from workers import context
from workers.app import stage

log = logging.getLogger("bleeper.detect")


@stage("detect")
def detect(job_id: str) -> None:
    store, storage = context.job_store(), context.storage()
    job = store.get(job_id)
    transcript = Transcript.model_validate(storage.get_json(job_key(job_id, artifacts.TRANSCRIPT)))
    settings, o = context.settings(), job.options
    min_scores = settings.min_scores
    # a custom pattern over its timeout stops the job (DetectionFailed): never an entity skipped
    found = detect_pii(transcript, context.analyzer(), policies.wanted(o.redact_pii_policies, o.redact_pii_exclude),
                       min_scores, custom=definitions.wanted(o.redact_pii_custom_entities, o.redact_pii_exclude),
                       pattern_timeout=settings.custom_pattern_timeout,
                       shown=definitions.excluded(o.redact_pii_custom_entities, o.redact_pii_exclude))
    storage.put_json(job_key(job_id, artifacts.ENTITIES), [e.model_dump() for e in found])
    store.update(job_id, entity_count=len(found), min_scores=min_scores)
    log.info("job %s: %d entities", job_id, len(found))
