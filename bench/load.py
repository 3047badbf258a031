"""Load test: N short jobs submitted at once to a local stack with 2 worker processes.

    .venv/bin/python bench/load.py [--jobs 200] [--workers 2]

Loopback only, bounded in count and time (it gives up after --timeout seconds). Starts its own
stack (own BLEEPER_HOME and ports), uploads a 4-second clip of the sample call once, submits
every job with a webhook to a local receiver, and checks that every job completed, none was
lost and none ran twice (exactly one `completed` webhook per job). Reports throughput and queue
wait (submit → first stage started) and writes bench/load.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tools/ is not installed: it is imported from the repository


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bleeper-load-"))
    os.environ.update({"BLEEPER_HOME": str(home), "BLEEPER_REDIS_PORT": "52379", "BLEEPER_S3_PORT": "52333",
                       "BLEEPER_API_PORT": "52000", "BLEEPER_FLOWER_PORT": "52555",
                       "BLEEPER_ALLOW_PRIVATE_URLS": "true", "BLEEPER_LOG_LEVEL": "WARNING"})
    import requests

    from bleeper.config import get_settings
    from bleeper.state.jobs import make_store
    from bleeper.media import ffmpeg_exe
    from bleeper.stack import Stack
    from tools.receiver import WebhookReceiver

    settings = get_settings()
    stack = Stack(settings)
    stack.up(workers=args.workers, echo=lambda _: None)
    receiver = WebhookReceiver()
    try:
        clip = home / "clip.mp3"
        subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-i", str(ROOT / "samples" / "sample_call.mp3"),
                        "-t", "4", "-c", "copy", str(clip)], check=True)
        auth = {"Authorization": next(iter(settings.api_keys()))}
        api = settings.api_url
        with open(clip, "rb") as f:
            upload = requests.post(f"{api}/v2/upload", data=f, headers=auth, timeout=30).json()["upload_url"]

        def submit(_: int) -> tuple[str, float]:
            body = {"audio_url": upload, "webhook_url": receiver.url}
            r = requests.post(f"{api}/v2/transcript", json=body, headers=auth, timeout=60)
            r.raise_for_status()
            return r.json()["id"], time.time()

        started = time.time()
        with ThreadPoolExecutor(16) as pool:
            submitted = dict(pool.map(submit, range(args.jobs)))
        submit_s = time.time() - started
        store = make_store(settings)
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline:
            done = [store.get(i) for i in submitted]
            if all(j.status in ("completed", "error") for j in done):
                break
            time.sleep(1)
        elapsed = time.time() - started
        hooks = Counter(h["body"]["transcript_id"] for h in receiver.wait_for(args.jobs, 30)
                        if h["body"]["status"] == "completed")
        statuses = Counter(j.status.value for j in done)
        # queue wait: submitted -> fetch started = completed_at - sum(stage times) is approximate;
        # use each job's created_at and the time its first stage finished minus that stage's time
        waits = [max(0.0, (j.completed_at or 0) - j.created_at - sum(j.stages.values())) for j in done
                 if j.completed_at]
        result = {
            "jobs": args.jobs, "worker_processes": args.workers, "clip_seconds": 4,
            "statuses": dict(statuses), "lost": args.jobs - sum(statuses.values()),
            "completed_webhooks_per_job": dict(Counter(hooks.values())),
            "duplicated": sum(1 for n in hooks.values() if n > 1),
            "submit_seconds": round(submit_s, 1), "wall_seconds": round(elapsed, 1),
            "throughput_jobs_per_min": round(args.jobs / elapsed * 60, 1),
            "audio_x_realtime": round(args.jobs * 4 / elapsed, 2),
            "queue_wait_s": {"median": round(statistics.median(waits), 1), "max": round(max(waits), 1)},
            "cpus": len(os.sched_getaffinity(0)),
        }
        (ROOT / "bench" / "load.json").write_text(json.dumps(result, indent=2) + "\n")
        print(json.dumps(result, indent=2))
        ok = statuses.get("completed") == args.jobs and result["duplicated"] == 0 and len(hooks) == args.jobs
        return 0 if ok else 1
    finally:
        receiver.close()
        stack.down(echo=lambda _: None)


if __name__ == "__main__":
    sys.exit(main())
