"""Last stage: the job is `completed` once every artifact it asked for is in S3. Then the
originals go: the unredacted transcript and the source audio are deleted unless the job asked
for `keep_unredacted` (or did not redact at all); a Symbl-style conversation keeps its transcript."""

from __future__ import annotations

from bleeper import artifacts
from bleeper.errors import ArtifactMissing
from bleeper.models import JobOptions, JobStatus, Probe
from bleeper.artifacts import job_key
from workers import context
from workers.app import stage
from bleeper.redaction.audio import video_container


def expected_artifacts(o: JobOptions, probe: Probe | None = None) -> list[str]:
    if not o.redact_pii:
        return [artifacts.SOURCE, artifacts.TRANSCRIPT]
    names = [artifacts.ENTITIES, artifacts.SKELETON, artifacts.REDACTED]
    if o.redact_pii_audio:
        names.append(artifacts.REDACTED_AUDIO[o.redact_pii_audio_quality])
    if o.redact_pii_video and probe is not None and probe.has_video:
        names.append(artifacts.redacted_video(video_container(probe)[0]))
    return names


def originals_to_delete(o: JobOptions, symbl: bool = False) -> list[str]:
    """A Symbl-style conversation keeps its transcript and speakers (sealed, bleeper/state/sealed.py)
    for read-time redaction, but not its audio: Symbl's API never hands audio back."""
    if symbl:
        return [artifacts.SOURCE]
    return [] if (not o.redact_pii or o.keep_unredacted) else [artifacts.TRANSCRIPT, artifacts.SOURCE]


@stage("finalize")
def finalize(job_id: str) -> None:
    store, storage = context.job_store(), context.storage()
    job = store.get(job_id)
    o = job.options
    for name in expected_artifacts(o, job.probe):
        if not storage.exists(job_key(job_id, name)):
            raise ArtifactMissing(f"the {name} artifact is missing; re-submit the job")
    for name in originals_to_delete(o, symbl=job.symbl is not None):
        storage.delete_prefix(job_key(job_id, name))
    # an upload may serve several jobs (as AssemblyAI's do): it goes with the retention sweep
    store.mark(job_id, JobStatus.completed)
    if job.probe:
        store.metrics.audio_seconds(job.probe.duration_s)
