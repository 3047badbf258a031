"""The reaper against the real stack: a job whose chain never reached the broker still runs, and
a job stuck in `processing` ends in `error` with its webhook. The reaper runs here in the test's
process (the stack's beat runs it too, every minute); the stack's worker does the rest."""

from __future__ import annotations

import time

import pytest

from bleeper.models import Job, JobOptions, JobStatus
from bleeper.state.jobs import new_id, owner_of
from workers import context
from workers.fetch import upload_id_of
from workers.reap import reap_task

pytestmark = [pytest.mark.integration]


def test_a_queued_job_whose_chain_was_never_published_is_reaped_and_completes(api, stack, short_call):
    settings, store = context.settings(), context.job_store()
    upload_url = api.upload(short_call)
    # what the API leaves when the broker is down as it publishes: a record, listed as unpublished
    job = Job(id=new_id(), owner=owner_of(api.key), options=JobOptions(audio_url=upload_url),
              upload_id=upload_id_of(upload_url, settings.api_url),
              created_at=time.time() - settings.reap_queued_after_s - 5)
    store.progress.recorded(job.id, job.created_at)
    store.create(job)
    assert api.get(job.id).json()["status"] == "queued"

    reap_task.apply()

    done = api.wait(job.id)
    assert done["status"] == "completed", done["error"]
    assert "Jennings" not in done["text"]


def test_a_processing_job_past_its_deadline_ends_in_error_with_the_webhook(api, stack, receiver):
    settings, store = context.settings(), context.job_store()
    job = store.create(Job(id=new_id(), owner=owner_of(api.key), status=JobStatus.processing,
                           options=JobOptions(audio_url="https://example.com/lost.mp3", webhook_url=receiver.url)))
    # its last stage started before any stage could still be running or be delivered again
    store.progress.stage_started(job.id, "detect", at=time.time() - settings.stalled_after_s - 5)

    reap_task.apply()

    failed = api.wait(job.id)
    assert failed["status"] == "error" and "made no progress" in failed["error"]
    assert receiver.first(job.id, ("error",), timeout=60)["body"] == {"transcript_id": job.id, "status": "error"}
    assert [c["body"]["status"] for c in receiver.calls] == ["error"]
