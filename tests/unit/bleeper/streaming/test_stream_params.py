"""The query string as the SDK writes it, and UpdateConfiguration: used, or refused by name."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest
from assemblyai.streaming.v3 import models as sdk
from assemblyai.streaming.v3._base import _build_uri
from hypothesis import given, settings, strategies as st

from bleeper import policies
from bleeper.models import Substitution
from bleeper.streaming.params import AAI_MODELS, UNSUPPORTED, apply_update, parse_query
from bleeper.streaming.protocol import Close, ProtocolError


def parse(model: str = "base", **query: str):
    return parse_query({"sample_rate": "16000", **query}.items(), model)


def refused(model: str = "base", **query: str) -> str:
    with pytest.raises(ProtocolError) as caught:
        parse(model, **query)
    assert caught.value.code == Close.invalid_message
    return caught.value.message


def sdk_query(**params) -> list[tuple[str, str]]:
    """The query string the official SDK builds for these parameters."""
    return parse_qsl(urlsplit(_build_uri("ws://h", sdk.StreamingParameters(**params))).query)


def test_what_the_sdk_sends_is_understood():
    params = parse_query(sdk_query(
        sample_rate=8000, encoding=sdk.Encoding.pcm_mulaw, format_turns=True, end_of_turn_confidence_threshold=0.7,
        min_turn_silence=300, max_turn_silence=2000, keyterms_prompt=["Okafor", "Harbor Federal"],
        speech_model=sdk.SpeechModel.universal_streaming_english, inactivity_timeout=30, redact_pii=True,
        redact_pii_policies=[sdk.StreamingPiiPolicy.person_name, sdk.StreamingPiiPolicy.credit_card_number],
        redact_pii_sub=sdk.StreamingPiiSubstitution.entity_name, include_partial_turns=False, language_detection=False,
        vad_threshold=0.4), "base")
    assert (params.sample_rate, params.encoding, params.format_turns) == (8000, "pcm_mulaw", True)
    assert (params.min_turn_silence, params.max_turn_silence, params.end_of_turn_confidence_threshold) == (300, 2000, 0.7)
    assert params.keyterms_prompt == ["Okafor", "Harbor Federal"] and params.inactivity_timeout == 30
    assert params.policies == ("person_name", "credit_card_number")
    assert params.redact_pii_sub is Substitution.entity_name and params.vad_threshold == 0.4
    assert params.language == "en"


@pytest.mark.parametrize("spelling, value", [("True", True), ("true", True), ("False", False), ("false", False)])
def test_booleans_arrive_in_either_spelling(spelling, value):
    assert parse(format_turns=spelling).format_turns is value
    assert parse(redact_pii=spelling).redact_pii is value


@pytest.mark.parametrize("spelling", ["yes", "1", "", "TRUE!"])
def test_other_booleans_are_refused(spelling):
    assert refused(format_turns=spelling).startswith("format_turns:")


def test_redaction_is_on_by_default_and_partials_off_with_it():
    params = parse()
    assert params.redact_pii and not params.include_partial_turns
    assert params.policies == policies.DEFAULT_POLICIES and params.redact_pii_sub is Substitution.hash
    assert parse(redact_pii="false").include_partial_turns
    assert parse(include_partial_turns="true").include_partial_turns


def test_policies_are_a_json_array_and_checked_like_a_jobs():
    assert parse(redact_pii_policies='["phone_number", "location_city"]').policies == ("phone_number", "location_city")
    message = refused(redact_pii_policies='["phone_number", "my name is Sarah"]')
    assert "redact_pii_policies[1]" in message and "Sarah" not in message
    assert "JSON" in refused(redact_pii_policies="phone_number")
    assert "empty" in refused(redact_pii_policies="[]")


def test_exclude_custom_and_bleepers_own_styles():
    params = parse(redact_pii_exclude='["location"]', redact_pii_sub="custom",
                   redact_pii_custom='{"person_name": "<caller>"}')
    assert "location" not in params.policies and "location_city" not in params.policies
    assert params.redact_pii_custom == {"person_name": "<caller>"}
    for style in ("hash", "entity_name", "obfuscation", "pseudonym", "custom"):
        assert parse(redact_pii_sub=style).redact_pii_sub == style
    assert "redact_pii_sub" in refused(redact_pii_sub="stars")


def test_unknown_parameters_are_refused_by_name():
    message = refused(speaker_count="2", colour="blue")
    assert "colour" in message and "speaker_count" in message and "blue" not in message


def test_a_parameter_given_twice_is_refused():
    with pytest.raises(ProtocolError, match="more than once"):
        parse_query([("sample_rate", "16000"), ("format_turns", "true"), ("format_turns", "false")], "base")


@pytest.mark.parametrize("name", UNSUPPORTED)
def test_features_bleeper_lacks_are_refused_when_asked_for_and_ignored_when_off(name):
    assert name in refused(**{name: "true"})
    parse(**{name: "false"})


@pytest.mark.parametrize("query, field", [
    ({"sample_rate": "0"}, "sample_rate"), ({"sample_rate": "16k"}, "sample_rate"),
    ({"sample_rate": "96000"}, "sample_rate"), ({"encoding": "opus"}, "encoding"),
    ({"speech_model": "best"}, "speech_model"), ({"min_turn_silence": "-1"}, "min_turn_silence"),
    ({"max_turn_silence": "100"}, "max_turn_silence"), ({"end_of_turn_confidence_threshold": "2"},
                                                        "end_of_turn_confidence_threshold"),
    ({"inactivity_timeout": "2"}, "inactivity_timeout"), ({"keyterms_prompt": '["' + "x" * 60 + '"]'},
                                                          "keyterms_prompt"),
    ({"language_code": "xx"}, "language_code"), ({"redact_pii_audio": "true", "redact_pii": "false"},
                                                 "redact_pii_audio"),
    ({"webhook_url": "https://example.com/hook"}, "webhook_url"),
])
def test_bad_values_name_the_parameter(query, field):
    assert field in refused(**query)


def test_sample_rate_is_required():
    with pytest.raises(ProtocolError, match="sample_rate"):
        parse_query([], "base")


@pytest.mark.parametrize("name", AAI_MODELS)
def test_every_assemblyai_model_name_is_served(name):
    assert parse(speech_model=name).speech_model == name


def test_languages():
    assert parse().language == "en"
    assert parse(speech_model="universal-streaming-multilingual").language is None
    assert parse(language_code="es").language == "es"
    assert parse(language_code="en_us").language == "en"
    both = parse(language_codes='["es", "fr"]')
    assert both.language is None and both.languages_allowed == ["es", "fr"]
    assert parse("tiny.en", language_detection="true").language == "en"
    assert "English only" in refused("tiny.en", language_code="es")


def test_update_configuration_changes_turn_settings_only():
    params = apply_update(parse(), {"max_turn_silence": 2000, "min_end_of_turn_silence_when_confident": 200,
                                    "end_of_turn_confidence_threshold": 0.6, "format_turns": True,
                                    "keyterms_prompt": ["Okafor"], "vad_threshold": None})
    assert (params.max_turn_silence, params.min_turn_silence, params.format_turns) == (2000, 200, True)
    assert params.keyterms_prompt == ["Okafor"] and params.end_of_turn_confidence_threshold == 0.6
    with pytest.raises(ProtocolError, match="redact_pii"):
        apply_update(parse(), {"redact_pii": False})
    with pytest.raises(ProtocolError, match="filter_profanity"):
        apply_update(parse(), {"filter_profanity": True})
    with pytest.raises(ProtocolError, match="max_turn_silence"):
        apply_update(parse(), {"max_turn_silence": 100})


def test_the_sdks_update_message_is_understood():
    body = json.loads(sdk.UpdateConfiguration(min_turn_silence=250, keyterms_prompt=["x"]).model_dump_json(
        exclude_none=True))
    body.pop("type")
    assert apply_update(parse(), body).min_turn_silence == 250


KNOWN_NAMES = ["sample_rate", "encoding", "format_turns", "min_turn_silence", "max_turn_silence",
               "redact_pii", "redact_pii_policies", "redact_pii_sub", "language_code", "keyterms_prompt",
               "inactivity_timeout", "include_partial_turns", "vad_threshold", "token", "speech_model"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.sampled_from(KNOWN_NAMES), st.text(max_size=20)),
                          st.one_of(st.sampled_from(["true", "False", "16000", "8000", "[]", '["phone_number"]',
                                                     "hash", "0.5", "-3", "pcm_mulaw"]), st.text(max_size=30))),
                max_size=8))
def test_any_query_is_parsed_or_refused_with_3006(pairs):
    try:
        params = parse_query(pairs, "base")
    except ProtocolError as exc:
        assert exc.code == Close.invalid_message and exc.message
        names = {key for key, _ in pairs}
        for _, value in pairs:  # a value is never repeated back (it may be PII); names may be
            if len(value) >= 6 and value not in ("pcm_mulaw", "[\"phone_number\"]") and \
                    not any(value in name for name in names):
                assert value not in exc.message
    else:
        assert 8000 <= params.sample_rate <= 48000
