"""How long a job takes to recover when its worker dies mid-task (kill -9 of the whole worker).

    .venv/bin/python bench/worker_loss.py [--time-limit 30]

Starts its own stack (own BLEEPER_HOME and ports), submits the sample call, kills the worker's
process group while the job is being transcribed, starts a new worker, and measures until the
job completes. The abandoned message is in Redis's unacked set; kombu restores it once it is
older than the visibility timeout (BLEEPER_TASK_TIME_LIMIT + 60 s), checking every 10 s.
Writes bench/worker_loss.json.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--time-limit", type=int, default=30)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bleeper-bench-loss-"))
    os.environ.update({"BLEEPER_HOME": str(home), "BLEEPER_REDIS_PORT": "46379", "BLEEPER_S3_PORT": "44333",
                       "BLEEPER_API_PORT": "48000", "BLEEPER_FLOWER_PORT": "45555",
                       "BLEEPER_TASK_TIME_LIMIT": str(args.time_limit)})
    import requests

    from bleeper.config import get_settings
    from bleeper.state.jobs import make_store
    from bleeper.stack import Stack

    settings = get_settings()
    stack = Stack(settings)
    stack.up(echo=lambda _: None)
    try:
        key = next(iter(settings.api_keys()))
        auth = {"Authorization": key}
        api = settings.api_url
        with open(ROOT / "samples" / "sample_call.mp3", "rb") as f:
            upload = requests.post(f"{api}/v2/upload", data=f, headers=auth, timeout=30).json()["upload_url"]
        job_id = requests.post(f"{api}/v2/transcript", json={"audio_url": upload}, headers=auth, timeout=30).json()["id"]
        store = make_store(settings)
        while "fetch" not in store.get(job_id).stages:  # fetched: transcription has started
            time.sleep(0.05)
        killed_at = time.monotonic()
        os.killpg(stack.pid("worker"), signal.SIGKILL)
        time.sleep(1)
        stack.up(echo=lambda _: None)  # a new worker, as a supervisor would start
        while True:
            status = requests.get(f"{api}/v2/transcript/{job_id}", headers=auth, timeout=10).json()["status"]
            if status in ("completed", "error"):
                break
            time.sleep(1)
        recovered = time.monotonic() - killed_at
        result = {"task_time_limit_s": args.time_limit, "visibility_timeout_s": settings.visibility_timeout,
                  "restore_sweep_s": 10, "job_status": status, "kill_to_completed_s": round(recovered, 1)}
        (ROOT / "bench" / "worker_loss.json").write_text(json.dumps(result, indent=2) + "\n")
        print(json.dumps(result, indent=2))
    finally:
        stack.down(echo=lambda _: None)


if __name__ == "__main__":
    sys.exit(main())
