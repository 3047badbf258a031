"""One webhook POST against a local receiver: delivered, worth retrying, or refused for good."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bleeper.errors import ForbiddenURL, InvalidRequest, WebhookRejected, WebhookUnavailable
from bleeper.egress import Guard
from bleeper.models import Job, JobOptions, JobStatus
from webhooks import deliver, sign
from webhooks.deliver import event_id_of
from webhooks.tasks import still_true

PAYLOAD = {"transcript_id": "5f0c2a", "status": "completed"}


class Receiver(ThreadingHTTPServer):
    """Records every POST; answers with `status` after `delay` seconds."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.status = 200
        self.delay = 0.0
        self.truncate = False
        self.received: list[tuple[str, dict[str, str], bytes]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/hooks/bleeper"

    def handle_error(self, request, client_address) -> None:
        pass  # the client gave up on a slow answer: expected in the timeout test


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.append((self.path, dict(self.headers), body))
        if self.server.delay:
            time.sleep(self.server.delay)
        answer = b'{"ok":true}'
        self.send_response(self.server.status)
        self.send_header("Content-Length", str(len(answer) * (100 if self.server.truncate else 1)))
        if 300 <= self.server.status < 400:
            self.send_header("Location", "/elsewhere")
        self.end_headers()
        self.wfile.write(answer)
        if self.server.truncate:
            self.close_connection = True

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def _server():
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _no_proxy_from_the_environment(monkeypatch):
    # deliver() lets requests read proxy settings from the environment; keep them off the loopback
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def receiver(_server):
    _server.status, _server.delay, _server.truncate = 200, 0.0, False
    _server.received.clear()
    return _server


def test_a_delivered_webhook_returns_200_with_the_json_body_and_auth_header(receiver):
    code = deliver(receiver.url, PAYLOAD, headers={"X-Client-Auth": "token-123"}, guard=Guard(allow_private=True))
    assert code == 200
    [(path, headers, body)] = receiver.received
    assert path == "/hooks/bleeper"
    assert json.loads(body) == PAYLOAD
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Client-Auth"] == "token-123"
    assert "X-Bleeper-Signature" not in headers


def test_every_post_of_an_event_carries_the_same_event_id_and_other_events_another(receiver):
    for event in ("redacted_audio_ready", "completed", "completed"):  # a retry, or a delivery again
        deliver(receiver.url, PAYLOAD, guard=Guard(allow_private=True), event_id=event_id_of("5f0c2a", event))
    ids = [headers["X-Bleeper-Event-Id"] for _, headers, _ in receiver.received]
    assert ids[1] == ids[2] != ids[0]
    assert event_id_of("5f0c2a", "completed") != event_id_of("5f0c2b", "completed")


@pytest.mark.parametrize("event,status,sent", [
    ("completed", JobStatus.completed, True), ("error", JobStatus.error, True),
    ("error", JobStatus.completed, False), ("completed", JobStatus.error, False),
    ("completed", JobStatus.expired, False), ("redacted_audio_ready", JobStatus.processing, True),
    ("redacted_audio_ready", JobStatus.completed, True), ("redacted_audio_ready", JobStatus.error, False),
    ("redacted_audio_ready", JobStatus.expired, False),
])
def test_a_late_webhook_never_says_what_the_job_no_longer_is(event, status, sent):
    job = Job(id="5f0c2a", owner="o", status=status, options=JobOptions(audio_url="https://example.com/a.mp3"))
    assert still_true(event, job) == sent


@pytest.mark.parametrize("status", [200, 201, 202, 204])
def test_any_2xx_counts_as_delivered(receiver, status):
    receiver.status = status
    assert deliver(receiver.url, PAYLOAD, guard=Guard(allow_private=True)) == status


def test_with_a_secret_the_body_is_signed_over_timestamp_and_raw_body(receiver):
    secret = "whsec-test-only"
    before = int(time.time())
    deliver(receiver.url, PAYLOAD, secret=secret, guard=Guard(allow_private=True))
    [(_, headers, body)] = receiver.received
    timestamp = headers["X-Bleeper-Timestamp"]
    assert before <= int(timestamp) <= int(time.time())
    assert headers["X-Bleeper-Signature"] == sign(secret, timestamp, body)
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    assert headers["X-Bleeper-Signature"] == f"v1={expected}"


@pytest.mark.parametrize(
    "secret,timestamp,body",
    [("other", "1700000000", b"{}"), ("whsec", "1700000001", b"{}"), ("whsec", "1700000000", b"{ }")],
    ids=["secret", "timestamp", "body"],
)
def test_the_signature_changes_with_secret_timestamp_and_body(secret, timestamp, body):
    assert sign(secret, timestamp, body) != sign("whsec", "1700000000", b"{}")


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_5xx_answer_is_worth_retrying(receiver, status):
    receiver.status = status
    with pytest.raises(WebhookUnavailable) as caught:
        deliver(receiver.url, PAYLOAD, guard=Guard(allow_private=True))
    assert caught.value.status_code == status
    assert caught.value.retryable


@pytest.mark.parametrize("status", [400, 401, 404, 410, 422, 301, 302, 307])
def test_a_4xx_or_redirect_answer_is_refused_for_good(receiver, status):
    receiver.status = status
    with pytest.raises(WebhookRejected) as caught:
        deliver(receiver.url, PAYLOAD, guard=Guard(allow_private=True))
    assert caught.value.status_code == status
    assert not caught.value.retryable
    assert len(receiver.received) == 1  # the redirect was not followed


def test_a_closed_port_is_worth_retrying():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(WebhookUnavailable, match="unreachable") as caught:
        deliver(f"http://127.0.0.1:{port}/hook", PAYLOAD, timeout=2, guard=Guard(allow_private=True))
    assert caught.value.status_code is None


def test_a_receiver_slower_than_the_timeout_is_worth_retrying(receiver):
    receiver.delay = 1.5
    with pytest.raises(WebhookUnavailable, match="Timeout"):
        deliver(receiver.url, PAYLOAD, timeout=0.5, guard=Guard(allow_private=True))


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.1.2.3/hook",
                                 "http://169.254.169.254/latest", "ftp://example.com/hook"])  # fmt: skip
