"""Read-time redaction (✚): render a finished job again with another style or exclusions.

Another style (`sub=`) renders from the skeleton (the transcript with every value already
hashed), so it never needs the original text. Showing values — `redact=false`, or `exclude=`
policies — needs the original transcript, which exists only when the job was created with
`keep_unredacted: true`; every such read is recorded in the job's audit.
"""

from __future__ import annotations

import json
import time
from typing import Any

from bleeper import artifacts, policies
from bleeper.custom import definitions
from bleeper.artifacts import job_key
from bleeper.errors import ArtifactMissing, Gone, InvalidRequest
from bleeper.models import Entity, Job, Substitution, Transcript
from bleeper.redaction.text import Style, document
from bleeper.state.jobs import JobStore
from bleeper.state.storage import Storage


def parse_exclude(raw: str | None, custom: set[str] | frozenset[str] = frozenset()) -> list[str]:
    if not raw:
        return []
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = [p.strip() for p in raw.split(",") if p.strip()]
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise InvalidRequest('exclude: give a JSON list of policies (exclude=["location"]) or a comma list')
    return list(policies.validate(value, field="exclude", custom=custom))


def render_for_read(storage: Storage, store: JobStore, job: Job, owner: str, redact: bool | None,
                    exclude_raw: str | None, sub: str | None) -> dict[str, Any]:
    if not job.readable:
        raise InvalidRequest(f"transcript {job.id} is {job.status.value}; read-time redaction needs a completed one")
    if not job.options.redact_pii:
        raise InvalidRequest("this transcript was made with redact_pii false: there is nothing to render")
    if sub is not None and sub not in set(Substitution):
        raise InvalidRequest(f"sub: unknown style; styles are {', '.join(Substitution)}")
    style = Style(Substitution(sub or job.options.redact_pii_sub), dict(job.options.redact_pii_custom or {}))
    exclude = parse_exclude(exclude_raw, definitions.names(job.options.redact_pii_custom_entities))
    try:
        entities = [Entity.model_validate(e) for e in storage.get_json(job_key(job.id, artifacts.ENTITIES))]
        if redact is False or exclude:
            if not job.options.keep_unredacted:
                raise InvalidRequest("unredacted text was not kept for this transcript: create the job with "
                                     "keep_unredacted true to read it with redact=false or exclude")
            source = Transcript.model_validate(storage.get_json(job_key(job.id, artifacts.TRANSCRIPT)))
            shown = [] if redact is False else [e for e in entities if e.policy not in set(exclude)
                                                 and not (definitions.is_custom(e.policy)
                                                          and definitions.name_of(e.policy) in exclude)]
            action = "read unredacted" if redact is False else f"read excluding {','.join(exclude)}"
            read = {"at": time.time(), "action": action, "by": owner}
            store.change(job.id, lambda current: {"audit": [*current.audit, read]})
        else:
            source = Transcript.model_validate(storage.get_json(job_key(job.id, artifacts.SKELETON)))
            shown = entities
    except ArtifactMissing as exc:
        raise Gone(f"transcript {job.id} expired; its data was deleted") from exc
    return document(source, shown, style)
