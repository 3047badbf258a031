"""`python -m tools demo` (`make demo`): one real job through the local stack, watched from a local
webhook receiver."""

from __future__ import annotations

import ipaddress
import json
import time
from pathlib import Path

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from bleeper.client.errors import JobFailed
from bleeper.client.http import Client, make_session
from bleeper.config import get_settings
from bleeper.logs import redact_url
from bleeper.stack import Stack, StackError
from tools.receiver import WebhookReceiver

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "sample_call.mp3"
DEMO_HEADER = ("X-Demo-Token", "demo-secret")
# the one private address the demo's stack may post webhooks to (BLEEPER_ALLOWED_PRIVATE_HOSTS)
DEMO_RECEIVER_PORT = 18099


def run_demo(file: Path | None, timeout: float, console: Console) -> int:
    settings = get_settings()
    if not settings.egress_guard.permits("127.0.0.1", ipaddress.ip_address("127.0.0.1"), DEMO_RECEIVER_PORT):
        console.print(f"[yellow]the demo's webhook receiver is on 127.0.0.1:{DEMO_RECEIVER_PORT}: run it with "
                      f"BLEEPER_ALLOWED_PRIVATE_HOSTS=127.0.0.1:{DEMO_RECEIVER_PORT} (make demo does)[/yellow]")
        return 2
    try:
        Stack(settings).up(echo=console.print)
    except StackError as exc:
        console.print(f"[red]could not start the stack:[/red] {exc}")
        return 1
    key = next(iter(get_settings().api_keys()))
    client = Client(make_session(1), settings.api_url, key)
    audio = file or SAMPLE
    receiver = WebhookReceiver(port=DEMO_RECEIVER_PORT)
    try:
        request = {
            "audio_url": client.upload(audio),
            "redact_pii": True,
            "redact_pii_audio": True,
            "redact_pii_sub": "hash",
            "webhook_url": receiver.url,
            "webhook_auth_header_name": DEMO_HEADER[0],
            "webhook_auth_header_value": DEMO_HEADER[1],
        }
        try:
            job_id = client.create(request)["id"]
        except JobFailed as exc:
            console.print(f"[red]submit refused ({exc.status_code}):[/red] {exc.detail}")
            return 1
        console.print(f"submitted {audio.name} as transcript {job_id}")
        started = time.monotonic()
        with console.status("transcribing and redacting…"):
            while True:
                job = client.get(job_id)
                if job["status"] in ("completed", "error") or time.monotonic() - started > timeout:
                    break
                time.sleep(0.5)
        if job["status"] != "completed":
            console.print(f"[red]job ended {job['status']}:[/red] {job.get('error')}")
            return 1
        console.print(f"completed in {time.monotonic() - started:.1f} s "
                      f"({job['audio_duration']:.1f} s of audio)")
        console.print(Panel(job["text"], title="redacted transcript"))
        table = Table("policy", "start (s)", "end (s)", "score", title="entities (values never shown)")
        for e in job["entities"] or []:
            table.add_row(e["entity_type"], f"{e['start'] / 1000:.2f}", f"{e['end'] / 1000:.2f}", f"{e['score']:.2f}")
        console.print(table)
        console.print(Panel(client.redacted_audio_url(job_id), title="redacted audio (valid 30 minutes)"))
        hooks = receiver.wait_for(2, 60)
        for i, hook in enumerate(hooks, 1):
            shown = {**hook["body"]}
            if "redacted_audio_url" in shown:
                shown["redacted_audio_url"] = redact_url(shown["redacted_audio_url"]) + "?…"
            ok = hook["headers"].get(DEMO_HEADER[0]) == DEMO_HEADER[1]
            console.print(f"webhook {i} (auth header {'ok' if ok else 'MISSING'}): {json.dumps(shown)}")
        statuses = [h["body"].get("status") for h in hooks]
        if statuses != ["redacted_audio_ready", "completed"]:
            console.print(f"[red]expected two webhooks in order, got {statuses}[/red]")
            return 1
        console.print("stack still running: `bleeper status`, `bleeper down` to stop it")
        return 0
    finally:
        receiver.close()
