"""`bleeper submit`: a batch of recordings through the HTTP API, their redacted outputs written to a folder."""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import requests
from requests.adapters import HTTPAdapter
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Column, Table
from urllib3.util import Retry

from bleeper.config import Settings
from bleeper.logs import redact_url

AUDIO_EXTENSIONS = frozenset(
    {".mp3", ".wav", ".m4a", ".flac", ".ogg", ".opus", ".aac", ".mp4", ".mov", ".webm", ".mkv"}
)
UNFINISHED = ("queued", "processing")


class SubmitError(Exception):
    """The batch cannot start (no inputs, no key, API unreachable): nothing was submitted."""


class JobFailed(Exception):
    """One input failed; the message is the server's or names the step, never text or signed URLs."""


class Unreachable(JobFailed):
    """A network error or a 5xx: polling goes on through a short outage (an API restart)."""


class Substitution(StrEnum):
    hash = "hash"
    entity_name = "entity_name"
    obfuscation = "obfuscation"
    custom = "custom"
    pseudonym = "pseudonym"


class State(StrEnum):
    queued = "queued"
    uploading = "uploading"
    processing = "processing"
    downloading = "downloading"
    done = "done"
    failed = "failed"
    skipped = "skipped"


@dataclass(frozen=True)
class Input:
    source: str  # a local path or an http(s) URL, as collected
    stem: str  # output name without extension, unique in the batch

    @property
    def is_url(self) -> bool:
        return _is_url(self.source)

    @property
    def label(self) -> str:
        """What the terminal shows: URLs lose their query (it may hold a signature) and userinfo."""
        return redact_url(self.source) if self.is_url else self.source


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


# --- inputs and outputs ---------------------------------------------------------------------------


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def collect_inputs(args: Sequence[str], exclude: Path | None = None) -> list[str]:
    """Files as named, folders searched recursively for audio/video by extension, http(s) URLs.

    Hidden files are left out (macOS `._call.mp3` forks are not audio), and so is `exclude` (the
    output folder: its `.redacted.mp3` files must not come back as inputs). Order is stable, so
    a rerun gives every input the same stem."""
    skip = exclude.resolve() if exclude else None
    found: list[str] = []
    seen: set[str] = set()

    def take(source: str, key: str) -> None:
        if key not in seen:
            seen.add(key)
            found.append(source)

    for arg in args:
        if _is_url(arg):
            take(arg, arg)
        elif "://" in arg:
            raise SubmitError(f"{redact_url(arg)}: only http and https URLs can be submitted")
        elif (path := Path(arg)).is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if (child.is_file() and child.suffix.lower() in AUDIO_EXTENSIONS
                        and not any(p.startswith(".") for p in rel)
                        and not (skip and child.resolve().is_relative_to(skip))):
                    take(str(child), str(child.resolve()))
        elif path.is_file():
            take(arg, str(path.resolve()))
        else:
            raise SubmitError(f"{arg}: no such file or folder")
    return found


def _url_stem(url: str) -> str:
    parts = urlsplit(url)
    last = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    name = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", last) if last else parts.hostname or ""
    return re.sub(r"[^\w.-]+", "_", name).strip("._-")[:100] or "download"


def name_inputs(sources: Sequence[str]) -> list[Input]:
    """Give each input a stem for its outputs: the file name, or the URL's last path component
    (sanitised); a repeated stem gets `-2`, `-3`, ... (compared case-insensitively, for macOS)."""
    used: set[str] = set()
    named = []
    for source in sources:
        base = _url_stem(source) if _is_url(source) else Path(source).stem
        stem, n = base, 1
        while stem.casefold() in used:
            n += 1
            stem = f"{base}-{n}"
        used.add(stem.casefold())
        named.append(Input(source, stem))
    return named


@dataclass(frozen=True)
class Outputs:
    json: Path  # written last: a completed one marks the input done
    txt: Path
    audio: Path

    @classmethod
    def of(cls, out: Path, stem: str) -> Outputs:
        return cls(out / f"{stem}.json", out / f"{stem}.txt", out / f"{stem}.redacted.mp3")


