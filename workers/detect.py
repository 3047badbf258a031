"""Stage 3: Presidio on the transcript → entities.json (policy, char span, time span, score)."""

from __future__ import annotations

import logging

from bleeper import artifacts, policies
from bleeper.artifacts import job_key
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
    min_scores = context.settings().min_scores
    found = detect_pii(transcript, context.analyzer(),
                       policies.wanted(job.options.redact_pii_policies, job.options.redact_pii_exclude), min_scores)
    storage.put_json(job_key(job_id, artifacts.ENTITIES), [e.model_dump() for e in found])
    store.update(job_id, entity_count=len(found), min_scores=min_scores)
    log.info("job %s: %d entities", job_id, len(found))
