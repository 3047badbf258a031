"""A conversation's messages and entities as Symbl shows them, redacted per read."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from bleeper.models import Entity
from bleeper.symbl.messages import build, entity_objects, message_id, shows_values, classify
from bleeper.symbl.settings import apply_patch, read_options

LINES = ["Hi, this is Sarah Jennings from Hope, Arkansas.",
         "My social security number is 123-45-6789 and my card is 4111 1111 1111 1111.",
         "Thanks Sarah, my email is david@example.com."]
VALUES = [("person_name", "Sarah Jennings"), ("location", "Hope"), ("location", "Arkansas"),
          ("us_social_security_number", "123-45-6789"), ("credit_card_number", "4111 1111 1111 1111"),
          ("email_address", "david@example.com")]
SPEAKERS = [{"name": "Sarah Jennings", "email": "sarah@example.com", "userId": "sarah@example.com", "channel": 1},
            {"name": "David Lowry", "email": "david@example.com", "channel": 2}]


def options(value: dict | None = None, redact: bool | None = None, exclude: list[str] | None = None):
    settings = apply_patch({}, [{"op": "add", "path": "/redaction", "value": value}]) if value else {}
    return read_options(settings, redact, exclude)


@pytest.fixture
def call(make_conversation):
    return make_conversation(LINES, VALUES, speakers=SPEAKERS, channels=[0, 1, 1])


def texts(messages):
    return [m["text"] for m in messages]


def test_redact_true_writes_each_entity_name(call):
    assert texts(build(call, options(redact=True))) == [
        "Hi, this is [PERSON_NAME] from [LOCATION_CITY], [LOCATION_STATE].",
        "My social security number is [SSN] and my card is [CREDIT_CARD_NUMBER].",
        "Thanks [PERSON_NAME], my email is [EMAIL_ADDRESS].",
    ]


def test_obfuscation_writes_four_stars_whatever_the_length(call):
    shown = texts(build(call, options({"default": True, "type": "obfuscation"})))
    assert shown[1] == "My social security number is [****] and my card is [****]."


def test_custom_strings_with_a_default_for_the_rest(call):
    value = {"default": True, "type": "custom", "custom": {"SSN": "Social Security Number", "default": "obfuscation"}}
    assert texts(build(call, options(value)))[1] == "My social security number is Social Security Number and my " \
                                                   "card is [****]."


def test_exclude_leaves_those_entities_as_said(call):
    shown = texts(build(call, options(redact=True, exclude=["LOCATION_CITY"])))
    assert shown[0] == "Hi, this is [PERSON_NAME] from Hope, [LOCATION_STATE]."
    shown = texts(build(call, options(redact=True, exclude=["LOCATION"])))
    assert shown[0] == "Hi, this is [PERSON_NAME] from Hope, Arkansas."


def test_without_redaction_the_text_is_as_said(call):
    assert texts(build(call, options())) == LINES
    assert shows_values(classify(call), options())
    assert not shows_values(classify(call), options(redact=True))


def test_settings_default_redacts_every_read_and_the_query_overrides_it(call):
    on = {"default": True, "type": "default"}
    assert "[SSN]" in texts(build(call, options(on)))[1]
    assert texts(build(call, options(on, redact=False)))[1] == LINES[1]


def test_speakers_identity_is_redacted_and_numbered_per_person(call):
    messages = build(call, options(redact=True))
    assert [m["from"] for m in messages] == [
        {"name": "[REDACTED NAME 1]", "email": "[REDACTED EMAIL 1]", "userId": "[REDACTED EMAIL 1]"},
        {"name": "[REDACTED NAME 2]", "email": "[REDACTED EMAIL 2]"},
        {"name": "[REDACTED NAME 2]", "email": "[REDACTED EMAIL 2]"},
    ]


def test_excluding_person_name_shows_speakers_names(call):
    messages = build(call, options(redact=True, exclude=["PERSON_NAME"]))
    assert messages[0]["from"] == {"name": "Sarah Jennings", "email": "[REDACTED EMAIL 1]",
                                   "userId": "[REDACTED EMAIL 1]"}


def test_unredacted_from_is_the_speaker_as_given(call):
    assert build(call, options())[0]["from"] == {"name": "Sarah Jennings", "email": "sarah@example.com",
                                                 "userId": "sarah@example.com"}


def test_mono_audio_without_metadata_has_an_unnamed_speaker(make_conversation):
    conversation = make_conversation(["Hello there."], [])
    assert build(conversation, options(redact=True))[0]["from"] == {}


def test_a_speakers_name_said_but_not_detected_is_redacted(make_conversation):
    conversation = make_conversation(["Okay Lowry, thanks."], [], speakers=SPEAKERS[1:], channels=[0])
    assert texts(build(conversation, options(redact=True))) == ["Okay [PERSON_NAME], thanks."]


def test_a_message_has_symbls_fields_and_times(call):
    first = build(call, options(redact=True))[0]
    assert set(first) == {"id", "text", "from", "startTime", "endTime", "timeOffset", "duration", "conversationId",
                          "phrases"}
    assert first["id"] == message_id("conv1", 0) and len(first["id"]) == 16
    assert first["startTime"] == "2023-11-14T22:13:20.000Z" and first["timeOffset"] == 0.0
    assert first["conversationId"] == "conv1" and first["phrases"] == []


def test_verbose_words_are_redacted_like_the_text(call):
    words = build(call, options(redact=True), verbose=True)[1]["words"]
    assert [w["word"] for w in words] == ["My", "social", "security", "number", "is", "[SSN]", "and", "my", "card",
                                          "is", "[CREDIT_CARD_NUMBER]."]
    assert set(words[0]) == {"word", "startTime", "endTime", "score", "timeOffset", "duration"}


def test_text_conversation_words_have_no_score(make_conversation):
    conversation = make_conversation(["Hello there."], [], text_only=True)
    assert "score" not in build(conversation, options(), verbose=True)[0]["words"][0]


def test_no_value_appears_anywhere_in_a_redacted_read(call):
    body = json.dumps({"messages": build(call, options(redact=True), verbose=True),
                       "entities": entity_objects(call, options(redact=True))})
    for _, value in VALUES:
        assert value not in body
    for speaker in SPEAKERS:
        assert speaker["name"] not in body and speaker["email"] not in body and "Sarah" not in body


def test_entities_have_both_symbl_shapes(call):
    found = entity_objects(call, options())
    city = next(e for e in found if e.get("subType") == "CITY")
    assert city["type"] == "LOCATION" and city["category"] == "PII"
    assert city["value"] == city["text"] == "Hope"
    ref = city["messageRefs"][0]
    assert ref["id"] == message_id("conv1", 0) and ref["text"] == LINES[0] and ref["offset"] == LINES[0].index("Hope")
    assert {"startTime", "endTime"} <= set(ref)
    assert city["matches"] == [{"value": "Hope", "detectedValue": "Hope", "messageRefs": city["messageRefs"]}]


def test_the_same_value_said_twice_is_one_entity_with_two_refs(make_conversation):
    conversation = make_conversation(["Call 610-265-1714.", "Yes 610-265-1714."],
                                     [("phone_number", "610-265-1714"), ("phone_number", "610-265-1714")])
    [phone] = entity_objects(conversation, options())
    assert len(phone["messageRefs"]) == 2 and phone["type"] == "PHONE_NUMBER"


def test_hidden_entities_show_the_replacement_and_where_it_lands(call):
    found = entity_objects(call, options(redact=True))
    ssn = next(e for e in found if e["type"] == "SSN")
    ref = ssn["messageRefs"][0]
    assert ssn["value"] == "[SSN]" and ref["text"][ref["offset"]:].startswith("[SSN]")


def test_custom_entities_are_category_custom(make_conversation):
    conversation = make_conversation(["Order 82498-34792 shipped."], [("custom:ORDER_REF", "82498-34792")])
    [order] = entity_objects(conversation, options(redact=True))
    assert (order["type"], order["category"], order["customType"]) == ("ORDER_REF", "Custom", "ORDER_REF")
    assert texts(build(conversation, options(redact=True))) == ["Order [ORDER_REF] shipped."]
    assert texts(build(conversation, options(redact=True, exclude=["ORDER_REF"]))) == ["Order 82498-34792 shipped."]


def test_a_role_in_a_speakers_name_is_not_searched_for(make_conversation):
    conversation = make_conversation(["The Agent said Smith would call."], [],
                                     speakers=[{"name": "Agent Smith"}], channels=[0])
    assert texts(build(conversation, options(redact=True))) == ["The Agent said [PERSON_NAME] would call."]



WORDS = ["alpha", "bravo", "Charlie", "4111", "delta", "echo,", "Foxtrot.", "golf"]


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6), min_size=1, max_size=4),
       st.data(), st.sampled_from(["default", "obfuscation"]))
def test_any_values_are_written_once_where_they_start(make_conversation, lines, data, style):
    conversation = make_conversation([" ".join(line) for line in lines], [])
    words = conversation.transcript.words
    cuts = sorted(data.draw(st.sets(st.integers(0, len(words)), max_size=6)))
    spans = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    conversation.entities = [Entity(policy="phone_number", start=words[a].char_start, end=words[b - 1].char_end,
                                    start_ms=words[a].start, end_ms=words[b - 1].end, score=0.9, recognizer="test")
                             for a, b in spans]
    read = options({"default": True, "type": style})
    shown = " ".join(m["text"] for m in build(conversation, read))
    marker = read.replacement("PHONE_NUMBER")
    assert shown.count(marker) == len(spans)
    for found in entity_objects(conversation, read):
        for ref in found["messageRefs"]:
            assert ref["text"][ref["offset"]:].startswith(marker)
    if not spans:
        assert shown == conversation.transcript.text
