"""The bench's figures: medians, ratios and stage shares per file, growth with length, the tables."""

from __future__ import annotations

import statistics
from typing import Any

from tools.bench.inputs import BenchFile

STAGES = ("fetch", "transcribe", "detect", "redact_text", "redact_audio", "finalize")


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def rounded(v: float | None, nd: int = 3) -> float | None:
    return None if v is None else round(v, nd)


def summarise(inp: BenchFile, bare: list[dict[str, Any]], jobs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians per file, overhead ratio, stage shares (of the job's median wall time), RTFs, RSS."""
    bare_walls = [b["wall_s"] for b in bare]
    done = [j for j in jobs if j["status"] == "completed"]
    job_walls = [j["wall_s"] for j in done]
    bare_med, job_med = median(bare_walls), median(job_walls)
    seen = {name for j in done for name in j["stages_s"]}
    names = [s for s in STAGES if s in seen] + sorted(seen - set(STAGES))  # a stage added later shows too
    stages_med = {s: median([j["stages_s"][s] for j in done if s in j["stages_s"]]) for s in names}
    other_med = median([j["wall_s"] - sum(j["stages_s"].values()) for j in done])
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
            "wall_s_to_error": [rounded(j.get("wall_s")) for j in failed],
            "stages_s": {n: rounded(median([j["stages_s"][n] for j in failed if n in j["stages_s"]]))
                         for n in [s for s in STAGES if s in seen_failed] + sorted(seen_failed - set(STAGES))},
            "failed_stage": sorted({j.get("failed_stage") or "?" for j in failed}),
        }
    per_run = [
        {"bare_s": rounded(b["wall_s"]), "job_s": rounded(j.get("wall_s")), "status": j["status"],
         "upload_s": rounded(j["upload_s"]), "stages_s": j["stages_s"], "entity_count": j.get("entity_count"),
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
            "wall_s": [rounded(v) for v in bare_walls],
            "median_s": rounded(bare_med),
            "rtf": rounded(inp.duration_s / bare_med, 2) if bare_med else None,
            "peak_rss_mb": round(max(bare_rss) / 1024, 1) if bare_rss else None,
            "words": bare[-1]["words"] if bare else None,
        },
        "job": {
            "statuses": [j["status"] for j in jobs],
            "errors": errors,
            "wall_s": [rounded(v) for v in job_walls],
            "median_s": rounded(job_med),
            "rtf": rounded(inp.duration_s / job_med, 2) if job_med else None,
            "upload_s": [rounded(j["upload_s"]) for j in jobs],
            "stages_s": {s: rounded(v) for s, v in stages_med.items()},
            "other_s": rounded(other_med),
            "stage_share": share,
            "redacted_audio_ready_s": rounded(median([j["redacted_audio_ready_s"] for j in done
                                                  if "redacted_audio_ready_s" in j])),
            "after_finalize_s": rounded(median([j["after_finalize_s"] for j in done if "after_finalize_s" in j])),
            "failed_runs": failed_summary,
        },
        "overhead_ratio": rounded(job_med / bare_med, 3) if job_med and bare_med else None,
        "overhead_s": rounded(job_med - bare_med) if job_med and bare_med else None,
        "transcribe_stage_over_bare": rounded(stages_med["transcribe"] / bare_med, 3)
        if bare_med and "transcribe" in stages_med else None,
        "worker_peak_rss_mb": round(max(rss) / 1024, 1) if rss else None,
        "worker_peak_rss_sum_mb": round(max(j["worker_peak_rss_sum_kb"] for j in jobs
                                            if j.get("worker_peak_rss_sum_kb")) / 1024, 1) if rss else None,
        "per_run": per_run,
    }


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

