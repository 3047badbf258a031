"""A stereo call through the Symbl-style API as Symbl's documents send one: each channel
transcribed apart (`enableSeparateRecognitionPerChannel`), its speaker named in `channelMetadata`.
The messages alternate between the two speakers, and with `redact=true` each speaker's name and
email in `from` (and in the conversation's `members`) come back as `[REDACTED NAME n]` /
`[REDACTED EMAIL n]`, numbered per person all through the conversation."""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

import pytest
import requests

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
AGENT = {"name": "Marcus Bell", "email": "marcus.bell@harborfederal.example"}
CUSTOMER = {"name": "Linda Okafor", "email": "linda.okafor@example.org"}
# Symbl's channels are 1-based; the call has the agent left (1) and the customer right (2)
METADATA = [{"channel": 2, "speaker": CUSTOMER}, {"channel": 1, "speaker": AGENT}]


def the_stereo_call() -> Path:
    spec = importlib.util.spec_from_file_location("make_stereo_call", ROOT / "samples/voices/make_stereo_call.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module.make()[0]


@pytest.fixture(scope="module")
def conversation(stack):
    base = stack.settings.api_url
    app_id, app_secret = stack.settings.symbl_app()
    token = requests.post(f"{base}/oauth2/token:generate", timeout=30, json={
        "type": "application", "appId": app_id, "appSecret": app_secret}).json()["accessToken"]
    headers = {"Authorization": f"Bearer {token}"}
    r = requests.post(f"{base}/v1/process/audio", data=the_stereo_call().read_bytes(), headers=headers, timeout=60,
                      params={"name": "Harbor Federal call", "enableSeparateRecognitionPerChannel": "true",
                              "channelMetadata": json.dumps(METADATA)})
    assert r.status_code == 201, r.text
    deadline = time.monotonic() + 300
    while (status := requests.get(f"{base}/v1/job/{r.json()['jobId']}", headers=headers,
                                  timeout=30).json()["status"]) != "completed":
        assert status != "failed" and time.monotonic() < deadline
        time.sleep(1)
    return base, headers, r.json()["conversationId"]


def test_messages_alternate_between_the_two_named_speakers_redacted_and_numbered(conversation):
    base, headers, cid = conversation
    r = requests.get(f"{base}/v1/conversations/{cid}/messages", headers=headers, params={"redact": "true"}, timeout=30)
    assert r.status_code == 200, r.text
    messages = r.json()["messages"]
    senders = [m["from"] for m in messages]
    # speakers are numbered by channel, whatever order channelMetadata lists them in
    agent = {"name": "[REDACTED NAME 1]", "email": "[REDACTED EMAIL 1]"}
    customer = {"name": "[REDACTED NAME 2]", "email": "[REDACTED EMAIL 2]"}
    assert {json.dumps({k: s[k] for k in ("name", "email")}, sort_keys=True) for s in senders} == {
        json.dumps(agent, sort_keys=True), json.dumps(customer, sort_keys=True)}
    assert {k: senders[0][k] for k in ("name", "email")} == agent  # the agent opens the call
    turns = [s["name"] for s in senders]
    assert sum(a != b for a, b in zip(turns, turns[1:])) >= 3  # a conversation, not two monologues
    text = json.dumps(r.json())
    for said in ("Marcus", "Bell", "Linda", "Okafor", "harborfederal"):
        assert said not in text
    assert all(m["startTime"] <= n["startTime"] for m, n in zip(messages, messages[1:]))


def test_the_members_are_numbered_as_in_the_messages(conversation):
    base, headers, cid = conversation
    r = requests.get(f"{base}/v1/conversations/{cid}", headers=headers, timeout=30)
    assert r.status_code == 200, r.text
    names = {m.get("name") for m in r.json()["members"]}
    assert names == {"[REDACTED NAME 1]", "[REDACTED NAME 2]"}
    assert "Marcus" not in r.text and "Linda" not in r.text


def test_without_redaction_the_speakers_are_shown_as_given(conversation):
    base, headers, cid = conversation
    r = requests.get(f"{base}/v1/conversations/{cid}/messages", headers=headers, params={"redact": "false"}, timeout=30)
    assert r.status_code == 200, r.text
    names = {m["from"].get("name") for m in r.json()["messages"]}
    assert names == {AGENT["name"], CUSTOMER["name"]}
