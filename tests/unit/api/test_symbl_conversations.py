"""The Symbl-style process calls record a conversation as a bleeper job owned by the app, its
originals sealed in S3; GET /v1/job and the conversation routes answer only that app."""

from __future__ import annotations

import json

import pytest

from bleeper import artifacts
from bleeper.artifacts import job_key
from bleeper.models import Job, JobStatus
from bleeper.state.sealed import is_sealed
from tests.unit.api.symbl_fixtures import s3, symbl, token  # noqa: F401

CHAT = {"name": "Support chat", "messages": [
    {"payload": {"content": "Hi, this is John Lowry, my number is 555 201 3344"},
     "from": {"name": "John Lowry", "userId": "john@example.com"},
     "duration": {"startTime": "2020-07-21T16:02:19.000Z", "endTime": "2020-07-21T16:02:29.000Z"}},
    {"payload": {"content": "Thanks John, one moment."}, "from": {"name": "Agent"},
     "duration": {"startTime": "2020-07-21T16:02:30.000Z", "endTime": "2020-07-21T16:02:33.000Z"}},
]}


def job_of(client, conversation_id: str) -> Job:
    return client.app.state.store.get(conversation_id)


def raw_object(s3, key: str) -> bytes:
    return s3.get_object(Bucket="bleeper", Key=key)["Body"].read()


def test_a_text_conversation_is_a_job_whose_messages_are_its_sealed_transcript(symbl, s3):
    r = symbl.post("/v1/process/text", json=CHAT, headers=token(symbl))

    assert r.status_code == 201 and set(r.json()) == {"conversationId", "jobId"}
    job = job_of(symbl, r.json()["conversationId"])
    assert job.symbl.kind == "text" and job.symbl.job_id == r.json()["jobId"] and job.owner.startswith("symbl:")
    assert job.options.keep_unredacted and job.options.redact_pii and job.status == JobStatus.queued
    blob = raw_object(s3, job_key(job.id, artifacts.TRANSCRIPT))
    assert is_sealed(blob) and b"Lowry" not in blob and b"Lowry" not in raw_object(s3, job_key(job.id, "speakers.json"))
    transcript = symbl.app.state.storage.get_json(job_key(job.id, artifacts.TRANSCRIPT))
    assert [s["speaker"] for s in transcript["segments"]] == [0, 1]
    assert [(s["start"], s["end"]) for s in transcript["segments"]] == [(0, 10_000), (11_000, 14_000)]


def test_the_job_reads_scheduled_then_symbls_four_statuses(symbl):
    headers = token(symbl)
    made = symbl.post("/v1/process/text", json=CHAT, headers=headers).json()
    store = symbl.app.state.store

    seen = [symbl.get(f"/v1/job/{made['jobId']}", headers=headers).json()]
    store.mark(made["conversationId"], JobStatus.processing)
    seen.append(symbl.get(f"/v1/job/{made['jobId']}", headers=headers).json()["status"])
    store.mark(made["conversationId"], JobStatus.completed)
    seen.append(symbl.get(f"/v1/job/{made['jobId']}", headers=headers).json()["status"])

    assert seen == [{"id": made["jobId"], "status": "scheduled"}, "in_progress", "completed"]


def test_an_audio_url_conversation_maps_symbls_options(symbl):
    body = {"url": "https://example.com/call.wav", "name": "Call", "webhookUrl": "https://hooks.example.com/x",
            "languageCode": "en-US", "enableSeparateRecognitionPerChannel": True, "detectEntities": True,
            "confidenceThreshold": 0.6, "entities": [{"customType": "Hiring Process", "text": "internships"}],
            "channelMetadata": [{"channel": 2, "speaker": {"name": "Rep", "email": "rep@example.com"}},
                                {"channel": 1, "speaker": {"name": "Caller", "email": "caller@example.com"}}]}

    r = symbl.post("/v1/process/audio/url", json=body, headers=token(symbl))

    job = job_of(symbl, r.json()["conversationId"])
    o = job.options
    assert r.status_code == 201 and job.symbl.kind == "audio" and job.symbl.announced == ["scheduled"]
    assert o.multichannel and o.language_code == "en" and o.webhook_url == body["webhookUrl"]
    assert [(e.name, e.phrases) for e in o.redact_pii_custom_entities] == [("HIRING_PROCESS", ["internships"])]
    speakers = symbl.app.state.storage.get_json(job_key(job.id, artifacts.SPEAKERS))
    assert [(s["channel"], s["name"]) for s in speakers] == [(1, "Caller"), (2, "Rep")]


def test_the_apps_own_custom_entities_go_into_each_job(symbl, redis_url):
    headers = token(symbl)
    owner = symbl.app.state.symbl_tokens.grant(headers["Authorization"][7:]).owner
    symbl.app.state.store.redis.set(f"bleeper:custom_entities:{owner}",
                                    json.dumps([{"id": "1", "entity": {"name": "REF", "pattern": r"\d{5}-\d{5}"}}]))

    r = symbl.post("/v1/process/video/url", json={"url": "https://example.com/v.mp4"}, headers=headers)

    assert [e.name for e in job_of(symbl, r.json()["conversationId"]).options.redact_pii_custom_entities] == ["REF"]


