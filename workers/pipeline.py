"""The chain of stages for one job, and the one function that puts a job on the queue."""

from __future__ import annotations

from collections.abc import Callable

from celery import chain
from celery.canvas import Signature

from bleeper import egress, languages, policies
from bleeper.config import Settings
from bleeper.custom import definitions
from bleeper.queues import STAGE_PRIORITY
from bleeper.errors import InvalidRequest, NotFound
from bleeper.headers import check_header
from bleeper.state.jobs import JobStore, new_id
from bleeper.models import Job, JobOptions, SymblRecord
from workers import context
from workers.app import app
from workers.detect import detect
from workers.fetch import fetch, upload_id_of
from workers.finalize import finalize
from workers.redact_audio import redact_audio
from workers.redact_text import redact_text
from workers.text import begin_text
from workers.transcribe import transcribe
from workers.verify import verify


def build_chain(job: Job) -> Signature:
    """fetch → transcribe → detect → redact text → redact audio → [verify] → finalize
    → notify(redacted_audio_ready) → notify(completed). Each step gets the job id from the one before.

    The job is `completed` before any webhook is sent: its status never waits on a receiver that
    is slow or down (issue 14). The redacted audio outlives finalize (only the originals go), so
    the URL `redacted_audio_ready` carries works for BLEEPER_PRESIGN_TTL either way."""
    o = job.options
    if job.symbl is not None and job.symbl.kind == "text":
        # a text conversation: the API stored its messages as the transcript; nothing to fetch or hear
        steps = [begin_text.si(job.id)]
    else:
        steps = [fetch.si(job.id), transcribe.s()]
    if o.redact_pii:
        steps += [detect.s(), redact_text.s()]
    if o.redact_pii_audio:
        steps.append(redact_audio.s())
    if o.verify and o.redact_pii:
        steps.append(verify.s())
    steps.append(finalize.s())
    if o.webhook_url:
        if o.redact_pii_audio:
            steps.append(_notify("redacted_audio_ready"))
        steps.append(_notify("completed"))
    return chain(*steps)


def _notify(event: str) -> Signature:
    """The webhooks' task, by name: webhooks sit above the pipeline and are never imported by it."""
    return app.signature("bleeper.notify", kwargs={"event": event}, priority=STAGE_PRIORITY["notify"])


def validate(options: JobOptions, settings: Settings, *, has_audio: bool = True) -> None:
    """Refuse what would fail later, while the client is still listening (`has_audio` False: a
    text conversation, whose audio_url names nothing to fetch)."""
    custom = definitions.check_all(options.redact_pii_custom_entities)
    if custom and not options.redact_pii:
        raise InvalidRequest("redact_pii_custom_entities requires redact_pii to be true")
    names = definitions.names(custom)
    policies.validate(options.redact_pii_policies)
    if options.redact_pii_exclude:
        policies.validate(options.redact_pii_exclude, field="redact_pii_exclude", custom=names)
    if options.redact_pii:
        policies.check_redacts_something(options.redact_pii_policies, options.redact_pii_exclude,
                                         len(definitions.wanted(custom, options.redact_pii_exclude)))
    if options.language_code is not None:
        languages.check(options.language_code, settings.whisper_model)
    policies.validate_custom(options.redact_pii_custom, names)
    if options.redact_pii_video and not options.redact_pii_audio:
        raise InvalidRequest("redact_pii_video requires redact_pii_audio to be true")
    if options.redact_pii_audio and not options.redact_pii:
        raise InvalidRequest("redact_pii_audio requires redact_pii to be true")
    if options.webhook_url:
        egress.check(options.webhook_url, settings.egress_guard, "webhook_url", unresolved_ok=True)
    if bool(options.webhook_auth_header_name) != bool(options.webhook_auth_header_value):
        raise InvalidRequest("webhook_auth_header_name and webhook_auth_header_value go together")
    if options.webhook_auth_header_name:
        check_header(options.webhook_auth_header_name, options.webhook_auth_header_value)
    if has_audio and upload_id_of(options.audio_url, settings.api_url) is None:
        egress.check(options.audio_url, settings.egress_guard, unresolved_ok=True)


def submit(options: JobOptions, owner: str, *, store: JobStore | None = None,
           settings: Settings | None = None, symbl: SymblRecord | None = None,
           job_id: str | None = None, prepare: Callable[[Job], None] | None = None) -> Job:
    """Validate, record and enqueue a job; return its record (status `queued`).

    `owner` is `bleeper.state.jobs.owner_of(api_key)`: uploads and jobs are visible to their owner only.
    A Symbl-style conversation passes its `symbl` record (and its own `job_id`); `prepare(job)`
    runs once the job is valid, before it is recorded (a text conversation stores its transcript).
    """
    settings = settings or context.settings()
    store = store or context.job_store()
    has_audio = symbl is None or symbl.kind != "text"
    validate(options, settings, has_audio=has_audio)
    upload_id = upload_id_of(options.audio_url, settings.api_url) if has_audio else None
    if upload_id is not None and store.upload_owner(upload_id) != owner:
        raise NotFound("audio_url names an upload that does not exist (or has expired)")
    job = Job(id=job_id or new_id(), owner=owner, options=options, upload_id=upload_id, symbl=symbl)
    if prepare is not None:
        prepare(job)
    # listed before it is recorded, so no job can be queued without the reaper knowing it is unpublished
    store.progress.recorded(job.id, job.created_at)
    store.create(job)
    publish(job, store, settings)
    return job


def publish(job: Job, store: JobStore, settings: Settings) -> None:
    """Put the job's chain on the broker of `settings`, then take it off the unpublished list.
    A Symbl-style conversation with a webhook announces `scheduled` first (webhooks/symbl.py)."""
    with app.connection_for_write(settings.celery_broker_url) as connection:
        if job.symbl is not None and job.options.webhook_url:
            _notify("scheduled").clone(args=(job.id,)).apply_async(connection=connection, ignore_result=True)
        build_chain(job).apply_async(connection=connection)
    store.progress.published(job.id)
