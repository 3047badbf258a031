"""The bench run: inputs, a private stack, bare ASR and whole jobs alternately, results written."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bleeper.client.http import Client, make_session
from tools.bench.environment import bench_environment, choose_ports
from tools.bench.errors import BenchError
from tools.bench.host import machine, pool_pids, versions
from tools.bench.inputs import ROOT, input_dir, make_inputs
from tools.bench.summary import growth, median, print_tables, rounded, summarise
from tools.bench.timing import Target, time_bare, time_job
from tools.receiver import WebhookReceiver

DEFAULT_OUT = ROOT / "bench" / "results.json"


def run_bench(*, quick: bool = False, runs: int | None = None, out: Path = DEFAULT_OUT,
              console: Any = None, inputs: Path | None = None) -> int:
    """Make the inputs, start a private stack, time bare ASR and whole jobs alternately, write
    `out` and print a table. Returns 0 if every job completed, 1 otherwise (results still written)."""
    from rich.console import Console

    console = console or Console()
    runs = runs or (1 if quick else 3)
    say = console.print
    say(f"[b]bleeper bench[/b]: {'quick, ' if quick else ''}{runs} run(s) per file")
    files, warmup = make_inputs(inputs or input_dir(), quick=quick)
    say("inputs: " + ", ".join(f"{f.name} ({f.duration_s:.0f} s)" for f in files) + f" in {files[0].path.parent}")

    ports = choose_ports()
    home = Path(tempfile.mkdtemp(prefix="bleeper-bench-"))
    bench_environment(home, ports)

    from bleeper.config import get_settings
    from bleeper.state.jobs import make_store
    from bleeper.stack import Stack
    from bleeper.asr import load_model

    settings = get_settings()
    load_start = os.getloadavg()
    started_at = datetime.now(timezone.utc)
    t_load = time.perf_counter()
    model = load_model(settings.whisper_model, settings)
    model_load_s = time.perf_counter() - t_load

    stack = Stack(settings)
    receiver = WebhookReceiver()
    ok = False
    try:
        say(f"starting a private stack in {home} (redis {ports['redis']}, s3 {ports['s3']}, "
            f"api {ports['api']}, flower {ports['flower']}, 1 worker process)")
        stack.up(workers=1, timeout=300, echo=lambda line: say(f"  [dim]{line}[/dim]"))
        client = Client(make_session(1), settings.api_url, next(iter(settings.api_keys())))
        target = Target(client, receiver, stack, make_store(settings))
        target.pool, target.pool_how = pool_pids(stack)
        say(f"worker pool process(es): {target.pool} ({target.pool_how})")

        warm_bare = time_bare(warmup, model, settings)
        warm_job = time_job(warmup, target, timeout=600)
        say(f"warm-up on a 9 s clip: bare {warm_bare['wall_s']:.1f} s, job {warm_job.get('wall_s', float('nan')):.1f} s "
            f"({warm_job['status']})")
        if warm_job["status"] != "completed":
            raise BenchError(f"the warm-up job ended {warm_job['status']}: {warm_job.get('error')}; "
                             f"see {stack.log_dir}")

        bare: dict[str, list[dict[str, Any]]] = {f.name: [] for f in files}
        jobs: dict[str, list[dict[str, Any]]] = {f.name: [] for f in files}
        for r in range(runs):
            for f in files:
                b = time_bare(f.path, model, settings)
                bare[f.name].append(b)
                target.pool, target.pool_how = pool_pids(stack)  # a pool process may have been replaced
                j = time_job(f.path, target, timeout=max(600.0, 20 * f.duration_s))
                jobs[f.name].append(j)
                shown = f"{j['wall_s']:.1f} s" if "wall_s" in j else ""
                if j["status"] != "completed":
                    shown += f" [red]{j['status']}[/red] in {j.get('failed_stage') or '?'}: {j.get('error')}"
                say(f"run {r + 1}/{runs} {f.name:18} bare {b['wall_s']:6.1f} s   job {shown}")

        summaries = [summarise(f, bare[f.name], jobs[f.name]) for f in files]
        failures = []
        for s in summaries:
            failed = s["job"]["failed_runs"]
            if failed:
                to_error = median([v for v in failed["wall_s_to_error"] if v is not None])
                reached = f"; the error webhook came after a median {to_error:.1f} s" if to_error else ""
                failures += [f"{s['name']}: {e} ({s['runs']['job'] - s['runs']['job_completed']}/{s['runs']['job']}"
                             f" runs{reached}, bare ASR {s['bare_asr']['median_s']} s)" for e in s["job"]["errors"]]
        ok = not failures
        result = {
            "created": started_at.isoformat(timespec="seconds"),
            "wall_clock_s": round((datetime.now(timezone.utc) - started_at).total_seconds(), 1),
            "quick": quick,
            "runs": runs,
            "machine": {**machine(), "loadavg_start": [round(x, 2) for x in load_start],
                        "loadavg_end": [round(x, 2) for x in os.getloadavg()]},
            "settings": {
                "whisper_model": settings.whisper_model,
                "whisper_device": settings.whisper_device,
                "compute_type": settings.whisper_compute_type,
                "cpu_threads": settings.cpu_threads,
                "beam_size": settings.whisper_beam_size,
                "language": None,
                "worker_concurrency": 1,
                **{k: v for k, v in settings.model_dump().items() if k.startswith("audio_padding")},
                "log_level": settings.log_level,
                "request": {"redact_pii": True, "redact_pii_audio": True, "redact_pii_audio_quality": "mp3",
                            "redact_pii_policies": "all (default)"},
            },
            "versions": versions(),
            "method": {
                "bare_asr": "bleeper.asr.transcribe_audio on the local file in the bench process, model "
                            "loaded once before timing; wall time of the call",
                "job": "POST /v2/transcript (upload via POST /v2/upload beforehand, not timed: see upload_s) "
                       "to receipt of the `completed` webhook at a receiver in the bench process",
                "order": "per round, for each file: bare then job, strictly alternating; warm-up of both first",
                "median": f"median of {runs} run(s); stage_share = median stage seconds / median job wall; "
                          "other = job wall - sum of recorded stages (queue hand-offs, API, the two "
                          "webhook deliveries, which are not recorded as stages)",
                "rtf": "audio seconds / wall seconds (higher is faster)",
                "worker_peak_rss": f"VmHWM of the worker's pool process(es) ({target.pool_how}), reset via "
                                   "/proc/PID/clear_refs before each job; worker_peak_rss_mb is the max over "
                                   "pool processes (one with concurrency 1) and runs, *_sum_mb their sum",
                "bare_peak_rss": "VmHWM of the bench process over the bare pass (reset first); it also holds "
                                 "the bench's own imports",
            },
            "stack": {"ports": ports, "worker_pool_pids": target.pool},
            "model_load_s": round(model_load_s, 2),
            "warmup": {"file": warmup.name, "bare_s": rounded(warm_bare["wall_s"]), "job_s": rounded(warm_job.get("wall_s"))},
            "files": summaries,
            "growth": growth(summaries),
            "ok": ok,
            "failures": failures,
        }
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n")
        print_tables(result, console)
        say(f"results written to {out}")
        for failure in failures:
            say(f"[red]job failed[/red] {failure}")
        return 0 if ok else 1
    finally:
        receiver.close()
        stack.down(echo=lambda _: None)
        if ok:
            shutil.rmtree(home, ignore_errors=True)
        else:
            say(f"[yellow]kept the bench's stack home (logs) in {home}[/yellow]")

