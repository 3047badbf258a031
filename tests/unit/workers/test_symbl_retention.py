"""At the retention deadline the sweep deletes a conversation's sealed originals with the rest,
and its tombstone keeps nothing the client wrote."""

from __future__ import annotations

import os

import redis

from bleeper.models import Job, JobOptions, JobStatus, SymblRecord
from bleeper.state.jobs import JobStore
from bleeper.state.sealed import SealedStorage
from bleeper.state.storage import Storage
from tests.unit.api.symbl_fixtures import s3  # noqa: F401
from workers.sweep import sweep


def test_the_sweep_deletes_a_conversations_originals_at_the_deadline(redis_url, s3):
    redis.Redis.from_url(redis_url).flushdb()
    store = JobStore(redis.Redis.from_url(redis_url), ttl_s=3600)
    storage = SealedStorage(Storage(s3, "bleeper"), os.urandom(32))
    job = store.create(Job(id="d" * 32, owner="symbl:o", status=JobStatus.completed, created_at=1000.0,
                           options=JobOptions(audio_url="https://example.com/a.mp3", keep_unredacted=True),
                           symbl=SymblRecord(job_id="j", kind="text", name="Call with Jane Roe")))
    for name in ("transcript.json", "speakers.json", "entities.json"):
        storage.put_json(f"jobs/{job.id}/{name}", {"x": 1})

    report = sweep(store, storage, now=1000.0 + 3601, retention_s=3600)

    assert report.jobs_expired == 1
    assert s3.list_objects_v2(Bucket="bleeper", Prefix=f"jobs/{job.id}/").get("KeyCount") == 0
    after = store.get(job.id)
    assert after.status == JobStatus.expired and after.symbl.name is None
