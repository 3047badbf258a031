"""One POST to a receiver, classified: delivered, worth retrying, or refused for good."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import requests

from bleeper.errors import WebhookRejected, WebhookUnavailable
from bleeper.urls import check_url

SIGNATURE_HEADER = "X-Bleeper-Signature"
TIMESTAMP_HEADER = "X-Bleeper-Timestamp"


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
    allow_private: bool = False,
) -> int:
    """POST `payload` as JSON; return the receiver's status code.

    Raises WebhookUnavailable (retry) for network errors, timeouts and 5xx, WebhookRejected
    (final) for 4xx and redirects, ForbiddenURL for addresses we may not call.
    """
    check_url(url, allow_private=allow_private, what="webhook_url")
    body = json.dumps(payload, separators=(",", ":")).encode()
    sent = {"Content-Type": "application/json", "User-Agent": "bleeper-webhooks/0.1", **(headers or {})}
    if secret:
        timestamp = str(int(time.time()))
        sent[TIMESTAMP_HEADER] = timestamp
        sent[SIGNATURE_HEADER] = sign(secret, timestamp, body)
    session = requests.Session()
    session.trust_env = False  # no proxy or netrc from the environment: we talk to the receiver only
    try:
        resp = session.post(url, data=body, headers=sent, timeout=timeout, allow_redirects=False)
    except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
        raise WebhookUnavailable(f"webhook receiver unreachable ({type(exc).__name__})") from None
    except requests.RequestException as exc:
        raise WebhookRejected(f"webhook could not be sent ({type(exc).__name__})") from None
    if resp.status_code >= 500:
        raise WebhookUnavailable(f"webhook receiver answered {resp.status_code}", resp.status_code)
    if resp.status_code >= 300:
        raise WebhookRejected(f"webhook receiver answered {resp.status_code}", resp.status_code)
    return resp.status_code
