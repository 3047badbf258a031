"""One POST to a receiver, classified: delivered, worth retrying, or refused for good."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

from bleeper import egress
from bleeper.egress import Guard
from bleeper.errors import WebhookRejected, WebhookUnavailable
from bleeper.headers import check_header

SIGNATURE_HEADER = "X-Bleeper-Signature"
TIMESTAMP_HEADER = "X-Bleeper-Timestamp"
EVENT_ID_HEADER = "X-Bleeper-Event-Id"


def event_id_of(job_id: str, event: str) -> str:
    """One id per (job, event), the same on every retry and every delivery of it again: delivery
    is at least once, and a receiver that has seen the id drops the POST."""
    return f"{job_id}:{event}"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 over `{timestamp}.{body}`, hex; receivers recompute it and compare."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def deliver(
    url: str,
    payload: dict[str, Any],
    *,
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
    secret: str | None = None,
    guard: Guard | None = None,
    event_id: str | None = None,
) -> int:
    """POST `payload` as JSON through the egress guard; return the receiver's status code.

    Raises WebhookUnavailable (retry) for network errors, timeouts and 5xx, WebhookRejected
    (final) for 4xx and redirects, ForbiddenURL for addresses we may not call and InvalidRequest
    for a header that would change the request bleeper sends. `event_id` (see `event_id_of`) goes
    in the X-Bleeper-Event-Id header.
    """
    body = json.dumps(payload, separators=(",", ":")).encode()
    sent = {"Content-Type": "application/json", "User-Agent": "bleeper-webhooks/0.1"}
    for name, value in (headers or {}).items():
        check_header(name, value)
        sent[name] = value
    if event_id:
        sent[EVENT_ID_HEADER] = event_id
    if secret:
        timestamp = str(int(time.time()))
        sent[TIMESTAMP_HEADER] = timestamp
        sent[SIGNATURE_HEADER] = sign(secret, timestamp, body)
    try:
        # redirects are not followed: a receiver that moved is a configuration to fix (a 3xx is final)
        with egress.request("POST", url, guard or Guard(), what="webhook_url", timeout=timeout,
                            deadline_s=timeout, body=body, headers=sent) as resp:
            status = resp.status
    except egress.Unreachable as exc:
        raise WebhookUnavailable(f"webhook receiver unreachable ({exc.reason})") from None
    if status >= 500:
        raise WebhookUnavailable(f"webhook receiver answered {status}", status)
    if status >= 300:
        raise WebhookRejected(f"webhook receiver answered {status}", status)
    return status
