"""The Symbl reads (/v1/conversations/{id}/messages, /entities) and settings (/v1/manage/settings)
through the API in process: real Redis, S3 by moto. The original transcript and speakers are
handed in where s16a's encrypted storage would give them (`read_original`, `read_speakers`)."""

from __future__ import annotations

import re
from typing import Annotated, get_args

import boto3
import pytest
from botocore.config import Config
from fastapi import Header
from fastapi.testclient import TestClient
from moto import mock_aws

from bleeper import artifacts
from bleeper.api.app import create_app
from bleeper.api.symbl import reads
from bleeper.api.symbl.auth import SymblApp
from bleeper.artifacts import job_key
from bleeper.models import Entity, Job, JobOptions, JobStatus, Segment, SymblRecord, Transcript, Word
from bleeper.state.storage import Storage

LINES = ["Hi, this is Sarah Jennings from Hope, Arkansas.", "My social security number is 123-45-6789."]
VALUES = [("person_name", "Sarah Jennings"), ("location", "Hope"), ("location", "Arkansas"),
          ("us_social_security_number", "123-45-6789")]
SPEAKERS = [{"name": "Sarah Jennings", "email": "sarah@example.com", "channel": 1}]
C1, C2, C3 = "c1" * 16, "c2" * 16, "c3" * 16
NOT_FOUND = {"message": "The conversationId is either invalid or does not exist."}


def _transcript() -> tuple[Transcript, list[Entity]]:
    text = " ".join(LINES)
    words = [Word(text=m.group(), start=i * 400, end=i * 400 + 300, confidence=0.9, char_start=m.start(),
                  char_end=m.end()) for i, m in enumerate(re.finditer(r"\S+", text))]
    first_of_second = next(i for i, w in enumerate(words) if w.text == "My")
    segments = [Segment(start=0, end=first_of_second * 400, text=LINES[0], first_word=0, last_word=first_of_second,
                        channel=0),
                Segment(start=first_of_second * 400, end=len(words) * 400, text=LINES[1], first_word=first_of_second,
                        last_word=len(words), channel=0)]
    entities = []
    for policy, value in VALUES:
        start = text.index(value)
        entities.append(Entity(policy=policy, start=start, end=start + len(value), start_ms=0, end_ms=300, score=0.9,
                               recognizer="test"))
    return Transcript(text=text, language="en", duration_ms=len(words) * 400, words=words, segments=segments), entities


@pytest.fixture
def api(settings, monkeypatch):
    app = create_app(settings)

    def as_app(x_test_app: Annotated[str, Header()] = "symbl:app1") -> str:
        return x_test_app

    app.dependency_overrides[get_args(SymblApp)[1].dependency] = as_app
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1",
                          config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
        storage = Storage(s3, "bleeper")
        storage.ensure_bucket(86400)
        app.state.storage = storage
        transcript, entities = _transcript()
        monkeypatch.setattr(reads, "read_original", lambda storage, job: transcript)
        monkeypatch.setattr(reads, "read_speakers", lambda storage, job: SPEAKERS)
        for conv, owner, status in [(C1, "symbl:app1", JobStatus.completed), (C2, "symbl:app2", JobStatus.completed),
                                    (C3, "symbl:app1", JobStatus.processing)]:
            app.state.store.create(Job(id=conv, owner=owner, status=status, options=JobOptions(audio_url="x"),
                                       symbl=SymblRecord(job_id="j" + conv, kind="audio")))
            storage.put_json(job_key(conv, artifacts.ENTITIES), [e.model_dump() for e in entities])
        yield TestClient(app, raise_server_exceptions=False)


def messages(api, query="", app="symbl:app1"):
    r = api.get(f"/v1/conversations/{C1}/messages{query}", headers={"x-test-app": app})
    assert r.status_code == 200, r.text
    return [m["text"] for m in r.json()["messages"]]


def patch(api, operations, app="symbl:app1"):
    return api.patch("/v1/manage/settings", json=operations, headers={"x-test-app": app})


def test_messages_redact_true_and_exclude(api):
    assert messages(api, "?redact=true") == ["Hi, this is [PERSON_NAME] from [LOCATION_CITY], [LOCATION_STATE].",
                                             "My social security number is [SSN]."]
    assert messages(api, '?redact=true&exclude=["LOCATION_CITY"]')[0] == \
        "Hi, this is [PERSON_NAME] from Hope, [LOCATION_STATE]."
    r = api.get(f"/v1/conversations/{C1}/messages?redact=true&verbose=true")
    assert r.json()["messages"][0]["from"] == {"name": "[REDACTED NAME 1]", "email": "[REDACTED EMAIL 1]"}
    assert "words" in r.json()["messages"][0]


