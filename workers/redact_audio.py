"""Stage 5: the beeped audio (and video) → redacted_audio.* (and redacted_video.*)."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from bleeper import artifacts
from bleeper.artifacts import job_key
from bleeper.errors import MediaError
from bleeper.models import Entity
from bleeper.redaction.audio import CONTENT_TYPES, plan_intervals, render_audio, render_video, video_container
from workers import context
from workers.app import stage

log = logging.getLogger("bleeper.redact_audio")


@stage("redact_audio")
def redact_audio(job_id: str) -> None:
    settings = context.settings()
    store, storage = context.job_store(), context.storage()
    job = store.get(job_id)
    if job.probe is None:
        raise MediaError("the source was not probed; re-submit the job")
    entities = [Entity.model_validate(e) for e in storage.get_json(job_key(job_id, artifacts.ENTITIES))]
    intervals = plan_intervals(entities, int(job.probe.duration_s * 1000), settings.audio_padding_before_ms,
                               settings.audio_padding_after_ms)
    options = job.options
    method = options.redact_pii_audio_options.override_audio_redaction_method or settings.audio_method
    quality = options.redact_pii_audio_quality
    name = artifacts.REDACTED_AUDIO[quality]
    with tempfile.TemporaryDirectory(prefix="bleeper-audio-") as tmp:
        source, out = Path(tmp) / artifacts.SOURCE, Path(tmp) / name
        storage.download(job_key(job_id, artifacts.SOURCE), source)
        written = render_audio(source, out, intervals, job.probe, method=method, quality=quality,
                               beep_hz=settings.beep_hz, beep_volume=settings.beep_volume)
        storage.put_file(job_key(job_id, name), out, CONTENT_TYPES[quality])
        if options.redact_pii_video and job.probe.has_video:
            ext, _ = video_container(job.probe)
            video = Path(tmp) / artifacts.redacted_video(ext)
            render_video(source, video, intervals, job.probe, method=method, beep_hz=settings.beep_hz,
                         beep_volume=settings.beep_volume)
            storage.put_file(job_key(job_id, video.name), video, f"video/{'quicktime' if ext == 'mov' else ext}")
    store.update(job_id, audio_output=written)
    log.info("job %s: %d intervals redacted (%s)", job_id, len(intervals), method)
