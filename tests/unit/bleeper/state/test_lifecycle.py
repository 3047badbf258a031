"""A job's status only moves along the lifecycle table, in the real Redis job store: a finished job
stays finished (`completed` never becomes `error`, `expired` never becomes `completed`), and a
move refused writes nothing and raises nothing."""

from __future__ import annotations

import itertools

import pytest
import redis
from hypothesis import given, settings, strategies as st

from bleeper.models import Job, JobOptions, JobStatus
from bleeper.state.jobs import JobStore, new_id
from bleeper.state.lifecycle import ALLOWED, TERMINAL, allowed, settled

S = JobStatus


@pytest.fixture(scope="module")
def store(redis_url: str) -> JobStore:
    return JobStore(redis.Redis.from_url(redis_url), ttl_s=3600)


def _job(store: JobStore, status: JobStatus = S.queued) -> str:
    job = store.create(Job(id=new_id(), owner="owner", options=JobOptions(audio_url="https://example.com/a.mp3")))
    if status != S.queued:
        store.redis.set("bleeper:job:" + job.id, job.model_copy(update={"status": status}).model_dump_json())
    return job.id


@pytest.mark.parametrize("old,new", list(itertools.product(S, S)), ids=lambda s: s.value)
def test_a_finished_job_only_ever_expires(old, new):
    if old in TERMINAL and new != old:
        assert allowed(old, new) == (new == S.expired and old != S.expired)
    if old == S.expired:
        assert not allowed(old, new)


def test_every_status_has_a_row_and_the_happy_path_is_allowed():
    assert ALLOWED.keys() == set(S)
    for old, new in [(S.queued, S.processing), (S.processing, S.completed), (S.processing, S.error),
                     (S.queued, S.error), (S.completed, S.expired), (S.error, S.expired)]:
        assert allowed(old, new)
    assert not allowed(S.queued, S.completed)  # nothing completes without being fetched


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list(S)), max_size=8))
def test_random_moves_never_leave_a_finished_state(redis_url, moves):
    store = JobStore(redis.Redis.from_url(redis_url), ttl_s=3600)
    job_id = _job(store)
    status = S.queued
    for new in moves:
        t = store.transition(job_id, new, error="set by this move")
        now = store.get(job_id).status
        assert now == t.after.status
        if t.refused or settled(status, new):
            assert now == status and not t.moved
        else:
            assert allowed(status, now) and now == new
        if status in TERMINAL:
            assert now in (status, S.expired)
        status = now


def test_completed_never_becomes_error_and_the_refused_fields_are_not_written(store):
    job_id = _job(store, S.processing)
    assert store.transition(job_id, S.completed).moved
    t = store.transition(job_id, S.error, error="stored object jobs/x/source is missing", failed_stage="transcribe")
    assert t.refused and not t.moved
    job = store.get(job_id)
    assert job.status == S.completed and job.error is None and job.failed_stage is None


def test_expired_never_becomes_completed(store):
    job_id = _job(store, S.processing)
    store.scrub(job_id, S.expired)
    assert store.mark(job_id, S.completed).status == S.expired
    assert store.get(job_id).completed_at is None


def test_the_first_error_stands_and_is_announced_once(store):
    job_id = _job(store, S.processing)
    first = store.transition(job_id, S.error, error="first")
    second = store.transition(job_id, S.error, error="second")
    assert first.moved and not second.moved and not second.refused
    assert store.get(job_id).error == "first"


def test_change_with_a_status_obeys_the_table_too(store):
    job_id = _job(store, S.completed)
    before, after = store.change(job_id, lambda _: {"status": S.error})
    assert before.status == after.status == S.completed == store.get(job_id).status
    _, after = store.change(job_id, lambda job: {"webhook_status_code": 200})  # no status: written
    assert after.webhook_status_code == 200


def test_a_fetch_delivered_again_keeps_the_job_processing(store):
    job_id = _job(store, S.processing)
    t = store.transition(job_id, S.processing)
    assert not t.refused and not t.moved and store.get(job_id).status == S.processing
