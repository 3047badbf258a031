"""`bleeper submit` against an in-memory API: the key, one job's flow (upload, submit, poll, write),
a short outage, and a batch that skips inputs done before."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from requests.adapters import BaseAdapter
from rich.console import Console

from bleeper.client.batch import Options, State, Substitution, run_batch, run_job
from bleeper.client.display import Display
from bleeper.client.errors import SubmitError
from bleeper.client.http import Client, resolve_api
from bleeper.client.inputs import Input
from bleeper.config import Settings


def _outputs(out: Path, stem: str) -> None:
    """What a completed earlier run left for `stem`."""
    (out / f"{stem}.json").write_text(json.dumps({"id": "t1", "status": "completed"}))
    (out / f"{stem}.txt").write_text("redacted\n")


def test_no_api_key_is_a_clear_error(tmp_path):
    settings = Settings(home=tmp_path, api_key=None)
    with pytest.raises(SubmitError, match="--api-key"):
        resolve_api(settings, None, None)
    assert resolve_api(settings, "http://api:1/", "k") == ("http://api:1", "k")
    assert resolve_api(Settings(home=tmp_path, api_key="from-env"), None, None)[1] == "from-env"


class FakeApi(BaseAdapter):
    """An in-memory bleeper API: uploads, a transcript that finishes on the second poll with the
    given status, and a presigned redacted-audio URL on another host."""

    def __init__(self, status: str = "completed", upload_status: int = 200, outage: dict | None = None) -> None:
        super().__init__()
        self.status, self.upload_status = status, upload_status
        self.outage = outage or {}  # path -> how many requests to it answer 503 first (an API restart)
        self.created: list[dict] = []
        self.polls = 0
        self.seen: list[tuple[str, str, str | None]] = []

    def send(self, request, **kwargs):
        path = urlsplit(request.url).path
        self.seen.append((request.method, request.url, request.headers.get("Authorization")))
        if self.outage.get(path):
            self.outage[path] -= 1
            return _response(request, 503, {"error": "restarting"})
        if request.method == "POST" and path == "/v2/upload":
            request.body.read()
            if self.upload_status != 200:
                return _response(request, self.upload_status, {"error": "the upload is over the limit"})
            return _response(request, 200, {"upload_url": "http://api/v2/uploads/u1"})
        if request.method == "POST" and path == "/v2/transcript":
            self.created.append(json.loads(request.body))
            return _response(request, 200, {"id": "t1", "status": "queued"})
        if path == "/v2/transcript/t1":
            self.polls += 1
            if self.polls < 2:
                return _response(request, 200, {"id": "t1", "status": "processing"})
            error = "the file is not audio or video" if self.status == "error" else None
            return _response(request, 200, {"id": "t1", "status": self.status, "text": "Hi, I'm [PERSON_NAME].",
                                            "error": error})
        if path == "/v2/transcript/t1/redacted-audio":
            return _response(request, 200, {"status": "redacted_audio_ready",
                                            "redacted_audio_url": "http://s3/b/t1.mp3?X-Amz-Signature=x"})
        if urlsplit(request.url).netloc == "s3":
            return _response(request, 200, b"ID3 beeped")
        return _response(request, 404, {"error": "not found"})

    def close(self) -> None:
        pass


def _response(request, status: int, body) -> requests.Response:
    r = requests.Response()
    r.status_code, r.request, r.url = status, request, request.url
    r.raw = io.BytesIO(body if isinstance(body, bytes) else json.dumps(body).encode())
    return r


def _client(fake: FakeApi) -> Client:
    session = requests.Session()
    session.mount("http://", fake)
    return Client(session, "http://api", "key-1", poll_s=0.01)


def test_a_file_is_uploaded_submitted_polled_and_its_outputs_written(tmp_path):
    (tmp_path / "call.mp3").write_bytes(b"audio")
    fake, states = FakeApi(), []
    options = Options(policies=("person_name",), sub=Substitution.entity_name, audio=True)
    outcome = run_job(_client(fake), Input(str(tmp_path / "call.mp3"), "call"), options, tmp_path,
                      lambda o: states.append(o.state))
    assert outcome.state == State.done and outcome.transcript_id == "t1" and outcome.error is None
    assert fake.created == [{"audio_url": "http://api/v2/uploads/u1", "redact_pii": True, "redact_pii_audio": True,
                             "redact_pii_policies": ["person_name"], "redact_pii_sub": "entity_name"}]
    assert states == [State.uploading, State.queued, State.processing, State.downloading, State.done]
    assert json.loads((tmp_path / "call.json").read_text())["status"] == "completed"
    assert (tmp_path / "call.txt").read_text() == "Hi, I'm [PERSON_NAME].\n"
    assert (tmp_path / "call.redacted.mp3").read_bytes() == b"ID3 beeped"
    # the key goes to the API only, never to S3 alongside the presigned signature
    assert [auth for _, url, auth in fake.seen if url.startswith("http://s3/")] == [None]
    assert all(auth == "key-1" for _, url, auth in fake.seen if url.startswith("http://api/"))


def test_a_url_is_submitted_as_is_with_the_server_defaults(tmp_path):
    fake = FakeApi()
    outcome = run_job(_client(fake), Input("https://example.com/a.mp3", "a"), Options(), tmp_path, lambda *_: None)
    assert outcome.state == State.done
    assert fake.created == [{"audio_url": "https://example.com/a.mp3", "redact_pii": True, "redact_pii_audio": False}]
    assert not (tmp_path / "a.redacted.mp3").exists()


@pytest.mark.parametrize(
    "fake, message",
    [
        (FakeApi(status="error"), "the file is not audio or video"),
        (FakeApi(upload_status=413), "upload: HTTP 413: the upload is over the limit"),
    ],
)
def test_a_failed_job_reports_the_servers_message_and_writes_nothing(tmp_path, fake, message):
    (tmp_path / "call.mp3").write_bytes(b"audio")
    outcome = run_job(_client(fake), Input(str(tmp_path / "call.mp3"), "call"), Options(), tmp_path, lambda *_: None)
    assert outcome.state == State.failed and outcome.error == message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["call.mp3"]


@pytest.mark.parametrize("terminal", [False, True])
def test_a_batch_skips_done_inputs_and_shows_progress_on_and_off_a_terminal(tmp_path, terminal):
    out = tmp_path / "out"
    out.mkdir()
    _outputs(out, "done")
    items = [Input("https://example.com/done.mp3", "done"), Input("https://example.com/new.mp3", "new")]
    console = Console(file=io.StringIO(), width=200, force_terminal=terminal)
    fake = FakeApi()
    with Display(console, items) as display:
        outcomes = run_batch(_client(fake), items, Options(), out, 2, display)
    assert [(o.input.stem, o.state) for o in outcomes] == [("done", State.skipped), ("new", State.done)]
    assert len(fake.created) == 1
    log = console.file.getvalue()
    # on a terminal, rich redraws the progress lines in place; elsewhere each change is one line (CI logs)
    assert ("https://example.com/done.mp3: skipped (transcript t1)" in log) is not terminal
    assert ("https://example.com/new.mp3: done (transcript t1)" in log) is not terminal
    assert "https://example.com/new.mp3" in log


@pytest.mark.parametrize("path", ["/v2/upload", "/v2/transcript/t1"])
def test_a_short_outage_is_ridden_out_by_repeating_the_upload_and_polling_on(tmp_path, path):
    (tmp_path / "call.mp3").write_bytes(b"audio")
    fake = FakeApi(outage={path: 1})
    outcome = run_job(_client(fake), Input(str(tmp_path / "call.mp3"), "call"), Options(), tmp_path, lambda *_: None)
    assert outcome.state == State.done and fake.outage[path] == 0


def test_an_upload_failing_twice_fails_the_job_with_the_servers_message(tmp_path):
    (tmp_path / "call.mp3").write_bytes(b"audio")
    fake = FakeApi(outage={"/v2/upload": 2})
    outcome = run_job(_client(fake), Input(str(tmp_path / "call.mp3"), "call"), Options(), tmp_path, lambda *_: None)
    assert outcome.state == State.failed and outcome.error == "upload: HTTP 503: restarting"
    assert fake.created == []
