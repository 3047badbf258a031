"""A stage delivered for a finished job does nothing and ends the chain; a stage whose process keeps
dying (a poison file) ends the job in `error` after BLEEPER_MAX_STAGE_ATTEMPTS deaths; a failure
never turns a finished job into `error`. On the unit tests' real Redis, tasks run in process."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bleeper.config import Settings
from bleeper.errors import StorageUnavailable
from bleeper.models import Job, JobOptions, JobStatus
from bleeper.state.jobs import ATTEMPTS_PREFIX, TOMBSTONE_S, new_id
from bleeper.state.lifecycle import crashed_too_often
from workers import context, guard
from workers.app import app
from workers.finalize import finalize
from workers.transcribe import transcribe

ran_after: list[str] = []


@app.task(name="test.after_the_stage")
def after_the_stage(job_id: str) -> None:
    ran_after.append(job_id)


@pytest.fixture
def store(redis_url, monkeypatch):
    monkeypatch.setattr(context, "_settings", [Settings(redis_url=redis_url, max_stage_attempts=3)])
    context.job_store.cache_clear()
    yield context.job_store()
    context.job_store.cache_clear()


@pytest.fixture
def eager():
    """Linked tasks run in process instead of going to a broker."""
    was = app.conf.task_always_eager
    app.conf.task_always_eager = True
    ran_after.clear()
    yield
    app.conf.task_always_eager = was


def _job(store, status: JobStatus) -> str:
    job = store.create(Job(id=new_id(), owner="owner", options=JobOptions(audio_url="https://example.com/a.mp3")))
    store.redis.set("bleeper:job:" + job.id, job.model_copy(update={"status": status}).model_dump_json())
    return job.id


def _task() -> SimpleNamespace:
    request = SimpleNamespace(chain=["next"], callbacks=["linked"])
    return SimpleNamespace(app=app, request=request, request_stack=SimpleNamespace(stack=[request]))


@pytest.mark.parametrize("starts,max_attempts,stop", [
    (1, 3, False), (3, 3, False), (4, 3, True), (2, 1, True), (1, 1, False), (1, 0, False), (2, 0, True),
])
def test_a_stage_stops_after_its_process_died_max_attempts_times(starts, max_attempts, stop):
    assert crashed_too_often(starts, max_attempts) == stop


@pytest.mark.parametrize("status", [JobStatus.completed, JobStatus.error, JobStatus.expired])
def test_a_stage_delivered_for_a_finished_job_does_nothing_and_ends_the_chain(store, eager, status):
    job_id = _job(store, status)
    for task in (transcribe, finalize):
        result = task.apply((job_id,), link=after_the_stage.s())
        assert result.successful() and result.result == job_id
    assert ran_after == []
    job = store.get(job_id)
    assert job.status == status and job.stages == {} and job.error is None


def test_a_poison_file_ends_the_job_in_error_after_max_attempts_deaths(store, eager):
    job_id = _job(store, JobStatus.processing)
    for _ in range(3):  # three starts whose process died: nothing ended them
        assert guard.admit(_task(), job_id, "transcribe", "transcribe")
    result = transcribe.apply((job_id,), link=after_the_stage.s())  # the fourth delivery
    assert result.successful() and ran_after == []
    job = store.get(job_id)
    assert job.status == JobStatus.error and job.failed_stage == "transcribe"
    assert "crash 3 times" in job.error and "damaged or too large" in job.error


def test_starts_that_ended_are_not_deaths(store):
    job_id = _job(store, JobStatus.processing)
    for _ in range(10):  # e.g. S3 hiccups retried: each start ended in Python
        task = _task()
        assert guard.admit(task, job_id, "detect", "detect") and task.request.chain == ["next"]
        guard.ended(job_id, "detect")
    assert store.get(job_id).status == JobStatus.processing


def test_attempts_are_counted_per_stage_and_piece_and_expire_with_the_job(store):
    job_id = _job(store, JobStatus.processing)
    assert [store.start_attempt(job_id, "transcribe:0") for _ in range(2)] == [1, 2]
    assert store.start_attempt(job_id, "transcribe:1") == 1
    assert 0 < store.redis.ttl(ATTEMPTS_PREFIX + job_id) <= store.ttl + TOMBSTONE_S


def test_a_failure_after_the_job_finished_changes_nothing(store, eager):
    job_id = _job(store, JobStatus.completed)
    transcribe.on_failure(StorageUnavailable("stored object is missing"), "task-id", (job_id,), {}, None)
    job = store.get(job_id)
    assert job.status == JobStatus.completed and job.error is None


def test_a_failure_of_a_running_job_puts_it_in_error_with_its_message(store):
    job_id = _job(store, JobStatus.processing)
    transcribe.on_failure(StorageUnavailable("S3 unreachable; try again later"), "task-id", (job_id,), {}, None)
    job = store.get(job_id)
    assert job.status == JobStatus.error and job.error == "S3 unreachable; try again later"
    assert job.failed_stage == "transcribe"
