"""`bleeper submit`: a batch of recordings through the HTTP API, their redacted outputs written to a
folder. The command itself; the client it drives is `bleeper.client`."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from bleeper.client.batch import Options, State, run_batch
from bleeper.client.display import Display, summary
from bleeper.client.errors import SubmitError
from bleeper.client.http import Client, make_session, resolve_api
from bleeper.client.inputs import AUDIO_EXTENSIONS, collect_inputs, name_inputs
from bleeper.config import Settings


def run_submit(args: Sequence[str], options: Options, out: Path, concurrency: int, api_url: str | None,
               api_key: str | None, timeout: float | None, settings: Settings, console: Console) -> int:
    """The whole command: 0 when every input is done or skipped, 1 when any failed, 2 when the
    batch could not start, 130 when interrupted."""
    try:
        items = name_inputs(collect_inputs(args, exclude=out))
        if not items:
            raise SubmitError("no audio or video files found (extensions: "
                              f"{' '.join(sorted(e[1:] for e in AUDIO_EXTENSIONS))})")
        base, key = resolve_api(settings, api_url, api_key)
        client = Client(make_session(concurrency), base, key)
        client.check()
    except SubmitError as exc:
        console.print(f"[red]bleeper submit:[/red] {escape(str(exc))}", highlight=False)
        return 2
    console.print(f"{len(items)} input(s), {concurrency} at a time, outputs in {escape(str(out))}", highlight=False)
    started = time.monotonic()
    try:
        with Display(console, items) as display:
            outcomes = run_batch(client, items, options, out, concurrency, display, timeout)
    except KeyboardInterrupt:
        console.print("[yellow]interrupted[/yellow]: jobs already submitted keep running on the server")
        return 130
    console.print(summary(outcomes))
    counts = {s: sum(o.state == s for o in outcomes) for s in (State.done, State.failed, State.skipped)}
    console.print(f"{counts[State.done]} done, {counts[State.failed]} failed, {counts[State.skipped]} skipped "
                  f"in {time.monotonic() - started:.1f} s", highlight=False)
    return 1 if counts[State.failed] else 0
