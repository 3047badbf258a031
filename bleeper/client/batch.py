"""A batch of recordings through the API: one job's flow (upload, submit, poll, write) and the pool that runs them."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bleeper.client.errors import JobFailed
from bleeper.client.http import Client
from bleeper.client.inputs import Input, Outputs, completed_before, write_whole
from bleeper.models import Substitution

if TYPE_CHECKING:
    from bleeper.client.display import Display


class State(StrEnum):
    queued = "queued"
    uploading = "uploading"
    processing = "processing"
    downloading = "downloading"
    done = "done"
    failed = "failed"
    skipped = "skipped"


@dataclass
class Outcome:
    input: Input
    state: State
    transcript_id: str | None = None
    seconds: float | None = None
    error: str | None = None


@dataclass(frozen=True)
class Options:
    """What each POST /v2/transcript asks for; None leaves the server's default."""

    policies: tuple[str, ...] | None = None
    sub: Substitution | None = None
    audio: bool = False

    def body(self, audio_url: str) -> dict[str, Any]:
        body: dict[str, Any] = {"audio_url": audio_url, "redact_pii": True, "redact_pii_audio": self.audio}
        if self.policies is not None:
            body["redact_pii_policies"] = list(self.policies)
        if self.sub is not None:
            body["redact_pii_sub"] = self.sub.value
        return body


Report = Callable[[Outcome], None]  # called with the job's outcome each time its state changes


def run_job(client: Client, item: Input, options: Options, out: Path, report: Report,
            stop: threading.Event | None = None, timeout: float | None = None) -> Outcome:
    """Upload (or pass the URL), submit, poll, write the outputs. Never raises for a failed job."""
    stop = stop or threading.Event()
    started = time.monotonic()
    outcome = Outcome(item, State.queued)

    def move(state: State) -> None:
        outcome.state = state
        report(outcome)

    try:
        if item.is_url:
            audio_url = item.source
        else:
            move(State.uploading)
            audio_url = client.upload(Path(item.source))
        if stop.is_set():  # interrupted during the upload: start nothing new
            raise JobFailed("interrupted")
        job = client.create(options.body(audio_url))
        outcome.transcript_id = job["id"]
        move(State.queued)
        deadline = started + timeout if timeout else None
        job = client.wait(job["id"], stop, deadline, lambda status: move(State(status)))
        if job["status"] != "completed":
            raise JobFailed(job.get("error") or f"the job ended {job['status']}")
        move(State.downloading)
        paths = Outputs.of(out, item.stem)
        if options.audio:
            client.redacted_audio(job["id"], paths.audio, stop)
        write_whole(paths.txt, ((job.get("text") or "") + "\n").encode())
        write_whole(paths.json, json.dumps(job, indent=2, ensure_ascii=False).encode())
        final = State.done
    except JobFailed as exc:
        final, outcome.error = State.failed, str(exc)
    except OSError as exc:  # reading the input or writing an output
        final, outcome.error = State.failed, f"{type(exc).__name__}: {exc.strerror or exc}"
    except (KeyError, TypeError, ValueError) as exc:  # an answer that is not the API's JSON
        final, outcome.error = State.failed, f"unexpected answer from the API ({type(exc).__name__})"
    outcome.seconds = time.monotonic() - started
    move(final)
    return outcome


def run_batch(client: Client, items: Sequence[Input], options: Options, out: Path, concurrency: int,
              display: Display, timeout: float | None = None) -> list[Outcome]:
    """Skip inputs done by an earlier run; run the rest, at most `concurrency` at a time."""
    out.mkdir(parents=True, exist_ok=True)
    outcomes: dict[Input, Outcome] = {}
    todo = []
    for item in items:
        if done_id := completed_before(out, item.stem, options.audio):
            outcomes[item] = Outcome(item, State.skipped, done_id)
            display.update(outcomes[item])
        else:
            todo.append(item)
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="submit") as pool:
        futures = {item: pool.submit(run_job, client, item, options, out, display.update, stop, timeout)
                   for item in todo}
        try:
            for item, future in futures.items():
                outcomes[item] = future.result()
        except KeyboardInterrupt:
            stop.set()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return [outcomes[item] for item in items]