def test_a_private_address_is_refused_before_anything_is_sent(receiver, url):
    with pytest.raises(ForbiddenURL):
        deliver(url, PAYLOAD)


def test_the_local_receiver_is_refused_unless_private_urls_are_allowed(receiver):
    with pytest.raises(ForbiddenURL, match="webhook_url"):
        deliver(receiver.url, PAYLOAD)
    assert receiver.received == []


def test_a_receiver_that_drops_the_connection_mid_answer_is_worth_retrying(receiver):
    receiver.status = 503
    receiver.truncate = True
    with pytest.raises(WebhookUnavailable):
        deliver(receiver.url, PAYLOAD, guard=Guard(allow_private=True))


@pytest.mark.parametrize("name,value", [("Host", "internal.example"), ("Content-Length", "0"),
                                        ("Transfer-Encoding", "chunked"), ("X-Bleeper-Signature", "v1=forged"),
                                        ("X-Auth\r\nX-Injected", "1"), ("X-Auth", "token\r\nX-Injected: 1")])
def test_a_header_that_would_change_the_request_is_refused_before_anything_is_sent(receiver, name, value):
    with pytest.raises(InvalidRequest):
        deliver(receiver.url, PAYLOAD, headers={name: value}, guard=Guard(allow_private=True))
    assert receiver.received == []


def test_a_webhook_goes_to_the_checked_address_only(receiver, monkeypatch):
    from bleeper import egress

    monkeypatch.setattr(egress, "resolve", lambda host, port: ["127.0.0.1"])
    port = receiver.server_port
    deliver(f"http://hooks.example.com:{port}/hooks/bleeper", PAYLOAD, guard=Guard.of(False, f"127.0.0.1:{port}"))
    [(path, headers, _)] = receiver.received
    assert path == "/hooks/bleeper" and headers["Host"] == f"hooks.example.com:{port}"
