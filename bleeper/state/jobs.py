"""Job records in Redis: status, options, probe, stage timings, error. Same lifetime as artifacts."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

import redis

from bleeper.config import Settings
from bleeper.errors import NotFound, StorageUnavailable
from bleeper.state import lifecycle
from bleeper.state.keys import owner_of  # noqa: F401  (re-exported: jobs are owned by key hashes)
from bleeper.state.metrics import STATUS_INDEX, Metrics
from bleeper.state.progress import Progress
from bleeper.state.lifecycle import Transition
from bleeper.models import CustomEntity, Job, JobStatus

PREFIX = "bleeper:job:"
UPLOAD_PREFIX = "bleeper:upload:"
OWNER_PREFIX = "bleeper:owner:"  # sorted set of an owner's job ids by creation time
ALL_JOBS = "bleeper:jobs"  # sorted set of every job id by creation time (the retention sweep walks it)
ATTEMPTS_PREFIX = "bleeper:attempts:"  # hash per job: stage -> starts that have not ended
UPLOADS = "bleeper:uploads"  # sorted set of upload ids by time
TOMBSTONE_S = 7 * 24 * 3600  # how long an expired job's record stays, so the API can say 410


log = logging.getLogger("bleeper.jobs")

DELETED_URL = "http://deleted_by_user"  # what AssemblyAI shows as audio_url once a transcript is deleted


def new_id() -> str:
    return uuid.uuid4().hex




class JobStore:
    def __init__(self, client: redis.Redis, ttl_s: int) -> None:
        self.redis = client
        self.ttl = ttl_s
        self.metrics = Metrics(client)
        self.progress = Progress(client)  # what the reaper reads: unpublished jobs, last stage starts

    def create(self, job: Job) -> Job:
        # the record outlives the artifacts by TOMBSTONE_S: after the sweep it says "expired"
        self._set(job, ex=self.ttl + TOMBSTONE_S)
        index = OWNER_PREFIX + job.owner
        self.redis.zadd(index, {job.id: job.created_at})
        self.redis.expire(index, self.ttl + TOMBSTONE_S)
        self.redis.zadd(ALL_JOBS, {job.id: job.created_at})
        self.metrics.job_status(job.id, None, job.status)
        return job

    def older_than(self, cutoff: float, limit: int = 500) -> list[str]:
        return [i.decode() for i in self.redis.zrangebyscore(ALL_JOBS, "-inf", cutoff, start=0, num=limit)]

    def forget(self, job_id: str) -> None:
        """Drop a job from the sweep's index (its record stays as a tombstone until it expires)."""
        self.redis.zrem(ALL_JOBS, job_id)
        for status in JobStatus:
            self.redis.srem(STATUS_INDEX + status.value, job_id)

    def list(self, owner: str, *, limit: int = 10, before: float | None = None, after: float | None = None,
             status: str | None = None) -> list[Job]:
        """An owner's jobs, newest first; `before`/`after` are creation times (exclusive)."""
        index = OWNER_PREFIX + owner
        hi = f"({before}" if before is not None else "+inf"
        lo = f"({after}" if after is not None else "-inf"
        jobs: list[Job] = []
        offset = 0
        while len(jobs) < limit:
            ids = self.redis.zrevrangebyscore(index, hi, lo, start=offset, num=limit * 2)
            if not ids:
                break
            offset += len(ids)
            for raw_id in ids:
                job_id = raw_id.decode()
                try:
                    job = self.get(job_id)
                except NotFound:
                    self.redis.zrem(index, job_id)  # its record expired
                    offset -= 1
                    continue
                if status is None or job.status == status:
                    jobs.append(job)
                if len(jobs) == limit:
                    break
        return jobs

    def get(self, job_id: str) -> Job:
        try:
            raw = self.redis.get(PREFIX + job_id)
        except redis.RedisError as exc:
            raise StorageUnavailable(f"Redis unavailable: {type(exc).__name__}") from exc
        if raw is None:
            raise NotFound(f"transcript {job_id} not found")
        return Job.model_validate_json(raw)

    def change(self, job_id: str, fields_of: Callable[[Job], dict[str, Any]]) -> tuple[Job, Job]:
        """Read-modify-write under WATCH, so the API and a stage never lose each other's fields:
        `fields_of(current)` gives the fields to set. Returns (before, after). A `status` among
        the fields obeys the lifecycle table (see `transition`): refused, nothing is written."""
        t = self._apply(job_id, fields_of)
        return t.before, t.after

    def transition(self, job_id: str, status: JobStatus, *, also: Callable[[Job], dict[str, Any]] | None = None,
                   **fields: Any) -> Transition:
        """Move the job to `status` (and set `fields`) if bleeper.state.lifecycle allows it, in
        one transaction. A terminal job asked for its own status again is left as it is; a move
        the table forbids is refused and logged: nothing is written and nothing raised, and
        `Transition.moved` tells the caller whether to announce anything. `also(current)` gives
        fields written in the same transaction (the `error` webhook marked owed)."""
        return self._apply(job_id, lambda job: {"status": status, **fields, **(also(job) if also else {})})

    def _apply(self, job_id: str, fields_of: Callable[[Job], dict[str, Any]]) -> Transition:
        key = PREFIX + job_id
        asked: list[JobStatus] = []

        def apply(pipe: redis.client.Pipeline) -> Transition:
            raw = pipe.get(key)
            if raw is None:
                raise NotFound(f"transcript {job_id} not found")
            before = Job.model_validate_json(raw)
            fields = fields_of(before)
            pipe.multi()
            if "status" in fields:
                asked[:] = [JobStatus(fields["status"])]
                if lifecycle.settled(before.status, asked[0]):
                    return Transition(before, before)
                if not lifecycle.allowed(before.status, asked[0]):
                    return Transition(before, before, refused=True)
            after = before.model_copy(update=fields)
            pipe.set(key, after.model_dump_json(), keepttl=True)
            return Transition(before, after)

        try:
            t: Transition = self.redis.transaction(apply, key, value_from_callable=True)
        except redis.RedisError as exc:
            raise StorageUnavailable(f"Redis unavailable: {type(exc).__name__}") from exc
        if t.refused:
            log.warning("job %s: %s -> %s refused; the job stays %s", job_id, t.before.status.value,
                        asked[0].value, t.before.status.value)
        if t.moved:
            self.metrics.job_status(job_id, t.before.status, t.after.status)
        return t

    def update(self, job_id: str, **fields: Any) -> Job:
        return self.change(job_id, lambda _: fields)[1]

    def record_stage(self, job_id: str, stage: str, seconds: float) -> None:
        self.change(job_id, lambda job: {"stages": {**job.stages, stage: round(seconds, 3)}})

    def start_attempt(self, job_id: str, stage: str) -> int:
        """Count a start of `stage`; returns the starts that have not ended, this one included.
        Kept in Redis, so it survives the requeue of a task whose process died, and it lives as
        long as the job's record."""
        return self._count_attempt(job_id, stage, 1)

    def end_attempt(self, job_id: str, stage: str) -> None:
        """The stage ended in a way Python saw (done, retried or failed): it did not crash."""
        self._count_attempt(job_id, stage, -1)

    def _count_attempt(self, job_id: str, stage: str, step: int) -> int:
        key = ATTEMPTS_PREFIX + job_id
        try:
            pipe = self.redis.pipeline()
            pipe.hincrby(key, stage, step)
            pipe.expire(key, self.ttl + TOMBSTONE_S)
            return int(pipe.execute()[0])
        except redis.RedisError as exc:
            raise StorageUnavailable(f"Redis unavailable: {type(exc).__name__}") from exc

    def mark(self, job_id: str, status: JobStatus, *, also: Callable[[Job], dict[str, Any]] | None = None,
             **fields: Any) -> Job:
        """Set the job's status as `transition` does; returns the record as it now stands (unchanged
        when the move was refused or already made)."""
        if status == JobStatus.completed:
            fields.setdefault("completed_at", time.time())
        return self.transition(job_id, status, also=also, **fields).after

    def scrub(self, job_id: str, status: JobStatus | None = None, **fields: Any) -> Job:
        """Once a job's data is deleted (by its owner or at retention), its record keeps no URL
        (a query string may name the caller), no webhook secret and of its custom entity types only
        the names (their phrases may name people): the tombstone answers 410 or "Deleted by user."
        for 7 more days and needs none of them."""
        def scrubbed(job: Job) -> dict[str, Any]:
            custom = job.options.redact_pii_custom_entities
            options = job.options.model_copy(update={"audio_url": DELETED_URL, "webhook_url": None,
                                                     "webhook_auth_header_value": None,
                                                     "redact_pii_custom_entities": [
                                                         CustomEntity(name=e.name) for e in custom] if custom else None})
            scrubbed_fields: dict[str, Any] = {"options": options, **fields}
            if job.symbl is not None:  # a conversation's name is the client's words: it goes with the data
                scrubbed_fields["symbl"] = job.symbl.model_copy(update={"name": None})
            return scrubbed_fields

        if status is not None:
            self.mark(job_id, status)
        return self.change(job_id, scrubbed)[1]

    def _set(self, job: Job, ex: int) -> None:
        try:
            self.redis.set(PREFIX + job.id, job.model_dump_json(), ex=ex)
        except redis.RedisError as exc:
            raise StorageUnavailable(f"Redis unavailable: {type(exc).__name__}") from exc

    # uploads: id -> owner, so a job can only use its own key's uploads
    def add_upload(self, upload_id: str, owner: str) -> None:
        self.redis.set(UPLOAD_PREFIX + upload_id, owner, ex=self.ttl)
        self.redis.zadd(UPLOADS, {upload_id: time.time()})

    def uploads_older_than(self, cutoff: float, limit: int = 500) -> list[str]:
        return [i.decode() for i in self.redis.zrangebyscore(UPLOADS, "-inf", cutoff, start=0, num=limit)]

    def forget_upload(self, upload_id: str) -> None:
        self.redis.zrem(UPLOADS, upload_id)
        self.redis.delete(UPLOAD_PREFIX + upload_id)

    def upload_owner(self, upload_id: str) -> str | None:
        raw = self.redis.get(UPLOAD_PREFIX + upload_id)
        return raw.decode() if raw is not None else None


def make_store(settings: Settings) -> JobStore:
    return JobStore(redis.Redis.from_url(settings.redis_address, socket_timeout=10), settings.retention)
