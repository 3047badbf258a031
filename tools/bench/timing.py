"""One timed bare Whisper pass, and one timed job through the API to its `completed` webhook."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bleeper.client.errors import JobFailed
from bleeper.client.http import Client
from tools.bench.errors import BenchError
from tools.bench.host import peak_rss_kb, reset_peak_rss
from tools.receiver import WebhookReceiver


def time_bare(path: Path, model: Any, settings: Any) -> dict[str, Any]:
    """One bare faster-whisper pass, exactly as the worker calls it; wall time and peak RSS of
    this process during the pass (VmHWM reset first, so it covers this pass only)."""
    from bleeper.asr import transcribe_audio

    reset = reset_peak_rss("self")
    started = time.perf_counter()
    transcript = transcribe_audio(path, model, language=None, beam_size=settings.whisper_beam_size)
    wall = time.perf_counter() - started
    return {"wall_s": wall, "words": len(transcript.words), "language": transcript.language,
            "peak_rss_kb": peak_rss_kb("self") if reset else None}


@dataclass
class Target:
    """What a job is timed against: the API (through the one client), the receiver its webhooks
    go to, the stack and job store behind it, and the worker pool whose memory is read."""

    client: Client
    receiver: WebhookReceiver
    stack: Any
    store: Any
    pool: list[int] = field(default_factory=list)
    pool_how: str = ""


def time_job(path: Path, target: Target, timeout: float) -> dict[str, Any]:
    """Upload (timed apart), then POST /v2/transcript → `completed` webhook received.

    Also reads the job record's stage timings from Redis and the worker pool's peak RSS over
    this job (VmHWM reset just before the POST).
    """
    started = time.perf_counter()
    audio_url = target.client.upload(path)
    upload_s = time.perf_counter() - started
    body = {"audio_url": audio_url, "redact_pii": True, "redact_pii_audio": True,
            "webhook_url": target.receiver.url}
    resets = [reset_peak_rss(p) for p in target.pool]
    t0 = time.monotonic()
    try:
        job_id = target.client.create(body)["id"]
    except JobFailed as exc:
        raise BenchError(f"submit refused ({exc.status_code}): {exc.detail}") from None
    final = target.receiver.first(job_id, ("completed", "error"), timeout)
    result: dict[str, Any] = {"id": job_id, "upload_s": upload_s}
    if final is None:
        result.update(status="timeout", error=f"no completed/error webhook within {timeout:.0f} s")
    else:
        result.update(status=final["body"]["status"], wall_s=final["at"] - t0)
        ready = target.receiver.first(job_id, ("redacted_audio_ready",))
        if ready is not None:
            result["redacted_audio_ready_s"] = ready["at"] - t0
    job = target.store.get(job_id)
    result["stages_s"] = dict(job.stages)
    result["entity_count"] = job.entity_count
    if job.status.value == "error" or result["status"] != "completed":
        result["error"] = result.get("error") or job.error
        result["failed_stage"] = job.failed_stage
    if job.completed_at and "wall_s" in result:
        # from the finalize stage's completed_at to the completed webhook's receipt
        result["after_finalize_s"] = max(0.0, (time.time() - time.monotonic() + final["at"]) - job.completed_at)
    peaks = [peak_rss_kb(p) for p in target.pool]
    peaks = [p for p in peaks if p]
    result["worker_peak_rss_kb"] = max(peaks) if peaks else None
    result["worker_peak_rss_sum_kb"] = sum(peaks) if peaks else None
    result["worker_peak_rss_reset"] = bool(resets) and all(resets)
    return result

