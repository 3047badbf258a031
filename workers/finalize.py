"""Last stage: the job is `completed` once every artifact it asked for is in S3."""

from __future__ import annotations

from bleeper.errors import ArtifactMissing
from bleeper.models import JobStatus
from bleeper.storage import job_key
from workers import context
from workers.app import stage
from workers.redact_audio import QUALITIES


def expected_artifacts(redact_pii: bool, redact_audio: bool, quality: str) -> list[str]:
    names = ["source", "transcript.json"]
    if redact_pii:
        names += ["entities.json", "redacted.json"]
    if redact_audio:
        names.append(QUALITIES[quality][0])
    return names


@stage("finalize")
def finalize(job_id: str) -> None:
    store, storage = context.jobs(), context.storage()
    job = store.get(job_id)
    o = job.options
    for name in expected_artifacts(o.redact_pii, o.redact_pii_audio, o.redact_pii_audio_quality):
        if not storage.exists(job_key(job_id, name)):
            raise ArtifactMissing(f"the {name} artifact is missing; re-submit the job")
    store.mark(job_id, JobStatus.completed)
    if job.probe:
        store.metrics.audio_seconds(job.probe.duration_s)