def completed_before(out: Path, stem: str, audio: bool) -> str | None:
    """The transcript id when `out` already holds this input's completed outputs, else None."""
    paths = Outputs.of(out, stem)
    try:
        job = json.loads(paths.json.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(job, dict) or job.get("status") != "completed" or not paths.txt.exists():
        return None
    if audio and not paths.audio.exists():
        return None
    return str(job.get("id") or "—")


def _write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """All or nothing: a half-written output must never look like a finished one."""
    part = path.with_name(f".{path.name}.part")
    try:
        with open(part, "wb") as f:
            for chunk in [data] if isinstance(data, bytes) else data:
                f.write(chunk)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


# --- the API ---------------------------------------------------------------------------------------


def make_session(concurrency: int) -> requests.Session:
    """GETs retry connection errors and 502/503/504 briefly; POSTs are never repeated."""
    session = requests.Session()
    retry = Retry(total=2, backoff_factor=0.5, status_forcelist=(502, 503, 504),
                  allowed_methods=frozenset({"GET"}), raise_on_status=False)
    adapter = HTTPAdapter(max_retries=retry, pool_maxsize=max(10, concurrency * 2))
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def resolve_api(settings: Settings, api_url: str | None, api_key: str | None) -> tuple[str, str]:
    key = api_key or next(iter(sorted(settings.api_keys())), None)
    if not key:
        raise SubmitError(
            "no API key: pass --api-key, set BLEEPER_API_KEY, or run `bleeper up` "
            f"(it generates one into {settings.home_dir / 'credentials.json'})"
        )
    return (api_url or settings.api_url).rstrip("/"), key


class Client:
    """The v2 endpoints a batch needs, over an injected requests session that the worker threads
    share: it holds only the connection pool (the key goes on each API request, never to S3)."""

    def __init__(self, session: requests.Session, base: str, key: str, *, poll_s: float = 0.5,
                 max_poll_s: float = 5.0, outage_s: float = 120.0) -> None:
        self.session, self.base, self.auth = session, base, {"Authorization": key}
        self.poll_s, self.max_poll_s, self.outage_s = poll_s, max_poll_s, outage_s

    def _call(self, method: str, path: str, step: str, ok: tuple[int, ...] = (200,), **kw: Any) -> requests.Response:
        try:
            r = self.session.request(method, f"{self.base}{path}", headers=self.auth, timeout=(10, 300), **kw)
        except requests.RequestException as exc:
            raise Unreachable(f"{step}: {type(exc).__name__} talking to the API") from None
        if r.status_code not in ok:
            try:
                message = r.json()["error"]
            except (ValueError, KeyError, TypeError):
                message = r.reason
            raise (Unreachable if r.status_code >= 500 else JobFailed)(f"{step}: HTTP {r.status_code}: {message}")
        return r

    def check(self) -> None:
        """Fail the batch early when the API is down or refuses the key."""
        try:
            self._call("GET", "/v2/transcript", "checking the API", params={"limit": 1})
        except Unreachable as exc:
            raise SubmitError(f"{exc} at {redact_url(self.base)}: is it running? (`bleeper status`)") from None
        except JobFailed as exc:
            raise SubmitError(f"{exc} (API {redact_url(self.base)})") from None

    def upload(self, path: Path) -> str:
        # Safe to repeat once (a duplicate only leaves an unused upload to expire), unlike POST
        # /v2/transcript: a pooled keep-alive connection the server has just closed fails a POST.
        try:
            return self._upload(path)
        except Unreachable:
            return self._upload(path)

    def _upload(self, path: Path) -> str:
        with open(path, "rb") as f:
            return self._call("POST", "/v2/upload", "upload", data=f).json()["upload_url"]

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._call("POST", "/v2/transcript", "submit", json=body).json()

    def wait(self, job_id: str, stop: threading.Event, deadline: float | None,
             on_status: Callable[[str], None]) -> dict[str, Any]:
        delay, failing_since = self.poll_s, None
        while True:
            try:
                job = self._call("GET", f"/v2/transcript/{job_id}", "poll").json()
            except Unreachable:
                failing_since = failing_since or time.monotonic()
                if time.monotonic() - failing_since > self.outage_s:
                    raise
            else:
                failing_since = None
                if job["status"] not in UNFINISHED:
                    return job
                on_status(job["status"])
            if deadline is not None and time.monotonic() > deadline:
                raise JobFailed("not finished within --timeout; it keeps running on the server")
            if stop.wait(delay):
                raise JobFailed("interrupted; it keeps running on the server")
            delay = min(delay * 1.5, self.max_poll_s)

    def redacted_audio(self, job_id: str, dest: Path, stop: threading.Event) -> None:
        for _ in range(60):  # 202 while the file is being made; it is ready once a job completed
            r = self._call("GET", f"/v2/transcript/{job_id}/redacted-audio", "redacted audio", ok=(200, 202))
            if r.status_code == 200:
                break
            if stop.wait(1):
                raise JobFailed("interrupted")
        else:
            raise JobFailed("redacted audio: still not ready after 60 s")
        try:  # a presigned S3 URL: no Authorization header, or S3 sees two signatures
            with self.session.get(r.json()["redacted_audio_url"], timeout=(10, 300), stream=True) as got:
                if got.status_code != 200:
                    raise JobFailed(f"redacted audio download: HTTP {got.status_code}")
                _write(dest, got.iter_content(1 << 20))
        except requests.RequestException as exc:
            raise JobFailed(f"redacted audio download: {type(exc).__name__}") from None


# --- one job, then the batch ----------------------------------------------------------------------


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
        _write(paths.txt, ((job.get("text") or "") + "\n").encode())
        _write(paths.json, json.dumps(job, indent=2, ensure_ascii=False).encode())
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
