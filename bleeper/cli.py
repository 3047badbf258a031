"""`bleeper` command line: the local stack, keys, detection and batch submission (the demo, bench
and eval are development tools: `python -m tools`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bleeper.config import get_settings
from bleeper.models import Substitution
from bleeper.queues import QUEUES

app = typer.Typer(help="Self-hosted PII redaction for call recordings.", no_args_is_help=True)
console = Console()
err_console = Console(stderr=True)


@app.command()
def up(
    workers: Annotated[int | None, typer.Option(help="worker processes (default BLEEPER_WORKER_CONCURRENCY)")] = None,
    queues: Annotated[str, typer.Option(help="queues the local worker consumes")] = ",".join(QUEUES),
) -> None:
    """Start Redis, S3, a Celery worker, the API and Flower in the background."""
    from bleeper.stack import Stack, StackError

    stack = Stack(get_settings(), queues=queues)
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
def stream(
    host: Annotated[str | None, typer.Option(help="bind address (default BLEEPER_API_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default BLEEPER_STREAM_PORT)")] = None,
) -> None:
    """Serve only the streaming API (GET /v3/ws, GET /v3/token) in the foreground: one of several
    streaming processes behind a load balancer (README, Streaming). Its models load before it listens."""
    import uvicorn

    settings = get_settings()
    uvicorn.run("bleeper.api.stream.app:create_stream_app", factory=True, host=host or settings.api_host,
                port=port or settings.stream_port, server_header=False, access_log=False, log_level="warning")


@app.command()
def status() -> None:
    """Say which parts of the local stack run, and how often the supervisor restarted each."""
    from bleeper.stack import Stack
    from bleeper.stack.supervisor import restarts

    table = Table("component", "state", "restarts", "where")
    stack = Stack(get_settings())
    running, restarted = stack.status(), restarts(stack)
    for name, (alive, url) in running.items():
        state = "[green]running[/green]" if alive else "[red]stopped[/red]"
        table.add_row(name, state, str(restarted.get(name, 0)), url)
    console.print(table)
    _print_ffmpeg()
    if running.get("redis", (True,))[0]:
        _print_figures()
    raise typer.Exit(0 if all(alive for alive, _ in running.values()) else 3)


def _print_ffmpeg() -> None:
    """The one ffmpeg binary the workers run (imageio-ffmpeg's pinned build) and its version."""
    from bleeper.media import ffmpeg_exe, ffmpeg_version

    try:
        console.print(f"ffmpeg: {ffmpeg_exe()} (version {ffmpeg_version()})", highlight=False, soft_wrap=True)
    except (RuntimeError, OSError) as exc:
        console.print(f"[red]ffmpeg: not usable ({exc})[/red]")


def _print_figures() -> None:
    """The numbers GET /metrics serves, for a terminal."""
    import redis as redis_lib

    from bleeper.state.metrics import Metrics

    try:
        snap = Metrics(redis_lib.Redis.from_url(get_settings().redis_address, socket_timeout=2)).snapshot()
    except redis_lib.RedisError:
        return
    jobs = ", ".join(f"{k} {v}" for k, v in snap["jobs"].items() if k != "expired")
    finished = ", ".join(f"{k} {v}" for k, v in snap["finished"].items()) or "none yet"
    console.print(f"jobs now: {jobs}; finished: {finished}; audio processed: {snap['audio_seconds'] / 60:.1f} min")
    reaped = ", ".join(f"{k} {v}" for k, v in sorted(snap["reaped"].items())) or "none"
    console.print(f"stranded jobs the reaper handled: {reaped}")
    console.print("queue depth: " + ", ".join(f"{q} {n}" for q, n in snap["queues"].items()))
    stages = Table("stage", "runs", "mean (s)", title="stage timings")
    for stage, data in sorted(snap["stages"].items()):
        n = data.get("count", 0)
        stages.add_row(stage, str(n), f"{data.get('sum', 0) / n:.2f}" if n else "—")
    if snap["stages"]:
        console.print(stages)
    if snap["webhooks"]:
        console.print("webhooks: " + ", ".join(f"{e} {o} {n}" for (e, o), n in sorted(snap["webhooks"].items())))


keys_app = typer.Typer(help="API keys: each key sees only its own transcripts and uploads.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


SymblFlag = Annotated[bool, typer.Option("--symbl", help="a Symbl-style app (appId and appSecret) instead of an API key")]


@keys_app.command("create")
def keys_create(name: Annotated[str, typer.Option(help="who the key is for")] = "default",
                symbl: SymblFlag = False) -> None:
    """Create a key (or with --symbl an app id and secret); shown once and stored only as a hash."""
    if symbl:
        from bleeper.state.symbl_apps import make_symbl_apps

        app_record, app_secret = make_symbl_apps(get_settings()).create(name)
        console.print(f"Symbl app {app_record.id} ({app_record.name}); POST /oauth2/token:generate with:")
        print(f"appId={app_record.app_id}\nappSecret={app_secret}")
        return
    from bleeper.state.keys import make_keys

    record, secret = make_keys(get_settings()).create(name)
    console.print(f"key id {record.id} ({record.name}):")
    print(secret)


@keys_app.command("list")
def keys_list(symbl: SymblFlag = False) -> None:
    """List keys, or with --symbl apps (ids and names, never the secrets)."""
    from datetime import datetime

    from bleeper.state.keys import make_keys
    from bleeper.state.symbl_apps import make_symbl_apps

    table = Table("id", "appId" if symbl else "name", *(["name"] if symbl else []), "created", "state")
    rows = make_symbl_apps(get_settings()).list() if symbl else make_keys(get_settings()).list()
    for r in rows:
        created = datetime.fromtimestamp(r.created_at).isoformat(timespec="seconds")
        names = [r.app_id, r.name] if symbl else [r.name]  # type: ignore[union-attr]
        table.add_row(r.id, *names, created, "revoked" if r.revoked_at else "active")
    console.print(table)


@keys_app.command("revoke")
def keys_revoke(key_id: Annotated[str, typer.Argument(help="the id shown by `bleeper keys list`")],
                symbl: SymblFlag = False) -> None:
    """Revoke a key (or with --symbl an app, by id or appId): its requests get 401 from now on
    (its transcripts stay until retention)."""
    from bleeper.errors import NotFound
    from bleeper.state.keys import make_keys
    from bleeper.state.symbl_apps import make_symbl_apps

    try:
        (make_symbl_apps if symbl else make_keys)(get_settings()).revoke(key_id)
    except NotFound as exc:
        err_console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None
    console.print(f"revoked {key_id}")


@app.command()
def detect(
    file: Annotated[Path | None, typer.Argument(help="JSON lines {id, text}; default stdin")] = None,
    policies: Annotated[str | None, typer.Option(help="comma-separated policies (default: all detected)")] = None,
) -> None:
    """Detect PII in JSON lines: one {"id", "entities": [{start, end, policy, score}]} line per input."""
    import json
    import sys

    from bleeper import policies as pol
    from bleeper.errors import InvalidRequest
    from bleeper.detection import build_analyzer, find_pii

    try:
        wanted = pol.validate(policies.split(",") if policies else None)
    except InvalidRequest as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    analyzer = build_analyzer()
    failed = 0
    source = open(file) if file else sys.stdin
    with source:
        for n, line in enumerate(source, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text = item["text"]
            except (json.JSONDecodeError, KeyError, TypeError):
                err_console.print(f"[red]line {n}: expected a JSON object with a \"text\" field[/red]")
                raise typer.Exit(2) from None
            try:
                found = find_pii(text, analyzer, wanted, get_settings().min_scores)
            except Exception as exc:  # noqa: BLE001 — report it for this line and go on; never the text
                failed += 1
                sys.stdout.write(json.dumps({"id": item.get("id"), "error": f"detection failed ({type(exc).__name__})"})
                                 + "\n")
                continue
            entities = [{"start": f.start, "end": f.end, "policy": f.policy, "score": f.score} for f in found]
            sys.stdout.write(json.dumps({"id": item.get("id"), "entities": entities}) + "\n")
    if failed:
        err_console.print(f"[red]detection failed on {failed} line(s); see their \"error\" fields[/red]")
        raise typer.Exit(1)


@app.command()
def submit(
    inputs: Annotated[list[str], typer.Argument(
        metavar="PATH_OR_URL...", help="audio/video files, folders (searched recursively), http(s) URLs")],
    policies: Annotated[str | None, typer.Option(help="comma-separated PII policies (default: the server's)")] = None,
    sub: Annotated[str | None, typer.Option(help=f"substitution: {', '.join(Substitution)} (default: the server's)")] = None,
    audio: Annotated[bool, typer.Option("--audio", help="also fetch the beeped audio: <stem>.redacted.mp3")] = False,
    out: Annotated[Path, typer.Option(help="output folder")] = Path("bleeper-out"),
    concurrency: Annotated[int, typer.Option(min=1, help="jobs in flight at once")] = 4,
    timeout: Annotated[float | None, typer.Option(help="give up waiting on a job after this many seconds")] = None,
    api_url: Annotated[str | None, typer.Option(help="API base URL (default: BLEEPER_PUBLIC_URL or the stack)")] = None,
    api_key: Annotated[str | None, typer.Option(help="API key (default: BLEEPER_API_KEY or credentials.json)")] = None,
) -> None:
    """Redact many recordings through the HTTP API; write <stem>.json and <stem>.txt (and with --audio
    <stem>.redacted.mp3) to --out. Inputs already done there are skipped. Exit 1 if any job failed."""
    from bleeper import policies as pol
    from bleeper.client.batch import Options
    from bleeper.errors import InvalidRequest
    from bleeper.submit import run_submit

    try:
        wanted = tuple(p.strip() for p in (policies or "").split(",") if p.strip()) or None
        pol.validate(list(wanted) if wanted else None)
        substitution = Substitution(sub) if sub is not None else None
    except InvalidRequest as exc:
        err_console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    except ValueError:
        err_console.print(f"[red]--sub: expected one of {', '.join(Substitution)}[/red]")
        raise typer.Exit(2) from None
    options = Options(policies=wanted, sub=substitution, audio=audio)
    raise typer.Exit(run_submit(inputs, options, out, concurrency, api_url, api_key, timeout,
                                get_settings(), console))


if __name__ == "__main__":
    app()
