"""Symbl's jobIds: each names the conversation (a bleeper job) it processes. Kept in Redis as long
as the job's record (JobStore: retention plus the tombstone)."""

from __future__ import annotations

import redis

from bleeper.state.jobs import TOMBSTONE_S

PREFIX = "bleeper:symbl:job:"


class SymblJobs:
    def __init__(self, client: redis.Redis, retention_s: int) -> None:
        self.redis = client
        self.ttl = retention_s + TOMBSTONE_S

    def add(self, job_id: str, conversation_id: str) -> None:
        self.redis.set(PREFIX + job_id, conversation_id, ex=self.ttl)

    def conversation_of(self, job_id: str) -> str | None:
        raw = self.redis.get(PREFIX + job_id)
        return raw.decode() if raw is not None else None
