"""The `bleeper.notify` task: AssemblyAI's webhook bodies, delivered in chain order."""

from __future__ import annotations

import logging
from typing import Any

import redis
from celery import Task
from celery.utils.time import get_exponential_backoff_interval

from bleeper import artifacts, logs
from bleeper.errors import BleeperError, TransientError, WebhookRejected, WebhookUnavailable
from bleeper.queues import STAGE_PRIORITY
from bleeper.models import Job, JobStatus
from bleeper.artifacts import job_key
from webhooks import symbl
from webhooks.deliver import deliver, event_id_of
from workers import context
from workers.app import app

log = logging.getLogger("bleeper.webhooks")
EVENTS = ("redacted_audio_ready", "completed", "error", "scheduled", "in_progress")  # the last two: Symbl-style


def payload(event: str, job: Job, redacted_audio_url: str | None = None) -> dict[str, Any]:
    if event == "redacted_audio_ready":
        return {"status": "redacted_audio_ready", "redacted_audio_url": redacted_audio_url, "transcript_id": job.id}
    return {"transcript_id": job.id, "status": "error" if event == "error" else job.status.value}


def still_true(event: str, job: Job) -> bool:
    """A delivery of `event` that came late (a notify delivered again, or queued behind a change)
    says nothing the job no longer is: `completed` and `error` only while the job is so (never
    `error` after `completed`), `redacted_audio_ready` only while the audio exists."""
    if event == "redacted_audio_ready":
        return not job.gone and job.status != JobStatus.error
    return job.status == JobStatus(event)


def _record(job_id: str, event: str, outcome: int | str) -> None:
    def fields(job: Job) -> dict[str, Any]:
        out: dict[str, Any] = {"webhook_deliveries": {**job.webhook_deliveries, event: outcome}}
        if isinstance(outcome, int):
            out["webhook_status_code"] = outcome
        return out

    context.job_store().change(job_id, fields)


# A Redis or S3 hiccup inside notify itself (not the receiver's failure, handled below) is retried
# by Celery with backoff; before, it ended the chain after `redacted_audio_ready` (issue 14). The
# receiver's attempts are counted apart (the `delivery` argument), so a hiccup costs the receiver
# none of its BLEEPER_WEBHOOK_MAX_ATTEMPTS; Celery bounds all retries together by both.
TRANSIENT_RETRIES = 8


@app.task(name="bleeper.notify", bind=True, acks_late=True, max_retries=None, priority=STAGE_PRIORITY["notify"],
          autoretry_for=(TransientError, redis.RedisError), retry_backoff=2, retry_backoff_max=300,
          retry_jitter=True,
          retry_kwargs={"max_retries": context.settings().webhook_max_attempts + TRANSIENT_RETRIES})
def notify(self: Task, job_id: str, event: str, delivery: int = 1, waited: int = 0) -> str:
    """Deliver one event; give up after BLEEPER_WEBHOOK_MAX_ATTEMPTS but let the chain go on,
    so `completed` follows `redacted_audio_ready` whether or not that one got through.
    `delivery` counts the attempts that reached for the receiver (1 for the first); `waited`, the
    times a Symbl-style event was held back behind an earlier one (webhooks/symbl.py)."""
    logs.job_context.set({"job_id": job_id, "stage": f"notify:{event}"})
    job = context.job_store().get(job_id)
    if job.symbl is not None and job.options.webhook_url:
        waiting = symbl.waiting_for(event, job)
        if waiting and waited < symbl.MAX_WAITS:
            raise self.retry(countdown=symbl.wait_countdown(waited),
                             kwargs={"event": event, "delivery": delivery, "waited": waited + 1})
        if waiting:
            log.warning("job %s: %s webhook sent without waiting any longer for %s", job_id, event, ",".join(waiting))
    settled = _notify(self, job, event, delivery, waited)
    if settled and job.symbl is not None:
        context.job_store().change(job_id, _settled(event))
    return job_id


def _settled(event: str) -> Any:
    def fields(job: Job) -> dict[str, Any]:
        if job.symbl is None or event in job.symbl.settled:
            return {}
        return {"symbl": job.symbl.model_copy(update={"settled": [*job.symbl.settled, event]})}

    return fields


def _notify(task: Task, job: Job, event: str, delivery: int, waited: int) -> bool:
    """One delivery attempt of `event`; True once its outcome is final (delivered, refused, given
    up or not to be sent), a Celery retry raised otherwise."""
    settings = context.settings()
    job_id, o = job.id, job.options
    if not o.webhook_url:
        return True
    sent = job.webhook_deliveries.get(event)
    if isinstance(sent, int) and 200 <= sent < 300:  # a second notify for an owed webhook: one is enough
        log.info("job %s: %s webhook not sent again: it was delivered", job_id, event)
        return True
    if not (symbl.still_true(event, job) if job.symbl is not None else still_true(event, job)):
        log.info("job %s: %s webhook not sent: the job is %s", job_id, event, job.status.value)
        return True
    audio_url = None
    if event == "redacted_audio_ready":
        name = artifacts.REDACTED_AUDIO[o.redact_pii_audio_quality]
        audio_url = context.storage().presign_get(job_key(job_id, name), settings.presign_ttl)
    body = symbl.payload(event, job) if job.symbl is not None else payload(event, job, audio_url)
    headers = {o.webhook_auth_header_name: o.webhook_auth_header_value} if o.webhook_auth_header_name else {}
    attempt = delivery
    try:
        code = deliver(
            o.webhook_url,
            body,
            headers=headers,
            timeout=settings.webhook_timeout_s,
            secret=settings.webhook_secret.get_secret_value() if settings.webhook_secret else None,
            guard=settings.egress_guard,
            event_id=event_id_of(job_id, event),
        )
    except WebhookUnavailable as exc:
        _record(job_id, event, exc.status_code or "unreachable")
        context.job_store().metrics.webhook(event, "retried" if attempt < settings.webhook_max_attempts else "gave_up")
        if attempt < settings.webhook_max_attempts:
            countdown = get_exponential_backoff_interval(
                settings.webhook_backoff_s, attempt - 1, settings.webhook_backoff_max_s, full_jitter=False
            )
            log.info("job %s: %s webhook attempt %d failed; retry in %.0f s", job_id, event, attempt, countdown)
            raise task.retry(countdown=countdown, exc=exc,
                             kwargs={"event": event, "delivery": attempt + 1, "waited": waited}) from None
        log.warning("job %s: %s webhook given up after %d attempts", job_id, event, attempt)
        return True
    except (WebhookRejected, BleeperError) as exc:
        _record(job_id, event, getattr(exc, "status_code", None) or type(exc).__name__)
        context.job_store().metrics.webhook(event, "refused")
        log.warning("job %s: %s webhook refused: %s", job_id, event, type(exc).__name__)
        return True
    _record(job_id, event, code)
    context.job_store().metrics.webhook(event, "delivered")
    log.info("job %s: %s webhook delivered (%d, attempt %d)", job_id, event, code, attempt)
    return True