def test_settings_add_then_replace_apply_to_every_read(api):
    assert api.get("/v1/manage/settings").json()["settings"] == {}
    r = patch(api, [{"op": "add", "path": "/redaction", "value": {
        "default": True, "type": "custom", "exclude": ["PERSON_NAME"],
        "custom": {"SSN": "Social Security Number", "default": "obfuscation"}}}])
    assert r.status_code == 200 and r.json()["redaction"]["type"] == "custom"
    assert messages(api) == ["Hi, this is Sarah Jennings from [****], [****].",
                             "My social security number is Social Security Number."]
    patch(api, [{"op": "replace", "path": "/redaction", "value": {"default": True, "type": "obfuscation"}}])
    assert messages(api)[1] == "My social security number is [****]."
    assert messages(api, "?redact=false")[1] == LINES[1]
    got = api.get("/v1/manage/settings").json()
    assert got["settings"]["redaction"] == got["redaction"] == {"default": True, "type": "obfuscation",
                                                                "exclude": [], "custom": {}}


def test_settings_belong_to_one_app(api):
    patch(api, [{"op": "add", "path": "/redaction", "value": {"default": True}}], app="symbl:app2")
    assert api.get("/v1/manage/settings").json()["settings"] == {}
    assert messages(api) == LINES


def test_entities_in_both_shapes(api):
    r = api.get(f"/v1/conversations/{C1}/entities?redact=true")
    found = {(e["type"], e["subType"]): e for e in r.json()["entities"]}
    assert found[("SSN", None)]["value"] == "[SSN]" and found[("SSN", None)]["category"] == "PII"
    city = found[("LOCATION", "CITY")]
    assert city["matches"][0]["messageRefs"] == city["messageRefs"]
    assert "Hope" not in r.text and "Sarah" not in r.text


def test_an_unredacted_read_is_audited(api):
    messages(api, "?redact=false")
    job = api.app.state.store.get(C1)
    assert [a["action"] for a in job.audit] == ["read unredacted"] and job.audit[0]["by"] == "symbl:app1"


def test_unknown_or_another_apps_conversation_is_not_found(api):
    for path in ("/v1/conversations/nope/messages", f"/v1/conversations/{C2}/messages", f"/v1/conversations/{C2}/entities"):
        r = api.get(path)
        assert (r.status_code, r.json()) == (404, NOT_FOUND)


def test_a_conversation_still_processing_has_no_messages_yet(api):
    assert api.get(f"/v1/conversations/{C3}/messages").json() == {"messages": []}


@pytest.mark.parametrize(("query", "says"), [
    ('?redact=true&exclude=["LOCATION_TOWN"]', "'LOCATION_TOWN' is not an entity name"),
    ("?redact=maybe", "redact"),
])
def test_bad_read_queries_answer_400_symbl_style(api, query, says):
    r = api.get(f"/v1/conversations/{C1}/messages{query}")
    assert r.status_code == 400 and set(r.json()) == {"message"} and says in r.json()["message"]


@pytest.mark.parametrize(("body", "says"), [
    ({"op": "add", "path": "/redaction", "value": {}}, "JSON Patch array"),
    ([{"op": "move", "path": "/redaction", "from": "/a"}], "[0].op"),
    ([{"op": "replace", "path": "/redaction", "value": {}}], "add"),
    ([{"op": "add", "path": "/redaction", "value": {"exclude": ["NOT_A_THING"]}}], "'NOT_A_THING'"),
])
def test_bad_patches_answer_400_symbl_style(api, body, says):
    r = patch(api, body)
    assert r.status_code == 400 and set(r.json()) == {"message"} and says in r.json()["message"]


def test_a_body_that_is_not_json_answers_400_symbl_style(api):
    r = api.patch("/v1/manage/settings", content=b"{nope", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and set(r.json()) == {"message"}


def test_no_token_answers_401_symbl_style(settings):
    r = TestClient(create_app(settings)).get("/v1/manage/settings")
    assert r.status_code == 401 and set(r.json()) == {"message"}
