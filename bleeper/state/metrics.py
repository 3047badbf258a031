"""Pipeline figures kept in Redis, so every worker adds to them and the API (GET /metrics,
Prometheus format) and `bleeper status` read the same numbers. Nothing here carries PII: counts,
seconds, status and stage names."""

from __future__ import annotations

from collections.abc import Iterator

import redis
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily
from prometheus_client.registry import Collector

from bleeper.models import JobStatus
from bleeper.queues import PRIORITY_STEPS, QUEUES

KEY = "bleeper:metrics"
STAGE_BUCKETS = (0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600)
_SEP = "\x06\x16"  # kombu's separator in those list names
STATUS_INDEX = "bleeper:status:"  # set of job ids per current status


class Metrics:
    def __init__(self, client: redis.Redis) -> None:
        self.redis = client

    # --- writers (workers, API) -----------------------------------------------------------------

    def job_status(self, job_id: str, old: str | None, new: str) -> None:
        pipe = self.redis.pipeline()
        if old:
            pipe.srem(STATUS_INDEX + old, job_id)
        pipe.sadd(STATUS_INDEX + new, job_id)
        if new in (JobStatus.completed, JobStatus.error):
            pipe.hincrby(KEY, f"jobs_finished_total|{new}", 1)
        pipe.execute()

    def stage(self, stage: str, seconds: float) -> None:
        pipe = self.redis.pipeline()
        for bound in STAGE_BUCKETS:
            if seconds <= bound:
                pipe.hincrby(KEY, f"stage_bucket|{stage}|{bound}", 1)
        pipe.hincrby(KEY, f"stage_count|{stage}", 1)
        pipe.hincrbyfloat(KEY, f"stage_sum|{stage}", seconds)
        pipe.execute()

    def webhook(self, event: str, outcome: str) -> None:
        self.redis.hincrby(KEY, f"webhooks_total|{event}|{outcome}", 1)

    def audio_seconds(self, seconds: float) -> None:
        self.redis.hincrbyfloat(KEY, "audio_seconds_total", seconds)

    def reaped(self, outcome: str) -> None:
        """A stranded job the reaper handled: `republished` or `error` (workers/reap.py)."""
        self.redis.hincrby(KEY, f"reaped_total|{outcome}", 1)

    # --- readers --------------------------------------------------------------------------------

    def snapshot(self) -> dict:
        raw = {k.decode(): v.decode() for k, v in self.redis.hgetall(KEY).items()}
        statuses = {s.value: self.redis.scard(STATUS_INDEX + s.value) for s in JobStatus}
        queues = {q: sum(self.redis.llen(q if p == 0 else f"{q}{_SEP}{p}") for p in PRIORITY_STEPS) for q in QUEUES}
        stages: dict[str, dict] = {}
        for key, value in raw.items():
            kind, *rest = key.split("|")
            if kind == "stage_count":
                stages.setdefault(rest[0], {})["count"] = int(value)
            elif kind == "stage_sum":
                stages.setdefault(rest[0], {})["sum"] = float(value)
            elif kind == "stage_bucket":
                stages.setdefault(rest[0], {}).setdefault("buckets", {})[float(rest[1])] = int(value)
        webhooks = {tuple(k.split("|")[1:]): int(v) for k, v in raw.items() if k.startswith("webhooks_total|")}
        finished = {k.split("|")[1]: int(v) for k, v in raw.items() if k.startswith("jobs_finished_total|")}
        reaped = {k.split("|")[1]: int(v) for k, v in raw.items() if k.startswith("reaped_total|")}
        return {"jobs": statuses, "finished": finished, "queues": queues, "stages": stages, "webhooks": webhooks,
                "reaped": reaped, "audio_seconds": float(raw.get("audio_seconds_total", 0))}


class RedisCollector(Collector):
    """Reads the figures at scrape time."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterator:
        snap = self.metrics.snapshot()
        jobs = GaugeMetricFamily("bleeper_jobs", "Jobs by current status (within retention)", labels=["status"])
        for status, n in snap["jobs"].items():
            jobs.add_metric([status], n)
        yield jobs
        finished = CounterMetricFamily("bleeper_jobs_finished", "Jobs that ended, by outcome", labels=["status"])
        for status, n in snap["finished"].items():
            finished.add_metric([status], n)
        yield finished
        queues = GaugeMetricFamily("bleeper_queue_depth", "Messages waiting in each Celery queue", labels=["queue"])
        for queue, n in snap["queues"].items():
            queues.add_metric([queue], n)
        yield queues
        hist = HistogramMetricFamily("bleeper_stage_duration_seconds", "Time spent in each stage", labels=["stage"])
        for stage, data in snap["stages"].items():
            buckets = [(str(b), data.get("buckets", {}).get(float(b), 0)) for b in STAGE_BUCKETS]
            buckets.append(("+Inf", data.get("count", 0)))
            hist.add_metric([stage], buckets, sum_value=data.get("sum", 0.0))
        yield hist
        hooks = CounterMetricFamily("bleeper_webhook_deliveries", "Webhook attempts by event and outcome",
                                    labels=["event", "outcome"])
        for (event, outcome), n in snap["webhooks"].items():
            hooks.add_metric([event, outcome], n)
        yield hooks
        reaped = CounterMetricFamily("bleeper_reaped", "Stranded jobs the reaper republished or ended in error",
                                     labels=["outcome"])
        for outcome, n in snap["reaped"].items():
            reaped.add_metric([outcome], n)
        yield reaped
        audio = CounterMetricFamily("bleeper_audio_seconds", "Seconds of audio in completed jobs")
        audio.add_metric([], snap["audio_seconds"])
        yield audio
