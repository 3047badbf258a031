"""Retention (the beat sweep, run here with a clock moved past the retention) and /metrics."""

from __future__ import annotations

import re
import time

import pytest
import requests

from bleeper.state.jobs import DELETED_URL, make_store
from bleeper.state.storage import make_storage
from workers.sweep import sweep

pytestmark = pytest.mark.integration


def test_after_retention_nothing_is_left_and_the_api_says_410(api, stack, short_call):
    settings = stack.settings
    store, storage = make_store(settings), make_storage(settings)
    done = api.wait(api.submit(audio_url=api.upload(short_call), redact_pii_audio=True).json()["id"])
    assert done["status"] == "completed"
    unused = api.upload(short_call).rsplit("/", 1)[1]  # an upload no job used
    created = store.get(done["id"]).created_at
    assert [o["Key"] for o in storage.client.list_objects_v2(Bucket=settings.s3_bucket,
                                                             Prefix=f"jobs/{done['id']}/")["Contents"]]

    # as if the retention had passed since this job was made (earlier jobs are older still)
    report = sweep(store, storage, now=time.time() + settings.retention + 1, retention_s=settings.retention)
    assert report.jobs_expired >= 1 and report.uploads_deleted >= 1
    listing = storage.client.list_objects_v2(Bucket=settings.s3_bucket)
    left = [o["Key"] for o in listing.get("Contents", []) if o["LastModified"].timestamp() <= created + 60]
    assert not [k for k in left if done["id"] in k or unused in k]

    r = api.get(done["id"])
    assert r.status_code == 410 and "expired" in r.json()["error"]
    # the tombstone keeps no URL (a query string may name the caller)
    assert store.get(done["id"]).options.audio_url == DELETED_URL
    r = api.get(done["id"], "/redacted-audio")
    assert r.status_code == 400  # what the SDK reads as "no longer available"


def test_metrics_count_jobs_stages_and_webhooks(api, stack, short_call, make_receiver):
    receiver = make_receiver([])
    done = api.wait(api.submit(audio_url=api.upload(short_call), webhook_url=receiver.url).json()["id"])
    assert done["status"] == "completed"
    receiver.wait_for(1)
    time.sleep(0.5)
    text = requests.get(f"{api.base}/metrics", timeout=10).text
    assert re.search(r'bleeper_jobs_finished_total\{status="completed"\} [1-9]', text)
    assert re.search(r'bleeper_stage_duration_seconds_count\{stage="transcribe"\} [1-9]', text)
    assert 'bleeper_queue_depth{queue="asr"}' in text
    assert re.search(r'bleeper_webhook_deliveries_total\{event="completed",outcome="delivered"\} [1-9]', text)
    assert re.search(r"bleeper_audio_seconds_total [1-9]", text)
    assert done["id"] not in text  # counts, not ids or text


def test_queue_depth_counts_every_priority_list(stack):
    """kombu keeps one Redis list per queue and priority (`media`, `media\\x06\\x169`…)."""
    import redis as redis_lib

    from bleeper.state import metrics

    client = redis_lib.Redis.from_url(stack.settings.redis_address)
    queue = "bleeper-test-queue"  # no worker consumes it
    keys = [queue] + [f"{queue}\x06\x16{p}" for p in (3, 6, 9)]
    original = metrics.QUEUES
    try:
        for n, key in enumerate(keys, 1):
            client.rpush(key, *["m"] * n)
        metrics.QUEUES = (queue,)
        assert metrics.Metrics(client).snapshot()["queues"] == {queue: 1 + 2 + 3 + 4}
    finally:
        metrics.QUEUES = original
        client.delete(*keys)
