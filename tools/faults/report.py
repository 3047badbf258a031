"""What each fault did to its jobs, judged from the outside: lost, stuck, final statuses, webhooks
per job (duplicates and their event ids, order), time from the fault to the job's end."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from tools.faults.jobs import ENDED, Job

EVENT_ID = "x-bleeper-event-id"
TERMINAL = ("completed", "error")


def _event_id(call: dict[str, Any]) -> str | None:
    return next((v for k, v in call["headers"].items() if k.lower() == EVENT_ID), None)


def out_of_order(statuses: list[str]) -> list[str]:
    """What arrived out of order, in arrival order: `redacted_audio_ready` after `completed` or
    `error`, anything but a repeat of `completed` after it, `completed` after `error`."""
    bad, ended = [], None
    for s in statuses:
        if ended == "completed" and s != "completed":
            bad.append(f"{s} after completed")
        elif ended == "error" and s != "error":
            bad.append(f"{s} after error")
        if s in TERMINAL and ended is None:
            ended = s
    return bad


def webhooks_of(job: Job, calls: list[dict[str, Any]]) -> dict[str, Any]:
    mine = sorted((c for c in calls if c["body"].get("transcript_id") == job.id), key=lambda c: c["at"])
    statuses = [c["body"].get("status") for c in mine]
    counts = Counter(statuses)
    dups = {}
    for status, n in counts.items():
        if n > 1:
            ids = [_event_id(c) for c in mine if c["body"].get("status") == status]
            dups[status] = {"count": n, "event_ids": "absent" if all(i is None for i in ids)
                            else "same" if len(set(ids)) == 1 else "different"}
    return {"sequence": statuses, "counts": dict(counts), "duplicates": dups, "out_of_order": out_of_order(statuses),
            "has_event_id": any(_event_id(c) for c in mine),
            "last_at": mine[-1]["at"] if mine else None}


def _s(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


def job_result(job: Job, calls: list[dict[str, Any]], final: str | None) -> dict[str, Any]:
    hooks = webhooks_of(job, calls)
    fault_at = job.fault_at or job.submitted
    ended = job.ended_at is not None
    return {
        "id": job.id, "status_when_ended": job.status if ended else None, "final_status": final,
        "error": job.error, "lost": not ended,
        "stuck": not ended or job.ended_at - fault_at > job.bound_s, "bound_s": _s(job.bound_s),
        "submit_to_end_s": _s(job.ended_at - job.submitted) if ended else None,
        "fault_to_end_s": _s(job.ended_at - fault_at) if ended else None,
        "recovery_to_end_s": _s(max(0.0, job.ended_at - job.recovered_at)) if ended and job.recovered_at else None,
        "fault_to_last_webhook_s": _s(hooks["last_at"] - fault_at) if hooks["last_at"] else None,
        "webhooks": {k: v for k, v in hooks.items() if k != "last_at"}, **job.notes,
    }


def summarise(name: str, phase: dict[str, Any], calls: list[dict[str, Any]], finals: dict[str, str | None]) -> dict[str, Any]:
    jobs = [job_result(j, calls, finals.get(j.id)) for j in phase["jobs"]]
    ends = [j["fault_to_end_s"] for j in jobs if j["fault_to_end_s"] is not None]
    dup_jobs = [j for j in jobs if j["webhooks"]["duplicates"]]
    dup_ids = Counter(d["event_ids"] for j in dup_jobs for d in j["webhooks"]["duplicates"].values())
    missing = [j["id"] for j in jobs if j["final_status"] in ENDED
               and j["webhooks"]["counts"].get(j["final_status"], 0) == 0]
    return {
        "fault": name,
        "submitted": len(jobs),
        "lost": sum(j["lost"] for j in jobs),
        "stuck": sum(j["stuck"] for j in jobs),
        "final_statuses": dict(Counter(str(j["final_status"]) for j in jobs)),
        "webhooks_per_job": dict(Counter(" ".join(f"{k}×{v}" for k, v in sorted(j["webhooks"]["counts"].items()))
                                         or "none" for j in jobs)),
        "jobs_with_duplicates": len(dup_jobs),
        "duplicate_event_ids": dict(dup_ids),
        "event_id_header_seen": any(j["webhooks"]["has_event_id"] for j in jobs),
        "out_of_order": sum(bool(j["webhooks"]["out_of_order"]) for j in jobs),
        "missing_final_webhook": missing,
        "fault_to_end_s": {"median": _s(statistics.median(ends)) if ends else None,
                           "max": _s(max(ends)) if ends else None},
        "fault_to_last_webhook_s": {"max": _s(max(hooks)) if (hooks := [j["fault_to_last_webhook_s"] for j in jobs
                                                                        if j["fault_to_last_webhook_s"]]) else None},
        "details": {k: v for k, v in phase.items() if k != "jobs"},
        "jobs": jobs,
    }


def invariants(faults: list[dict[str, Any]]) -> list[str]:
    """The issue's targets, as failures: lost, stuck, out of order, duplicates without one event id,
    a job that did not end `completed`, a final webhook never received."""
    bad = []
    for f in faults:
        name = f["fault"]
        for what in ("lost", "stuck", "out_of_order"):
            if f[what]:
                bad.append(f"{name}: {f[what]} job(s) {what.replace('_', ' ')}")
        unsafe = sum(n for k, n in f["duplicate_event_ids"].items() if k != "same")
        if unsafe:
            bad.append(f"{name}: {unsafe} duplicated webhook(s) without one event id")
        not_done = {k: v for k, v in f["final_statuses"].items() if k != "completed"}
        if not_done:
            bad.append(f"{name}: final statuses {not_done}")
        if f["missing_final_webhook"]:
            bad.append(f"{name}: {len(f['missing_final_webhook'])} job(s) without their final webhook")
    return bad


def print_table(result: dict[str, Any], console: Any) -> None:
    from rich import box
    from rich.table import Table

    m = result["machine"]
    table = Table(box=box.SIMPLE_HEAD, collapse_padding=True,
                  title=f"fault suite{' (quick)' if result['quick'] else ''}: {m['cores']} cores, "
                        f"{result['settings']['worker_concurrency']} worker processes",
                  caption="lost = never ended; stuck = not ended within its bound after the fault; "
                          "dup = jobs with a webhook twice (ids: same/different/absent); "
                          "order = jobs with a webhook out of order; end s = fault → job ended, median/max; "
                          "hook s = fault → last webhook, max")
    for col in ("fault", "jobs", "lost", "stuck", "final", "webhooks per job", "dup (ids)", "order", "end s", "hook s"):
        table.add_column(col, justify="left" if col in ("fault", "final", "webhooks per job") else "right")

    def red(n: int) -> str:
        return f"[red]{n}[/red]" if n else "0"

    for f in result["faults"]:
        ids = ", ".join(f"{k} {v}" for k, v in f["duplicate_event_ids"].items())
        finals = ", ".join(f"{k} {v}" for k, v in f["final_statuses"].items())
        hooks = "; ".join(f"{k} ({v})" if len(f["webhooks_per_job"]) > 1 else k for k, v in f["webhooks_per_job"].items())
        e = f["fault_to_end_s"]
        table.add_row(f["fault"], str(f["submitted"]), red(f["lost"]), red(f["stuck"]), finals, hooks,
                      f"{f['jobs_with_duplicates']}" + (f" ({ids})" if ids else ""), red(f["out_of_order"]),
                      "—" if e["median"] is None else f"{e['median']:.0f}/{e['max']:.0f}",
                      "—" if (h := f["fault_to_last_webhook_s"]["max"]) is None else f"{h:.0f}")
    console.print(table)
