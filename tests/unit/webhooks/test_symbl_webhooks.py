"""Symbl-style job webhooks: Symbl's body, and each event held back until those announced before
it are settled (run eagerly on a real Redis, a local receiver)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis

from bleeper.config import Settings
from bleeper.models import Job, JobOptions, JobStatus, SymblRecord
from bleeper.state.jobs import JobStore
from tools.receiver import WebhookReceiver
from webhooks import symbl
from webhooks.tasks import notify
from workers import context


def conversation(status=JobStatus.completed, announced=("scheduled", "in_progress"), settled=(), url=None) -> Job:
    return Job(id="c" * 32, owner="symbl:o", status=status,
               options=JobOptions(audio_url="https://example.com/a.mp3", webhook_url=url),
               symbl=SymblRecord(job_id="9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", kind="audio",
                                 announced=list(announced), settled=list(settled)))


def test_the_body_is_symbls_with_the_job_and_conversation_ids():
    job = conversation(status=JobStatus.error)

    assert symbl.payload("error", job) == {"jobId": job.symbl.job_id, "id": job.symbl.job_id,
                                           "status": "failed", "conversationId": job.id}


@pytest.mark.parametrize(("event", "settled", "waiting"), [
    ("scheduled", (), []),
    ("in_progress", (), ["scheduled"]),
    ("in_progress", ("scheduled",), []),
    ("completed", ("scheduled",), ["in_progress"]),
    ("error", ("scheduled", "in_progress"), []),
])
def test_an_event_waits_for_the_ones_announced_before_it(event, settled, waiting):
    assert symbl.waiting_for(event, conversation(settled=settled)) == waiting


def test_a_failure_before_processing_does_not_wait_for_an_in_progress_never_announced():
    assert symbl.waiting_for("error", conversation(announced=("scheduled",), settled=("scheduled",))) == []


@pytest.fixture
def store(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[JobStore]:
    redis.Redis.from_url(redis_url).flushdb()
    before = context.settings()
    context.configure(Settings(redis_url=redis_url, s3_access_key="unit", s3_secret_key="unit",
                               allow_private_urls=True))
    yield context.job_store()
    context.configure(before)


def test_the_events_are_delivered_in_order_and_each_is_recorded_settled(store, allowed_port):
    receiver = WebhookReceiver(port=allowed_port())
    try:
        job = store.create(conversation(url=receiver.url))
        for event in ("scheduled", "in_progress", "completed"):
            notify.apply(args=(job.id,), kwargs={"event": event}).get()
        statuses = [c["body"]["status"] for c in receiver.calls]
    finally:
        receiver.close()

    assert statuses == ["scheduled", "in_progress", "completed"]
    assert store.get(job.id).symbl.settled == ["scheduled", "in_progress", "completed"]
