"""A 60-minute call through the whole pipeline with 1 and with 2 worker processes (issue 14).

    .venv/bin/python bench/long_call.py [--minutes 60] [--workers 1 2] [--out bench/long_call.json]

For each worker count: a private stack with default settings (BLEEPER_ASR_PIECE_S 300 s, so a
60-minute call is 12 pieces: the `transcribe` stage decodes the file and transcribes the first
piece itself, a chord of `transcribe_piece` tasks does the other 11 on any worker), the call
uploaded and submitted with the beeped audio, timed from submit to `completed`. The stack's own
metrics give the time each stage took (the pieces' mean and count), from which the script models
what more workers would give: the serial part stays, the 11 other pieces go ceil(11 / W) deep.
Writes bench/long_call.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tools/ is not installed: it is imported from the repository

MODELLED = (1, 2, 4, 8, 32)


def run_once(call: Path, workers: int, minutes: int) -> dict:
    import requests

    from bleeper.config import get_settings
    from bleeper.stack import Stack
    from bleeper.state.metrics import Metrics
    from tools.bench.environment import bench_environment, choose_ports

    bench_environment(Path(tempfile.mkdtemp(prefix="bleeper-bench-long-")), choose_ports())
    os.environ["BLEEPER_WORKER_CONCURRENCY"] = str(workers)
    get_settings.cache_clear()
    settings = get_settings()
    stack = Stack(settings)
    stack.up(echo=lambda _: None)
    try:
        auth = {"Authorization": next(iter(settings.api_keys()))}
        api = settings.api_url
        with open(call, "rb") as f:
            upload = requests.post(f"{api}/v2/upload", data=f, headers=auth, timeout=120).json()["upload_url"]
        submitted = time.monotonic()
        job_id = requests.post(f"{api}/v2/transcript", json={"audio_url": upload, "redact_pii": True,
                                                              "redact_pii_audio": True},
                               headers=auth, timeout=30).json()["id"]
        while True:
            job = requests.get(f"{api}/v2/transcript/{job_id}", headers=auth, timeout=30).json()
            if job["status"] in ("completed", "error"):
                break
            time.sleep(2)
        wall = time.monotonic() - submitted
        import redis

        stages = Metrics(redis.Redis.from_url(settings.redis_address)).snapshot()["stages"]
        return {"workers": workers, "status": job["status"], "error": job.get("error"), "wall_s": round(wall, 1),
                "audio_s": minutes * 60, "x_real_time": round(minutes * 60 / wall, 2),
                "stages": {name: {"runs": d.get("count", 0), "mean_s": round(d.get("sum", 0) / max(1, d.get("count", 0)), 1),
                                  "total_s": round(d.get("sum", 0), 1)} for name, d in sorted(stages.items())}}
    finally:
        stack.down(echo=lambda _: None)


def model(one: dict) -> dict:
    """Wall time for W workers from the one-worker run: what does not fan out stays serial, the
    pieces other than the first go ceil(pieces / W) deep (each as long as the measured mean)."""
    pieces = one["stages"].get("transcribe_piece", {"runs": 0, "mean_s": 0.0})
    fanned = pieces["runs"] * pieces["mean_s"]
    serial = one["wall_s"] - fanned
    return {"serial_s": round(serial, 1), "pieces": pieces["runs"], "piece_mean_s": pieces["mean_s"],
            "wall_s": {w: round(serial + math.ceil(pieces["runs"] / w) * pieces["mean_s"], 1) for w in MODELLED}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=60)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "long_call.json")
    args = parser.parse_args()
    from tools.bench.host import machine, versions
    from tools.bench.inputs import input_dir, long_call

    call = long_call(input_dir(), args.minutes)
    runs = []
    for workers in args.workers:
        print(f"{args.minutes}-minute call, {workers} worker process(es) ...", flush=True)
        runs.append(run_once(call, workers, args.minutes))
        print(json.dumps(runs[-1]), flush=True)
    result = {"minutes": args.minutes, "machine": machine(), "versions": versions(), "runs": runs,
              "model_from_one_worker": model(runs[0]) if runs[0]["status"] == "completed" else None}
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result["model_from_one_worker"], indent=2))
    return 0 if all(r["status"] == "completed" for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
