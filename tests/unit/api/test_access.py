"""The API's access log: method, route template, status and time; never the path or query."""

from __future__ import annotations

import logging

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from bleeper.api.access import UNMATCHED, AccessLog
from bleeper.api.app import create_app
from bleeper.config import Settings


def _app() -> FastAPI:
    router = APIRouter(prefix="/v2/transcript")

    @router.get("/{transcript_id}/word-search")
    def word_search(transcript_id: str, words: str) -> dict[str, str]:
        return {"id": transcript_id}

    @router.get("/{transcript_id}/boom")
    def boom(transcript_id: str) -> None:
        raise RuntimeError("Sarah Jennings")

    app = FastAPI()
    app.include_router(router)
    app.add_middleware(AccessLog)
    return app


@pytest.mark.parametrize(("path", "logged"), [
    ("/v2/transcript/Jennings-6102651714/word-search?words=Lowry,6102651714",
     "GET /v2/transcript/{transcript_id}/word-search 200 "),
    ("/calls/Jennings/6102651714?caller=Lowry", f"GET {UNMATCHED} 404 "),
    ("/v2/transcript/Jennings-6102651714/boom?x=Lowry", "GET /v2/transcript/{transcript_id}/boom 500 "),
])
def test_a_request_is_logged_by_route_template_status_and_time(path, logged, caplog):
    client = TestClient(_app(), raise_server_exceptions=False)
    with caplog.at_level(logging.INFO, logger="bleeper.access"):
        client.get(path)
    lines = [r.getMessage() for r in caplog.records if r.name == "bleeper.access"]
    assert len(lines) == 1 and lines[0].startswith(logged) and lines[0].endswith(" ms"), lines
    assert not any(v in lines[0] for v in ("Jennings", "6102651714", "Lowry"))


def test_create_app_logs_requests_itself(monkeypatch):
    monkeypatch.setattr("bleeper.api.app.logs.configure", lambda *a, **k: None)  # leave pytest's logging be
    settings = Settings(s3_access_key="k", s3_secret_key="s", api_key="key")
    assert any(m.cls is AccessLog for m in create_app(settings).user_middleware)
