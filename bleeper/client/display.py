"""How a batch looks: live progress on a terminal, a line per change elsewhere, a summary table at the end."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Column, Table

from bleeper.client.batch import Outcome, State
from bleeper.client.inputs import Input


class Display:
    """One line per input and an overall bar on a terminal; a plain line per change elsewhere (CI)."""

    STYLE = {State.done: "green", State.failed: "red", State.skipped: "dim"}
    FINISHED = (State.done, State.failed, State.skipped)

    def __init__(self, console: Console, items: Sequence[Input]) -> None:
        self.console, self.lock = console, threading.Lock()
        self.shown: dict[Input, State] = {}
        self.live = console.is_terminal
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(bar_width=20),
                                 TextColumn("{task.fields[state]}"), TimeElapsedColumn(),
                                 console=console, disable=not self.live)
        self.overall = self.progress.add_task("[b]all[/b]", total=len(items), state=f"0/{len(items)} finished")
        self.finished = self.failed = 0
        self.tasks: dict[Input, TaskID] = {
            item: self.progress.add_task(escape(item.label), total=1, start=False, state=State.queued.value)
            for item in items
        }

    def __enter__(self) -> Display:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def update(self, outcome: Outcome) -> None:
        item, state = outcome.input, outcome.state
        with self.lock:
            if self.shown.get(item) == state:
                return
            first = item not in self.shown
            self.shown[item] = state
            task, style = self.tasks[item], self.STYLE.get(state, "yellow")
            if first and state != State.skipped:
                self.progress.start_task(task)
            self.progress.update(task, state=f"[{style}]{state.value}[/{style}] {outcome.transcript_id or ''}",
                                 completed=1 if state in self.FINISHED else 0)
            if state in self.FINISHED:
                self.progress.stop_task(task)
                self.finished += 1
                self.failed += state == State.failed
                failed = f", [red]{self.failed} failed[/red]" if self.failed else ""
                self.progress.update(self.overall, completed=self.finished,
                                     state=f"{self.finished}/{len(self.tasks)} finished{failed}")
            if not self.live:
                tid = f" (transcript {outcome.transcript_id})" if outcome.transcript_id else ""
                why = f": {escape(outcome.error)}" if state == State.failed and outcome.error else ""
                self.console.print(f"{escape(item.label)}: [{style}]{state.value}[/{style}]{tid}{why}",
                                   highlight=False, soft_wrap=True)


def summary(outcomes: Sequence[Outcome]) -> Table:
    # ids are never cut short (they are what a user looks up); file names and errors wrap instead
    id_width = max((len(o.transcript_id or "") for o in outcomes), default=0)
    table = Table(Column("file", overflow="fold"), Column("status", no_wrap=True),
                  Column("transcript id", no_wrap=True, min_width=id_width),
                  Column("seconds", justify="right", no_wrap=True), Column("error", overflow="fold"),
                  title="bleeper submit")
    for o in outcomes:
        style = Display.STYLE.get(o.state, "")
        table.add_row(escape(o.input.label), f"[{style}]{o.state.value}[/{style}]" if style else o.state.value,
                      o.transcript_id or "—", f"{o.seconds:.1f}" if o.seconds is not None else "—",
                      escape(o.error or "") if o.state == State.failed else "")
    return table
