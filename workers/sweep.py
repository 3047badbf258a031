"""Retention: jobs older than BLEEPER_RETENTION lose their artifacts and read `expired`.

The bucket's lifecycle rule is the first line, but some S3 servers (SeaweedFS among them) apply
lifecycle rules only in a daily scan; this Celery beat task, every BLEEPER_SWEEP_INTERVAL_S,
is the backstop. It also deletes uploads no job used, and any object under jobs/ or uploads/
older than the retention whatever Redis remembers.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass

from bleeper.errors import NotFound
from bleeper.state.jobs import JobStore
from bleeper.queues import STAGE_PRIORITY
from bleeper.models import JobStatus
from bleeper.artifacts import upload_key
from bleeper.state.storage import Storage
from workers import context
from workers.app import app

log = logging.getLogger("bleeper.sweep")


@dataclass
class SweepReport:
    jobs_expired: int = 0
    uploads_deleted: int = 0
    objects_deleted: int = 0


def sweep(store: JobStore, storage: Storage, *, now: float, retention_s: int) -> SweepReport:
    report = SweepReport()
    cutoff = now - retention_s
    while ids := store.older_than(cutoff):
        for job_id in ids:
            report.objects_deleted += storage.delete_prefix(f"jobs/{job_id}/")
            try:
                job = store.get(job_id)
            except NotFound:
                store.forget(job_id)
                continue
            if job.upload_id:
                report.objects_deleted += storage.delete_prefix(upload_key(job.upload_id))
                store.forget_upload(job.upload_id)
            store.scrub(job_id, JobStatus.expired)
            store.forget(job_id)
            report.jobs_expired += 1
    while uploads := store.uploads_older_than(cutoff):
        for upload_id in uploads:
            report.objects_deleted += storage.delete_prefix(upload_key(upload_id))
            store.forget_upload(upload_id)
            report.uploads_deleted += 1
    report.objects_deleted += storage.delete_older_than(cutoff, prefixes=("jobs/", "uploads/"))
    return report


@app.task(name="bleeper.sweep", acks_late=True, ignore_result=True, priority=STAGE_PRIORITY["sweep"])
def sweep_task() -> dict:
    report = sweep(context.job_store(), context.storage(), now=time.time(), retention_s=context.settings().retention)
    log.info("retention sweep: %d jobs expired, %d uploads, %d objects deleted",
             report.jobs_expired, report.uploads_deleted, report.objects_deleted)
    return asdict(report)
