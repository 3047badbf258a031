"""The egress guard in the running pipeline: the stack allows only the tests' own port range
(BLEEPER_ALLOWED_PRIVATE_HOSTS=127.0.0.1:29100-29199), so everything else private is refused —
at submit, on a redirect hop inside the worker, and for webhooks; a dripping server is cut off."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = [pytest.mark.integration]


@pytest.fixture(scope="module")
def tricky_server(allowed_port, short_call, stack):
    """On an allowed port: /call.mp3, /to-api (a redirect to the stack's own API), /drip."""
    audio = short_call.read_bytes()
    internal = stack.settings.api_url
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path.split("?")[0])
            if self.path.startswith("/to-api"):
                self.send_response(302)
                self.send_header("Location", f"{internal}/health")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path.startswith("/drip"):
                self.send_response(200)
                self.send_header("Content-Length", str(len(audio)))
                self.end_headers()
                try:
                    for byte in audio[:600]:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(0.1)
                except OSError:
                    pass
            else:
                self.send_response(200)
                self.send_header("Content-Length", str(len(audio)))
                self.end_headers()
                self.wfile.write(audio)

        def log_message(self, *args) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address) -> None:
            pass

    srv = Server(("127.0.0.1", allowed_port()), Handler)
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_port}", hits
    srv.shutdown()
    srv.server_close()


@pytest.mark.parametrize("field,url", [
    ("audio_url", "http://127.0.0.1:{api_port}\\@example.com/../health"),
    ("audio_url", "http://{api_host}:{api_port}/health"),
    ("audio_url", "http://2130706433:{api_port}/health"),
    ("audio_url", "http://[::ffff:127.0.0.1]:{api_port}/health"),
    ("audio_url", "http://user@127.0.0.1:{api_port}/health"),
    ("webhook_url", "http://{api_host}:{api_port}/v2/transcript"),
    ("webhook_url", "http://169.254.169.254/latest/meta-data/"),
])
def test_private_and_disguised_urls_are_refused_at_submit(api, stack, tricky_server, field, url):
    base, _ = tricky_server
    url = url.format(api_host=stack.settings.api_host, api_port=stack.settings.api_port)
    body = {"audio_url": f"{base}/call.mp3", field: url}
    r = api.submit(**body)
    assert r.status_code == 400, r.text
    assert r.json()["error"].startswith(field)


def test_a_redirect_to_a_private_address_ends_the_job_in_error(api, tricky_server):
    base, hits = tricky_server
    r = api.submit(audio_url=f"{base}/to-api")
    assert r.status_code == 200, r.text
    job = api.wait(r.json()["id"], timeout=120)
    assert job["status"] == "error"
    assert "private" in job["error"] and job["error"].startswith("audio_url")


def test_a_dripping_server_is_cut_off_at_the_deadline_and_the_worker_goes_on(api, tricky_server):
    base, _ = tricky_server
    dripping = api.submit(audio_url=f"{base}/drip?caller=Lowry").json()["id"]
    job = api.wait(dripping, timeout=120)
    assert job["status"] == "error" and "BLEEPER_FETCH_DEADLINE_S" in job["error"]
    after = api.wait(api.submit(audio_url=f"{base}/call.mp3", redact_pii_audio=True).json()["id"], timeout=300)
    assert after["status"] == "completed", after["error"]
