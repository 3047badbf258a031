"""The reaper on a real Redis (job store and broker): stranded jobs are republished once or end in
`error` with the webhook; jobs on their way are left alone. No worker runs: what the reaper
publishes is read back from the broker's lists."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
import redis

from bleeper.config import Settings
from bleeper.models import Job, JobOptions, JobStatus
from bleeper.queues import PRIORITY_STEPS, STAGE_QUEUES
from bleeper.state import lifecycle
from bleeper.state.jobs import JobStore, make_store
from workers import context
from workers.pipeline import submit
from workers.reap import reap_task

OPTIONS = JobOptions(audio_url="https://example.com/call.mp3", webhook_url="https://hooks.example.com/h")


@pytest.fixture
def settings(redis_url: str) -> Iterator[Settings]:
    redis.Redis.from_url(redis_url).flushdb()
    before = context.settings()
    settings = Settings(redis_url=redis_url, s3_access_key="unit", s3_secret_key="unit")
    context.configure(settings)
    yield settings
    context.configure(before)


@pytest.fixture
def store(settings: Settings) -> JobStore:
    return make_store(settings)


def published(store: JobStore, task: str) -> list[tuple[str, dict]]:
    """(job id, kwargs) of each `task` message waiting on its queue, every priority list."""
    queue = STAGE_QUEUES[task.removeprefix("bleeper.")]
    found = []
    for step in PRIORITY_STEPS:
        for raw in store.redis.lrange(queue if step == 0 else f"{queue}\x06\x16{step}", 0, -1):
            message = json.loads(raw)
            if message["headers"]["task"] == task:
                args, kwargs, _ = json.loads(__import__("base64").b64decode(message["body"]))
                found.append((args[0], kwargs))
    return found


def recorded_never_published(store: JobStore, age_s: float) -> Job:
    """What the API leaves when the broker is down at the moment it publishes."""
    job = Job(id="a" * 32, owner="o", options=OPTIONS, created_at=time.time() - age_s)
    store.progress.recorded(job.id, job.created_at)
    store.create(job)
    return job


def test_a_queued_job_whose_chain_was_never_published_is_published_once(store, settings):
    job = recorded_never_published(store, age_s=settings.reap_queued_after_s + 5)

    assert reap_task.apply().get() == {"republished": 1, "error": 0}
    assert reap_task.apply().get() == {"republished": 0, "error": 0}

    assert published(store, "bleeper.fetch") == [(job.id, {})]
    assert store.get(job.id).status == JobStatus.queued
    assert store.metrics.snapshot()["reaped"] == {"republished": 1}


def test_a_job_just_recorded_or_published_is_left_alone(store, settings):
    recorded_never_published(store, age_s=0)
    submitted = submit(OPTIONS, "o", store=store, settings=settings)

    assert reap_task.apply().get() == {"republished": 0, "error": 0}
    assert reap_task.apply().get() == {"republished": 0, "error": 0}

    assert published(store, "bleeper.fetch") == [(submitted.id, {})]


def test_a_processing_job_past_its_deadline_ends_in_error_naming_its_stage_with_the_webhook(store, settings):
    job = store.create(Job(id="b" * 32, owner="o", options=OPTIONS, status=JobStatus.processing))
    store.progress.stage_started(job.id, "transcribe_piece", at=time.time() - settings.stalled_after_s - 5)

    assert reap_task.apply().get() == {"republished": 0, "error": 1}
    assert reap_task.apply().get() == {"republished": 0, "error": 0}

    after = store.get(job.id)
    assert after.status == JobStatus.error and "made no progress" in after.error
    assert "after its transcribe_piece stage started" in after.error and after.failed_stage == "transcribe_piece"
    assert store.progress.last_stage(job.id) is None  # nothing of the job is left on the reaper's lists
    assert published(store, "bleeper.notify") == [(job.id, {"event": "error"})]
    assert store.metrics.snapshot()["reaped"] == {"error": 1}


def test_a_processing_job_with_a_recent_stage_or_a_finished_job_is_left_alone(store, settings):
    running = store.create(Job(id="c" * 32, owner="o", options=OPTIONS, status=JobStatus.processing))
    store.progress.stage_started(running.id, "detect")
    done = store.create(Job(id="d" * 32, owner="o", options=OPTIONS, status=JobStatus.completed))
    store.progress.stage_started(done.id, "finalize", at=time.time() - settings.stalled_after_s - 5)

    assert reap_task.apply().get() == {"republished": 0, "error": 0}

    assert store.get(running.id).status == JobStatus.processing
    assert store.get(done.id).status == JobStatus.completed
    assert published(store, "bleeper.notify") == []


def test_a_job_ended_in_error_by_a_process_that_died_before_announcing_it_gets_its_webhook(store, settings):
    """The move to `error` marks the webhook owed in the same write; a process killed right after
    it sent nothing. The stage delivered again sends it, and so does the reaper, once."""
    from workers.transcribe import transcribe

    job = store.create(Job(id="e" * 32, owner="o", options=OPTIONS, status=JobStatus.processing))
    store.progress.stage_started(job.id, "redact_audio", at=time.time() - settings.stalled_after_s - 5)
    store.transition(job.id, JobStatus.error, error="the file made the redact_audio stage crash",
                     also=lifecycle.owe_error_webhook)
    assert store.get(job.id).webhook_deliveries == {"error": lifecycle.OWED}

    transcribe.apply((job.id,))  # delivered again to a new process: not run, but the webhook goes out
    assert published(store, "bleeper.notify") == [(job.id, {"event": "error"})]

    assert reap_task.apply().get() == {"republished": 0, "error": 0}  # still owed: the reaper sends it too
    assert published(store, "bleeper.notify") == [(job.id, {"event": "error"})] * 2
    assert reap_task.apply().get() == {"republished": 0, "error": 0}
    assert len(published(store, "bleeper.notify")) == 2  # the reaper looks at a finished job once


def test_a_job_whose_error_webhook_went_out_hears_nothing_more(store, settings):
    job = store.create(Job(id="f" * 32, owner="o", options=OPTIONS, status=JobStatus.error,
                           webhook_deliveries={"error": 200}))
    store.progress.stage_started(job.id, "redact_audio", at=time.time() - settings.stalled_after_s - 5)

    assert reap_task.apply().get() == {"republished": 0, "error": 0}
    assert published(store, "bleeper.notify") == []
