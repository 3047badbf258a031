"""What the reaper (workers/reap.py) reads to find stranded jobs, kept beside the job records.

    bleeper:unpublished  job id -> when it was recorded; left once its chain is on the queue
    bleeper:progress     job id -> when its last stage started
    bleeper:progress:stage  job id -> which stage that was (the reaper's error names it)

A job is recorded as unpublished before its record is written and taken off once the broker has
its chain, so a job whose chain never reached the broker (Redis down at that moment, the API
killed in between) stays listed. Taking an id off either set is the reaper's claim on it: Redis
answers 1 to exactly one of two reapers racing, so a job is republished or failed only once.
"""

from __future__ import annotations

import time

import redis

from bleeper.errors import StorageUnavailable

UNPUBLISHED = "bleeper:unpublished"
PROGRESS = "bleeper:progress"
STAGE = "bleeper:progress:stage"


class Progress:
    def __init__(self, client: redis.Redis) -> None:
        self.redis = client

    def recorded(self, job_id: str, at: float | None = None) -> None:
        """The job is about to be recorded; its chain is not on the queue yet."""
        self._call(self.redis.zadd, UNPUBLISHED, {job_id: time.time() if at is None else at})

    def published(self, job_id: str) -> None:
        self._call(self.redis.zrem, UNPUBLISHED, job_id)

    def stage_started(self, job_id: str, stage: str, at: float | None = None) -> None:
        pipe = self.redis.pipeline()
        pipe.zadd(PROGRESS, {job_id: time.time() if at is None else at})
        pipe.hset(STAGE, job_id, stage)
        self._call(pipe.execute)

    def last_stage(self, job_id: str) -> str | None:
        """The stage that started last for the job, while it is listed (None once claimed)."""
        stage = self._call(self.redis.hget, STAGE, job_id)
        return stage.decode() if stage is not None else None

    def unpublished_before(self, cutoff: float, limit: int = 500) -> list[str]:
        return self._ids(UNPUBLISHED, cutoff, limit)

    def stalled_before(self, cutoff: float, limit: int = 500) -> list[str]:
        """Jobs whose last stage started before `cutoff` (finished ones too, until they are claimed)."""
        return self._ids(PROGRESS, cutoff, limit)

    def claim_unpublished(self, job_id: str) -> bool:
        return bool(self._call(self.redis.zrem, UNPUBLISHED, job_id))

    def claim_stalled(self, job_id: str, before: float) -> bool:
        """Take the job off the progress set only if no stage has started since `before`."""
        claimed = self._call(self.redis.eval, _CLAIM_IF_OLDER, 1, PROGRESS, job_id, repr(before))
        return bool(claimed)

    def forget_stage(self, job_id: str) -> None:
        self._call(self.redis.hdel, STAGE, job_id)

    def _ids(self, key: str, cutoff: float, limit: int) -> list[str]:
        return [i.decode() for i in self._call(self.redis.zrangebyscore, key, "-inf", cutoff, start=0, num=limit)]

    @staticmethod
    def _call(method, *args, **kwargs):  # noqa: ANN001, ANN205
        try:
            return method(*args, **kwargs)
        except redis.RedisError as exc:
            raise StorageUnavailable(f"Redis unavailable: {type(exc).__name__}") from exc


# ZREM only while the score is still older than the cutoff: a stage that started meanwhile wins.
# The stage's name stays for the claimer to read (the reaper deletes it with forget_stage).
_CLAIM_IF_OLDER = """
local at = redis.call('ZSCORE', KEYS[1], ARGV[1])
if at and tonumber(at) <= tonumber(ARGV[2]) then
  return redis.call('ZREM', KEYS[1], ARGV[1])
end
return 0
"""
