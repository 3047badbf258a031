"""`redact_pii_audio` on a session: its audio, stored as an upload the way `POST /v2/upload` stores
one, goes to the batch pipeline as a job (beeped audio, webhooks, everything a job has)."""

from __future__ import annotations

import logging
from typing import Any

from bleeper.artifacts import upload_key
from bleeper.custom import definitions
from bleeper.models import CustomEntity, JobOptions
from bleeper.state.jobs import new_id
from bleeper.streaming.params import StreamParams
from bleeper.streaming.recording import Recording

log = logging.getLogger("bleeper.streaming")


def job_options(params: StreamParams, audio_url: str, extras: dict[str, bool] | None = None,
                custom: list[CustomEntity] | None = None) -> JobOptions:
    # the account's entity types the session detected (those it excluded, it left visible)
    wanted = definitions.wanted(custom, params.redact_pii_exclude)
    return JobOptions(**(extras or {}), redact_pii_custom_entities=wanted or None,
        audio_url=audio_url, redact_pii=True, redact_pii_audio=True, redact_pii_policies=list(params.policies),
        redact_pii_sub=params.redact_pii_sub.value, redact_pii_custom=params.redact_pii_custom or None,
        redact_pii_audio_quality=params.redact_pii_audio_quality, webhook_url=params.webhook_url,
        webhook_auth_header_name=params.webhook_auth_header_name,
        webhook_auth_header_value=params.webhook_auth_header_value, language_code=params.language)


def check(params: StreamParams, settings: Any) -> None:
    """Refuse at connect what the job would refuse at the end (webhook address and header, the
    batch model's languages): raises InvalidRequest."""
    from workers.pipeline import validate

    validate(job_options(params, f"{settings.api_url}/v2/uploads/0"), settings)


def hand_off(recording: Recording, params: StreamParams, owner: str, state: Any,
             extras: dict[str, bool] | None = None, custom: list[CustomEntity] | None = None) -> str:
    """Store the recording and submit its job; returns the job's id. Blocking (S3, Redis, broker):
    run it in a thread."""
    from workers import submit

    settings = state.settings
    upload_id = new_id()
    audio = recording.finish()
    try:
        state.storage.put_stream(upload_key(upload_id), audio, "audio/wav")
    finally:
        audio.close()
    state.store.add_upload(upload_id, owner)
    job = submit(job_options(params, f"{settings.api_url}/v2/uploads/{upload_id}", extras, custom), owner,
                 store=state.store, settings=settings)
    log.info("stream audio handed off as job %s (%.1f s of audio)", job.id, recording.seconds)
    return job.id
