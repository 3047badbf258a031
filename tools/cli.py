"""`python -m tools`: the demo, the bench and detection scoring, for development (not installed)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bleeper.config import get_settings

app = typer.Typer(help="bleeper development tools: demo, bench, eval-pii.", no_args_is_help=True)
console = Console()
err_console = Console(stderr=True)


@app.command()
def demo(
    file: Annotated[Path | None, typer.Option(help="audio to submit (default: the bundled sample call)")] = None,
    timeout: Annotated[float, typer.Option(help="seconds to wait for the job")] = 600,
) -> None:
    """Start the stack, redact the sample call, print the results and the webhooks received."""
    from tools.demo import run_demo

    raise typer.Exit(run_demo(file, timeout, console))


@app.command("eval-pii")
def eval_pii(
    file: Annotated[Path, typer.Argument(help="labelled JSON lines, as shared/eval/pii_dev.jsonl")],
    split: Annotated[str | None, typer.Option(help="only items of this split")] = None,
    out: Annotated[Path | None, typer.Option(help="also write the scores as JSON here")] = None,
    misses: Annotated[bool, typer.Option(help="list the ids of missed spans and false positives")] = False,
) -> None:
    """Score detection: per policy and overall precision, recall, recall under any policy,
    and the share of PII characters left visible."""
    import json

    from bleeper.policies import ALL_POLICIES
    from tools import evaluate
    from bleeper.detection import build_analyzer, find_pii

    items = [i for i in evaluate.load(file) if split is None or i.get("split") == split]
    analyzer = build_analyzer()
    scores = get_settings().min_scores
    report = evaluate.score(items, lambda t: [(f.start, f.end, f.policy)
                                              for f in find_pii(t, analyzer, ALL_POLICIES, scores)])

    def pct(v: float | None) -> str:
        return "—" if v is None else f"{v:.3f}"

    table = Table("policy", "gold", "predicted", "precision", "recall", "recall (any policy)",
                  title=f"{file.name}: {len(items)} utterances")
    for name, s in sorted(report.policies.items()):
        table.add_row(name, str(s.gold), str(s.predicted), pct(s.precision), pct(s.recall), pct(s.recall_any))
    o = report.overall
    table.add_row("[b]overall[/b]", str(o.gold), str(o.predicted), pct(o.precision), pct(o.recall), pct(o.recall_any))
    console.print(table)
    console.print(f"PII characters left visible: {report.visible_share:.2%}")
    console.print(f"crashes: {len(report.crashes)}" + (" (" + ", ".join(f"{c['id']}:{c['error']}" for c in report.crashes)
                                                        + ")" if report.crashes else ""))
    if misses:
        console.print("missed:", ", ".join(f"{m['id']}:{m['policy']}" for m in report.misses) or "none")
        console.print("false positives:", ", ".join(f"{m['id']}:{m['policy']}" for m in report.false_positives) or "none")
    if out:
        out.write_text(json.dumps({"file": str(file), "split": split, "items": len(items), **report.as_dict()}, indent=2))


@app.command()
def bench(
    quick: Annotated[bool, typer.Option("--quick", help="only the sample call and the 1-minute call, 1 run each")] = False,
    runs: Annotated[int | None, typer.Option(min=1, help="runs per file, median reported (default 3; --quick: 1)")] = None,
    out: Annotated[Path | None, typer.Option(help="results JSON (default: bench/results.json in the repository)")] = None,
) -> None:
    """Time a bare faster-whisper pass against the whole job (submit → `completed` webhook) on the
    same files, alternately, through a private stack (own home and ports, one worker process).
    Exit 1 if any job failed (the results are written anyway)."""
    from bleeper.stack import StackError
    from tools.bench import DEFAULT_OUT, BenchError, run_bench

    try:
        code = run_bench(quick=quick, runs=runs, out=out or DEFAULT_OUT, console=console)
    except (BenchError, StackError) as exc:
        err_console.print(f"[red]bleeper bench failed:[/red] {exc}")
        raise typer.Exit(1) from None
    raise typer.Exit(code)
