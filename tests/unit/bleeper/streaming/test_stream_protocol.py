"""Every message bleeper sends parses with the official SDK's own models (its reader thread dies
silently on one that does not), and the client's messages are parsed or refused with 3006."""

from __future__ import annotations

import json

import pytest
from assemblyai.streaming.v3 import models as sdk
from assemblyai.streaming.v3._base import _BaseStreamingClient
from tests.unit.bleeper.streaming.scripted import run, script
from hypothesis import given, settings, strategies as st

from bleeper.streaming import protocol
from bleeper.streaming.protocol import Close, ProtocolError, parse_client_message


def sdk_reads(text: str):
    """What the SDK's reader makes of a message (its own dispatch and models)."""
    return _BaseStreamingClient._parse_message(json.loads(text))


def test_begin_parses_with_the_sdk_model():
    event = sdk_reads(protocol.dump(protocol.BeginOut(id="abc", expires_at=1_900_000_000)))
    assert isinstance(event, sdk.BeginEvent) and event.id == "abc" and event.expires_at.year == 2030


def test_termination_parses_with_integer_durations_and_the_extra_field_ignored():
    text = protocol.dump(protocol.TerminationOut(audio_duration_seconds=12, session_duration_seconds=13,
                                                 transcript_id="f" * 32))
    event = sdk_reads(text)
    assert isinstance(event, sdk.TerminationEvent)
    assert (event.audio_duration_seconds, event.session_duration_seconds) == (12, 13)
    assert json.loads(text)["transcript_id"] == "f" * 32


@pytest.mark.parametrize("code", list(Close))
def test_errors_parse_with_the_sdk_model(code):
    event = sdk_reads(protocol.error(ProtocolError(code, "what to fix")))
    assert isinstance(event, sdk.ErrorEvent) and event.error_code == int(code) and event.error == "what to fix"


@pytest.mark.parametrize("query", [
    {}, {"format_turns": "true"}, {"include_partial_turns": "true"}, {"redact_pii": "false"},
    {"redact_pii_sub": "entity_name", "format_turns": "True"}, {"language_detection": "true"},
])
def test_every_turn_a_session_sends_parses_with_the_sdk_model(make_session, query):
    said = script((500, "Hi, my number is 555 201 3344."), (3500, "Thanks, Sarah, bye."))
    session, _ = make_session(said, query)
    messages = run(session, 6000) + session.force_endpoint() + session.finish()
    assert messages
    for text in messages:
        event = sdk_reads(text)
        assert isinstance(event, sdk.TurnEvent), text
        assert all(isinstance(w.start, int) and isinstance(w.end, int) for w in event.words)
        assert event.transcript == " ".join(w.text for w in event.words) or event.turn_is_formatted
        if query.get("language_detection"):
            assert event.end_of_turn is False or event.language_code == "en"


@pytest.mark.parametrize("text, kind", [
    ('{"type": "Terminate"}', "Terminate"), ('{"type": "ForceEndpoint"}', "ForceEndpoint"),
    ('{"type": "KeepAlive"}', "KeepAlive"), ('{"type": "UpdateConfiguration", "max_turn_silence": 900}',
                                             "UpdateConfiguration"),
])
def test_the_sdks_messages_are_understood(text, kind):
    assert parse_client_message(text)[0] == kind


def test_the_sdks_own_serialisation_is_understood():
    for model in (sdk.TerminateSession(), sdk.ForceEndpoint(), sdk.KeepAlive(), sdk.UpdateConfiguration(format_turns=True)):
        kind, body = parse_client_message(model.model_dump_json(exclude_none=True))
        assert kind == model.type


@pytest.mark.parametrize("text", ["not json", "{", "[]", '"Terminate"', '{"type": 3}', '{"kind": "Terminate"}',
                                  '{"type": "Stop"}', '{"type": "Terminate", "now": true}', "[" * 100_000])
def test_malformed_messages_are_refused_with_3006(text):
    with pytest.raises(ProtocolError) as caught:
        parse_client_message(text)
    assert caught.value.code == Close.invalid_message


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_parsed_or_refused_with_3006(text):
    try:
        kind, body = parse_client_message(text)
    except ProtocolError as exc:
        assert exc.code == Close.invalid_message
    else:
        assert kind in protocol.CLIENT_TYPES and isinstance(body, dict)