@pytest.mark.parametrize(("path", "body", "named"), [
    ("/v1/process/text", {**CHAT, "sentimentAnalysis": True}, "sentimentAnalysis: unknown field"),
    ("/v1/process/text", {"messages": [{"payload": {"content": "hi", "extra": 1}}]}, "messages[0].payload.extra"),
    ("/v1/process/text", {"messages": []}, "messages: must not be empty"),
    ("/v1/process/text", {"messages": [{"payload": {"content": "hi"}, "duration": {"startTime": "soon",
                                                                                   "endTime": "later"}}]},
     "messages[0].duration.startTime"),
    ("/v1/process/audio/url", {"url": "https://example.com/a.mp3", "channelMetadata": [{"channel": 0,
                                                                                        "speaker": {}}]},
     "channelMetadata[0].channel"),
    ("/v1/process/audio/url", {"name": "no url"}, "url: required"),
    ("/v1/process/audio/url", {"url": "http://127.0.0.1/a.mp3"}, "url"),
    ("/v1/process/audio/url", {"url": "https://example.com/a.mp3", "webhookUrl": "ftp://x"}, "webhookUrl"),
    ("/v1/process/audio/url", {"url": "https://example.com/a.mp3", "languageCode": "xx-XX"}, "languageCode"),
])
def test_a_bad_field_is_400_naming_it(symbl, path, body, named):
    r = symbl.post(path, json=body, headers=token(symbl))

    assert r.status_code == 400 and r.json()["message"].startswith(named), r.json()


@pytest.mark.parametrize(("query", "content_type", "named"), [
    ("?unknownThing=1", "audio/wav", "unknownThing: unknown field"),
    ("?entities=notjson", "audio/wav", "entities"),
    ("?enableSeparateRecognitionPerChannel=maybe", None, "enableSeparateRecognitionPerChannel"),
    ("", "text/plain", "Content-Type"),
])
def test_the_raw_body_call_refuses_bad_options_before_reading_the_body(symbl, query, content_type, named):
    headers = {**token(symbl), **({"Content-Type": content_type} if content_type else {})}

    r = symbl.post(f"/v1/process/audio{query}", content=b"RIFF....WAVE", headers=headers)

    assert r.status_code == 400 and r.json()["message"].startswith(named)


def test_a_raw_body_without_content_type_becomes_an_upload_the_job_fetches(symbl):
    r = symbl.post("/v1/process/audio?name=Call&enableSeparateRecognitionPerChannel=true",
                   content=b"\x00" * 1000, headers=token(symbl))

    job = job_of(symbl, r.json()["conversationId"])
    assert r.status_code == 201 and job.upload_id and job.options.multichannel and job.symbl.name == "Call"


def test_another_apps_conversation_and_job_do_not_exist_for_it(symbl):
    mine = symbl.post("/v1/process/text", json=CHAT, headers=token(symbl)).json()
    record, secret = symbl.app.state.symbl_apps.create("other")
    other = token(symbl, record.app_id, secret)

    for path in (f"/v1/conversations/{mine['conversationId']}", f"/v1/job/{mine['jobId']}"):
        r = symbl.get(path, headers=other)
        assert r.status_code == 404
    assert symbl.delete(f"/v1/conversations/{mine['conversationId']}", headers=other).json() == {
        "message": "The conversationId is either invalid or does not exist."}


def test_the_conversation_object_never_shows_who_spoke(symbl):
    headers = token(symbl)
    made = symbl.post("/v1/process/text", json=CHAT, headers=headers).json()

    conv = symbl.get(f"/v1/conversations/{made['conversationId']}", headers=headers).json()

    assert conv["id"] == made["conversationId"] and conv["name"] == "Support chat" and conv["type"] == "meeting"
    assert conv["startTime"] == "2020-07-21T16:02:19.000Z" and conv["endTime"] == "2020-07-21T16:02:33.000Z"
    assert conv["members"] == [{"id": "1", "name": "[REDACTED NAME 1]"}, {"id": "2", "name": "[REDACTED NAME 2]"}]
    assert "Lowry" not in json.dumps(conv) and "john@" not in json.dumps(conv)


def test_delete_removes_everything_the_conversation_stored_then_it_is_404(symbl, s3):
    headers = token(symbl)
    made = symbl.post("/v1/process/text", json=CHAT, headers=headers).json()
    cid = made["conversationId"]
    assert symbl.delete(f"/v1/conversations/{cid}", headers=headers).status_code == 400  # still queued
    symbl.app.state.store.mark(cid, JobStatus.processing)
    symbl.app.state.store.mark(cid, JobStatus.completed)

    r = symbl.delete(f"/v1/conversations/{cid}", headers=headers)

    assert r.status_code == 200 and r.json() == {"message": "successfully deleted the conversation"}
    assert s3.list_objects_v2(Bucket="bleeper", Prefix=f"jobs/{cid}/").get("KeyCount") == 0
    gone = symbl.get(f"/v1/conversations/{cid}", headers=headers)
    assert gone.status_code == 404 and gone.json() == {"message": "The conversationId is either invalid or does not exist."}
    assert job_of(symbl, cid).symbl.name is None  # the tombstone keeps nothing the client wrote
    assert symbl.get(f"/v1/job/{made['jobId']}", headers=headers).json()["status"] == "completed"


def test_an_unknown_job_is_404_with_a_message(symbl):
    r = symbl.get("/v1/job/9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", headers=token(symbl))

    assert r.status_code == 404 and "jobId" in r.json()["message"]


def test_a_long_chat_fits_but_the_json_limit_still_holds_elsewhere(symbl):
    long_chat = {"messages": [{"payload": {"content": "word " * 40}} for _ in range(600)]}  # ~150 KB

    assert symbl.post("/v1/process/text", json=long_chat, headers=token(symbl)).status_code == 201
    too_big = symbl.post("/v1/process/audio/url", json={"url": "https://example.com/a.mp3", "name": "x" * 70_000},
                         headers=token(symbl))
    assert too_big.status_code == 413 and "message" in too_big.json()


def test_a_raw_audio_body_larger_than_a_json_request_is_streamed_to_an_upload(symbl):
    r = symbl.post("/v1/process/audio", content=b"\x00" * 200_000, headers=token(symbl))

    assert r.status_code == 201
