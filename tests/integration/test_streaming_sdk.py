"""AssemblyAI's official SDK, unchanged, streaming a call to a running `bleeper stream` with the real
Whisper (tiny.en) and detector: sync and async clients, 16 kHz PCM and 8 kHz μ-law, the refusals.
Streamed faster than real time (BLEEPER_STREAM_REALTIME_CHECK=false); nothing here is timed."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
import requests
import websockets.sync.client
from assemblyai.streaming.v3 import (
    AsyncStreamingClient,
    StreamingClient,
    StreamingClientOptions,
    StreamingEvents,
    StreamingParameters,
)

from tests.integration.stream_helpers import KEY, Heard, chunks, leaked, mulaw8k, pcm16k, redis_server, \
    stream_process, the_call

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("stream")


@pytest.fixture(scope="module")
def host(home):
    with redis_server(home) as redis_url, stream_process(home, redis_url, stream_whisper_model="tiny.en",
                                                         stream_realtime_check="false", stream_max_sessions="2",
                                                         log_level="DEBUG") as address:
        yield address


@pytest.fixture(scope="module")
def call():
    audio, reference = the_call()
    return pcm16k(audio), reference


def options(host: str, **kwargs) -> StreamingClientOptions:
    return StreamingClientOptions(api_key=KEY, api_host=f"ws://{host}", terminate_timeout=60, **kwargs)


def listen(client) -> Heard:  # noqa: ANN001
    heard = Heard()
    client.on(StreamingEvents.Begin, lambda _, e: heard.begins.append(e))
    client.on(StreamingEvents.Turn, lambda _, e: heard.turns.append(e))
    client.on(StreamingEvents.Termination, lambda _, e: heard.terminations.append(e))
    client.on(StreamingEvents.Error, lambda _, e: heard.errors.append(e))
    return heard


def stream_sync(host: str, audio: bytes, frame: int, **params) -> Heard:
    client = StreamingClient(options(host))
    heard = listen(client)
    client.connect(StreamingParameters(**params))
    client.stream(chunks(audio, frame))
    client.disconnect(terminate=True)
    return heard


@pytest.fixture(scope="module")
def pcm_hash(host, call):
    return stream_sync(host, call[0], 3200, sample_rate=16000, format_turns=True)


@pytest.fixture(scope="module")
def mulaw_entity_name(host, call):
    async def go() -> Heard:
        client = AsyncStreamingClient(options(host))
        heard = listen(client)
        await client.connect(StreamingParameters(sample_rate=8000, encoding="pcm_mulaw", redact_pii=True,
                                                 redact_pii_sub="entity_name"))
        await client.stream(chunks(mulaw8k(call[0]), 1600))  # 200 ms frames
        await client.disconnect(terminate=True)
        return heard

    return asyncio.run(go())


def test_the_sync_client_gets_redacted_final_turns_and_a_clean_termination(pcm_hash):
    heard = pcm_hash
    assert heard.errors == [] and len(heard.begins) == 1
    assert leaked(heard) == []
    formatted = heard.finals(formatted=True)
    assert len(formatted) >= 5
    # the phone number's ten digits, hashed whatever grouping Whisper gave them ("###-###-####",
    # "### ### ####" and "### ###- #- #- #- #." all seen, by the encoder window and the pauses)
    asked = next(i for i, t in enumerate(formatted) if "phone number" in t.transcript)
    answer = formatted[asked + 1].transcript
    assert answer.count("#") == 10 and not any(c.isdigit() for c in answer)
    assert len(heard.finals(formatted=False)) == len(formatted)  # the unformatted one comes first, as AssemblyAI's
    assert [t.turn_order for t in formatted] == sorted({t.turn_order for t in formatted})
    assert all(isinstance(w.start, int) and isinstance(w.end, int) and w.word_is_final
               for t in heard.finals() for w in t.words)
    assert not [t for t in heard.turns if not t.end_of_turn]  # no partials: redact_pii is on
    (done,) = heard.terminations
    assert done.audio_duration_seconds == 30 and isinstance(done.session_duration_seconds, int)


def test_the_async_client_on_8_khz_mulaw_gets_entity_names(mulaw_entity_name):
    heard = mulaw_entity_name
    assert heard.errors == [] and len(heard.terminations) == 1
    assert leaked(heard) == []
    text = heard.text()
    assert "[PERSON_NAME]" in text and "[PHONE_NUMBER]" in text and "[CREDIT_CARD_NUMBER]" in text
    assert all(not t.turn_is_formatted for t in heard.turns)  # format_turns is off by default


def test_the_card_read_in_two_halves_is_redacted_in_both(pcm_hash):
    turns = [t.transcript for t in pcm_hash.finals(formatted=True)]
    last = next(i for i, t in enumerate(turns) if "that's it" in t.lower())
    # the pause ended a turn: the first half closes the turn before, the second opens this one
    assert "#" in turns[last] and "#" in turns[last - 1] and "card" not in turns[last - 1].lower()
    assert not any("1111" in t or "4111" in t for t in turns)


def test_partials_come_when_asked_for(host, call):
    heard = stream_sync(host, call[0][: 16000 * 2 * 10], 3200, sample_rate=16000, include_partial_turns=True)
    assert heard.errors == []
    partials = [t for t in heard.turns if not t.end_of_turn]
    assert partials and all(not w.word_is_final for t in partials for w in t.words)


def test_a_bad_key_is_refused_with_1008(host):
    client = StreamingClient(StreamingClientOptions(api_key="not-a-key", api_host=f"ws://{host}"))
    heard = listen(client)
    client.connect(StreamingParameters(sample_rate=16000))
    client.disconnect()
    assert [e.code for e in heard.errors] == [1008] and heard.begins == []


def test_a_temporary_token_from_v3_token_opens_a_session(host):
    token = requests.get(f"http://{host}/v3/token", params={"expires_in_seconds": 60},
                         headers={"Authorization": KEY}, timeout=10).json()["token"]
    client = StreamingClient(StreamingClientOptions(token=token, api_host=f"ws://{host}", terminate_timeout=30))
    heard = listen(client)
    client.connect(StreamingParameters(sample_rate=16000))
    client.stream(bytes(3200))
    client.disconnect(terminate=True)
    assert heard.errors == [] and len(heard.begins) == 1 and len(heard.terminations) == 1


def test_malformed_json_is_refused_with_3006(host):
    with websockets.sync.client.connect(f"ws://{host}/v3/ws?sample_rate=16000",
                                        additional_headers={"Authorization": KEY}) as ws:
        assert json.loads(ws.recv(timeout=10))["type"] == "Begin"
        ws.send(b"\x00\x00" * 1600)
        ws.send('{"type": "Terminate"')
        error = json.loads(ws.recv(timeout=30))
        with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
            ws.recv(timeout=30)
    assert error["error_code"] == 3006 and closed.value.rcvd.code == 3006


def test_sessions_beyond_the_limit_are_refused_with_3009(host):
    held = [StreamingClient(options(host)) for _ in range(2)]
    heard_held = [listen(c) for c in held]
    for client in held:
        client.connect(StreamingParameters(sample_rate=16000))
    deadline = time.monotonic() + 30
    while not all(h.begins for h in heard_held):  # both admitted before the third knocks
        assert time.monotonic() < deadline
        time.sleep(0.05)
    third = StreamingClient(options(host))
    heard = listen(third)
    third.connect(StreamingParameters(sample_rate=16000))
    third.disconnect()
    for client in held:
        client.disconnect(terminate=True)
    assert [e.code for e in heard.errors] == [3009]
    assert all(h.errors == [] and len(h.terminations) == 1 for h in heard_held)


def test_the_servers_log_holds_no_values(host, home, pcm_hash, mulaw_entity_name):
    log = (home / "stream.log").read_text()
    assert "stream session" in log  # it logged the sessions (ids, counts, timings)
    lowered = log.lower()
    assert not [v for v in ("linda", "okafor", "harbor", "212-555", "555-0147", "4111", "1111") if v in lowered]
