"""redact_pii_audio on a streaming session, through the session's local stack: the call streamed
with the official SDK to the API's port (`bleeper up` serves /v3/ws there) comes back as a batch
job whose redacted audio is beeped where the name, phone and card were spoken."""

from __future__ import annotations

import json
from typing import Optional

import numpy as np
import pytest
import requests
import websockets.sync.client
from assemblyai.streaming.v3 import StreamingClient, StreamingClientOptions, StreamingEvents, StreamingParameters

from tests.integration.stream_helpers import Heard, chunks, leaked, pcm16k, the_call
from tests.integration.test_pipeline import _decode, _dominant_hz

pytestmark = [pytest.mark.integration, pytest.mark.slow]


class BleeperParameters(StreamingParameters):
    """The SDK's parameters plus bleeper's own (README, Streaming): the SDK sends every field its
    model holds, so a subclass is how its users ask for them."""

    redact_pii_audio: Optional[bool] = None  # noqa: UP007 — as the SDK's models spell it


@pytest.fixture(scope="module")
def streamed(api, make_receiver):
    audio, reference = the_call()
    receiver = make_receiver([])
    client = StreamingClient(StreamingClientOptions(api_key=api.key, api_host=api.base.replace("http", "ws"),
                                                    terminate_timeout=60))
    heard = Heard()
    client.on(StreamingEvents.Turn, lambda _, e: heard.turns.append(e))
    client.on(StreamingEvents.Termination, lambda _, e: heard.terminations.append(e))
    client.on(StreamingEvents.Error, lambda _, e: heard.errors.append(e))
    client.connect(BleeperParameters(sample_rate=16000, redact_pii_audio=True, webhook_url=receiver.url))
    client.stream(chunks(pcm16k(audio), 3200))
    client.disconnect(terminate=True)
    return heard, receiver, reference, audio


def test_the_session_is_redacted_and_terminates(streamed):
    heard, *_ = streamed
    assert heard.errors == [] and len(heard.terminations) == 1
    assert leaked(heard) == []


def test_its_audio_becomes_a_job_whose_audio_is_beeped_where_the_values_were_said(streamed, api, tmp_path):
    _, receiver, reference, audio = streamed
    ready, completed = receiver.wait_for(2, timeout=240)
    assert (ready["body"]["status"], completed["body"]["status"]) == ("redacted_audio_ready", "completed")
    job = api.wait(ready["body"]["transcript_id"])
    assert job["status"] == "completed" and "4111" not in job["text"]
    redacted, rate = _decode(requests.get(ready["body"]["redacted_audio_url"], timeout=30).content, ".mp3", tmp_path)
    original = np.frombuffer(pcm16k(audio), "<i2").astype(np.float32) / 32768
    assert abs(redacted.shape[0] - original.shape[0]) < rate // 20  # same length
    for value in reference["pii"]:
        a, b = value["start_ms"] * rate // 1000, value["end_ms"] * rate // 1000
        assert _dominant_hz(redacted[a:b], rate) == pytest.approx(1000, abs=15), value["policy"]
    question = reference["turns"][2]  # "Thanks. What is the best phone number to reach you?": no value
    a, b = question["start_ms"] * rate // 1000, question["end_ms"] * rate // 1000
    assert _dominant_hz(redacted[a:b], rate) != pytest.approx(1000, abs=15)


def test_termination_names_the_job(api):
    """The SDK's Termination model drops fields it does not know; a raw client sees the job's id."""
    url = api.base.replace("http", "ws") + "/v3/ws?sample_rate=16000&redact_pii_audio=true"
    with websockets.sync.client.connect(url, additional_headers={"Authorization": api.key}) as ws:
        assert json.loads(ws.recv(timeout=30))["type"] == "Begin"
        for _ in range(10):
            ws.send(bytes(3200))
        ws.send(json.dumps({"type": "Terminate"}))
        while (message := json.loads(ws.recv(timeout=60)))["type"] != "Termination":
            pass
    assert len(message["transcript_id"]) == 32 and "redacted_audio_error" not in message
    assert api.get(message["transcript_id"]).status_code == 200
