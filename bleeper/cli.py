"""`bleeper` command line: the local stack and the demo."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bleeper.config import get_settings

app = typer.Typer(help="Self-hosted PII redaction for call recordings.", no_args_is_help=True)
console = Console()


@app.command()
def up(
    workers: Annotated[int | None, typer.Option(help="worker processes (default BLEEPER_WORKER_CONCURRENCY)")] = None,
) -> None:
    """Start Redis, S3, a Celery worker, the API and Flower in the background."""
    from bleeper.stack import Stack, StackError

    stack = Stack(get_settings())
    try:
        stack.up(workers=workers, echo=console.print)
    except StackError as exc:
        console.print(f"[red]bleeper up failed:[/red] {exc}")
        raise typer.Exit(1) from None
    console.print(f"state in {stack.home}; stop with `bleeper down`")


@app.command()
def down() -> None:
    """Stop what `bleeper up` started (for this BLEEPER_HOME)."""
    from bleeper.stack import Stack

    Stack(get_settings()).down(echo=console.print)


@app.command()
def status() -> None:
    """Say which parts of the local stack run."""
    from bleeper.stack import Stack

    table = Table("component", "state", "where")
    running = Stack(get_settings()).status()
    for name, (alive, url) in running.items():
        table.add_row(name, "[green]running[/green]" if alive else "[red]stopped[/red]", url)
    console.print(table)
    raise typer.Exit(0 if all(alive for alive, _ in running.values()) else 3)


@app.command()
def demo(
    file: Annotated[Path | None, typer.Option(help="audio to submit (default: the bundled sample call)")] = None,
    timeout: Annotated[float, typer.Option(help="seconds to wait for the job")] = 600,
) -> None:
    """Start the stack, redact the sample call, print the results and the webhooks received."""
    from bleeper.demo import run_demo

    raise typer.Exit(run_demo(file, timeout, console))


if __name__ == "__main__":
    app()
