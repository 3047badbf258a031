"""Stage 4: the transcript with every entity substituted → skeleton.json and redacted.json.

The skeleton is the transcript in `hash` style: same length, same offsets, every letter and digit
of a value turned into `#`. It holds no PII and is kept for the job's whole life, so any other
style (read-time `sub=`) renders from it without the original text, which is deleted once the job
is done unless the job asked for `keep_unredacted`.
"""

from __future__ import annotations

from bleeper import artifacts
from bleeper.artifacts import job_key
from bleeper.models import Entity, Transcript
from bleeper.redaction.text import document, job_style, skeleton, with_pseudonyms
from workers import context
from workers.app import stage


@stage("redact_text")
def redact_text(job_id: str) -> None:
    store, storage = context.job_store(), context.storage()
    job = store.get(job_id)
    transcript = Transcript.model_validate(storage.get_json(job_key(job_id, artifacts.TRANSCRIPT)))
    entities = [Entity.model_validate(e) for e in storage.get_json(job_key(job_id, artifacts.ENTITIES))]
    entities = with_pseudonyms(transcript, entities)
    storage.put_json(job_key(job_id, artifacts.ENTITIES), [e.model_dump() for e in entities])
    bones = skeleton(transcript, entities)
    storage.put_json(job_key(job_id, artifacts.SKELETON), bones.model_dump())
    storage.put_json(job_key(job_id, artifacts.REDACTED), document(bones, entities, job_style(job.options)))
