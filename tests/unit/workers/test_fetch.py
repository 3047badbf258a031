"""Stage 1: download the audio_url from a local server, and check what the file really is."""

from __future__ import annotations

import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bleeper.errors import FetchFailed, FetchUnavailable, ForbiddenURL, MediaError, PayloadTooLarge
from bleeper.egress import Guard
from workers.fetch import MAX_REDIRECTS, check_media, download, upload_id_of

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "sample_call.mp3"
AUDIO = bytes(range(256)) * 400  # 102,400 bytes


class _Handler(BaseHTTPRequestHandler):
    """/file, /no-length (body ends at close), /status/NNN, /hops/N (N redirects, then /file),
    /to/<url> (redirect there), /slow, /truncated (declares more than it sends)."""

    def do_GET(self) -> None:
        path = self.path
        if path == "/file":
            self._answer(200, AUDIO, length=True)
        elif path == "/no-length":
            self._answer(200, AUDIO, length=False)
        elif m := re.fullmatch(r"/status/(\d{3})", path):
            self._answer(int(m.group(1)), b"nope", length=True)
        elif m := re.fullmatch(r"/hops/(\d+)", path):
            n = int(m.group(1))
            self._redirect(f"/hops/{n - 1}" if n > 1 else "/file")
        elif path.startswith("/to/"):
            self._redirect(path.removeprefix("/to/"))
        elif path == "/slow":
            time.sleep(1.5)
            self._answer(200, AUDIO, length=True)
        elif path == "/truncated":
            self.send_response(200)
            self.send_header("Content-Length", str(len(AUDIO)))
            self.end_headers()
            self.wfile.write(AUDIO[:1000])
        else:
            self._answer(404, b"", length=True)

    def _answer(self, status: int, body: bytes, *, length: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "audio/mpeg")
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # the client gave up first: expected in the timeout and size tests


@pytest.fixture(scope="module")
def server():
    srv = _Server(("127.0.0.1", 0), _Handler)
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    srv.server_close()


def fetch(url: str, dest: Path, *, max_bytes: int = 10 * len(AUDIO), timeout: float = 5.0) -> int:
    return download(url, dest, max_bytes=max_bytes, timeout=timeout, guard=Guard(allow_private=True))


@pytest.mark.parametrize("path", ["/file", "/no-length"])
def test_the_file_arrives_byte_for_byte(server, tmp_path, path):
    dest = tmp_path / "source"
    assert fetch(server + path, dest) == len(AUDIO)
    assert dest.read_bytes() == AUDIO


@pytest.mark.parametrize("path", ["/file", "/no-length"])
def test_a_file_of_exactly_the_limit_is_accepted(server, tmp_path, path):
    assert fetch(server + path, tmp_path / "source", max_bytes=len(AUDIO)) == len(AUDIO)


@pytest.mark.parametrize("path", ["/file", "/no-length"], ids=["declared", "streamed"])
def test_a_file_over_the_limit_is_payload_too_large(server, tmp_path, path):
    with pytest.raises(PayloadTooLarge) as caught:
        fetch(server + path, tmp_path / "source", max_bytes=len(AUDIO) - 1)
    assert caught.value.http_status == 413


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
def test_a_4xx_answer_is_a_permanent_fetch_failure(server, tmp_path, status):
    with pytest.raises(FetchFailed, match=f"HTTP {status}") as caught:
        fetch(f"{server}/status/{status}", tmp_path / "source")
    assert not caught.value.retryable


@pytest.mark.parametrize("status", [500, 502, 503])
def test_a_5xx_answer_is_worth_retrying(server, tmp_path, status):
    with pytest.raises(FetchUnavailable, match=f"HTTP {status}") as caught:
        fetch(f"{server}/status/{status}", tmp_path / "source")
    assert caught.value.retryable


@pytest.mark.parametrize("hops", [1, 2, MAX_REDIRECTS])
def test_redirects_are_followed_up_to_the_limit(server, tmp_path, hops):
    dest = tmp_path / "source"
    assert fetch(f"{server}/hops/{hops}", dest) == len(AUDIO)
    assert dest.read_bytes() == AUDIO


def test_a_redirect_to_an_absolute_url_is_followed(server, tmp_path):
    dest = tmp_path / "source"
    assert fetch(f"{server}/to/{server}/file", dest) == len(AUDIO)


@pytest.mark.parametrize("hops", [MAX_REDIRECTS + 1, 20])
def test_a_longer_redirect_chain_is_a_fetch_failure(server, tmp_path, hops):
    with pytest.raises(FetchFailed, match="redirected more than"):
        fetch(f"{server}/hops/{hops}", tmp_path / "source")


@pytest.mark.parametrize("target", ["ftp://127.0.0.1/call.mp3", "file:///etc/passwd"])
def test_every_redirect_hop_is_checked(server, tmp_path, target):
    with pytest.raises(ForbiddenURL):
        fetch(f"{server}/to/{target}", tmp_path / "source")


def test_the_local_server_is_refused_unless_private_urls_are_allowed(server, tmp_path):
    with pytest.raises(ForbiddenURL):
        download(server + "/file", tmp_path / "source", max_bytes=len(AUDIO), timeout=5, guard=Guard())


def test_a_closed_port_is_worth_retrying(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchUnavailable, match="could not be reached"):
        fetch(f"http://127.0.0.1:{port}/file", tmp_path / "source")


def test_a_server_slower_than_the_timeout_is_worth_retrying(server, tmp_path):
    with pytest.raises(FetchUnavailable, match="Timeout"):
        fetch(server + "/slow", tmp_path / "source", timeout=0.5)


def test_a_server_that_stops_sending_mid_file_is_worth_retrying(server, tmp_path):
    with pytest.raises(FetchUnavailable):
        fetch(server + "/truncated", tmp_path / "source")


# --- check_media -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content", [b"", b"Hi, my name is Sarah Jennings.\n" * 100, b"ID3" + bytes(500)], ids=["empty", "text", "fake-mp3"]
)
def test_a_file_that_is_not_audio_is_a_media_error(tmp_path, content):
    path = tmp_path / "source"
    path.write_bytes(content)
    with pytest.raises(MediaError) as caught:
        check_media(path, max_duration_s=4 * 3600)
    assert caught.value.http_status == 400


def test_the_sample_call_is_probed_from_its_content():
    info = check_media(SAMPLE, max_duration_s=4 * 3600)
    assert info.duration_s == pytest.approx(51.8, abs=0.2)
    assert info.format == "mp3"
    assert info.channels >= 1 and info.sample_rate > 0
    assert not info.has_video


@pytest.mark.parametrize("limit", [30, 51])
def test_a_file_over_the_duration_limit_is_a_media_error(limit):
    with pytest.raises(MediaError, match=f"limit is {limit} s"):
        check_media(SAMPLE, max_duration_s=limit)


@pytest.mark.parametrize(
    "audio_url,upload_id",
    [
        ("http://127.0.0.1:18000/v2/uploads/abc123", "abc123"),
        ("https://calls.example.com/v2/uploads/abc123", None),
        ("http://127.0.0.1:18000/v2/upload/abc123", None),
    ],
)
def test_an_audio_url_on_our_own_upload_endpoint_names_the_upload(audio_url, upload_id):
    assert upload_id_of(audio_url, "http://127.0.0.1:18000") == upload_id
