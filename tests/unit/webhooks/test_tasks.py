"""The notify task on a real Redis and a local receiver: its own transient errors are retried by
Celery, and the chain of webhooks goes on (run eagerly: Celery applies a retry at once)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis
from celery import chain

from bleeper.config import Settings
from bleeper.models import Job, JobOptions, JobStatus
from bleeper.state.jobs import JobStore
from tools.receiver import WebhookReceiver
from webhooks.tasks import notify
from workers import context


class HiccupRedis(redis.Redis):
    """A real client whose first GET fails the way a Redis restart does."""

    hiccups = 1

    def get(self, name):  # noqa: ANN001, ANN201
        if self.hiccups:
            self.hiccups -= 1
            raise redis.ConnectionError("Connection closed by server.")
        return super().get(name)


@pytest.fixture
def store(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[JobStore]:
    redis.Redis.from_url(redis_url).flushdb()
    before = context.settings()
    context.configure(Settings(redis_url=redis_url, s3_access_key="unit", s3_secret_key="unit"))
    flaky = JobStore(HiccupRedis.from_url(redis_url), ttl_s=3600)
    monkeypatch.setattr(context, "job_store", lambda: flaky)
    yield flaky
    monkeypatch.undo()
    context.configure(before)


@pytest.fixture
def receiver(allowed_port) -> Iterator[WebhookReceiver]:
    r = WebhookReceiver(port=allowed_port())
    yield r
    r.close()


def test_a_redis_error_inside_notify_is_retried_and_the_chain_goes_on(store, receiver):
    job = store.create(Job(id="a" * 32, owner="o", status=JobStatus.completed,
                           options=JobOptions(audio_url="https://example.com/a.mp3", redact_pii_audio=True,
                                              webhook_url=receiver.url)))
    webhooks = chain(notify.si(job.id, event="redacted_audio_ready"), notify.s(event="completed"))

    result = webhooks.apply()

    assert result.get() == job.id and store.redis.hiccups == 0
    assert [c["body"]["status"] for c in receiver.calls] == ["redacted_audio_ready", "completed"]
    assert store.get(job.id).webhook_deliveries == {"redacted_audio_ready": 200, "completed": 200}


def _allow_attempts(monkeypatch: pytest.MonkeyPatch, attempts: int) -> None:
    settings = Settings(redis_url="redis://unused", s3_access_key="unit", s3_secret_key="unit",
                        webhook_max_attempts=attempts, webhook_backoff_s=0.01)
    monkeypatch.setattr(context, "settings", lambda: settings)


def test_a_redis_hiccup_costs_the_receiver_none_of_its_attempts(store, receiver, monkeypatch):
    """With one attempt allowed, a receiver that answers still gets its webhook after a hiccup."""
    _allow_attempts(monkeypatch, 1)
    job = store.create(Job(id="b" * 32, owner="o", status=JobStatus.completed,
                           options=JobOptions(audio_url="https://example.com/a.mp3", webhook_url=receiver.url)))
    store.redis.hiccups = 1

    assert notify.si(job.id, event="completed").apply().get() == job.id

    assert [c["body"]["status"] for c in receiver.calls] == ["completed"]
    assert store.get(job.id).webhook_deliveries == {"completed": 200}


def test_a_receiver_that_is_down_is_tried_exactly_its_attempts_hiccups_aside(store, monkeypatch, allowed_port):
    _allow_attempts(monkeypatch, 3)
    nobody = f"http://127.0.0.1:{allowed_port()}/hook"  # nothing listens there
    job = store.create(Job(id="c" * 32, owner="o", status=JobStatus.completed,
                           options=JobOptions(audio_url="https://example.com/a.mp3", webhook_url=nobody)))
    outcomes: list[str] = []
    monkeypatch.setattr(store.metrics, "webhook", lambda event, outcome: outcomes.append(outcome))
    store.redis.hiccups = 1

    assert notify.si(job.id, event="completed").apply().get() == job.id

    assert outcomes == ["retried", "retried", "gave_up"]
    assert store.get(job.id).webhook_deliveries == {"completed": "unreachable"}


def test_an_owed_error_webhook_sent_twice_reaches_the_receiver_once(store, receiver):
    """A stage delivered again and the reaper may both send an `error` webhook that was owed."""
    store.redis.hiccups = 0
    job = store.create(Job(id="b" * 32, owner="o", status=JobStatus.error, webhook_deliveries={"error": "owed"},
                           options=JobOptions(audio_url="https://example.com/a.mp3", webhook_url=receiver.url)))

    notify.apply((job.id,), {"event": "error"}).get()
    notify.apply((job.id,), {"event": "error"}).get()

    assert [c["body"] for c in receiver.calls] == [{"transcript_id": job.id, "status": "error"}]
    assert store.get(job.id).webhook_deliveries == {"error": 200}
