"""Stage 4: the transcript with every entity substituted, in text, words and sentences."""

from __future__ import annotations

import re

import pytest

from bleeper.models import Entity, Transcript
from tools.evaluate import read_aloud
from bleeper.redaction.text import public_entities, redact_text

NAME = "Sarah Jennings"
PHONE = "610-265-1714"
EMAIL = "sarah dot jennings at gmail dot com"
CARD = "4532 0151 1283 0366"


def transcript(*sentences: str) -> Transcript:
    return read_aloud(sentences)


def entity(t: Transcript, value: str, policy: str) -> Entity:
    start = t.text.index(value)
    end = start + len(value)
    touched = [w for w in t.words if w.char_end > start and w.char_start < end]
    return Entity(policy=policy, start=start, end=end, start_ms=touched[0].start, end_ms=touched[-1].end,
                  score=0.85, recognizer="test")  # fmt: skip


CALL = (
    "Hi, my name is Sarah Jennings.",
    "What is the best phone number?",
    "It is 610-265-1714.",
    "And your email?",
    "sarah dot jennings at gmail dot com.",
    "The card is 4532 0151 1283 0366 thanks.",
)
CALL_PII = [(NAME, "person_name"), (PHONE, "phone_number"), (EMAIL, "email_address"), (CARD, "credit_card_number")]


@pytest.fixture
def call():
    t = transcript(*CALL)
    return t, [entity(t, value, policy) for value, policy in CALL_PII]


def _everything_shown(redacted) -> str:
    return "\n".join([redacted.text, *(w.text for w in redacted.words), *(s.text for s in redacted.sentences)])


@pytest.mark.parametrize(
    "sentence,value,policy,sub,expected",
    [
        ("It is 610-265-1714.", PHONE, "phone_number", "hash", "It is ###-###-####."),
        ("Hi, my name is Sarah Jennings.", NAME, "person_name", "hash", "Hi, my name is ##### ########."),
        ("Hi, my name is Sarah Jennings.", "Sarah", "person_name", "hash", "Hi, my name is ##### Jennings."),
        (EMAIL + ".", EMAIL, "email_address", "hash", "##### ### ######## ## ##### ### ###."),
        ("Sir.Jennings at mail.com", "Sir.Jennings at mail.com", "email_address", "hash", "###.######## ## ####.###"),
        ("It is 610-265-1714.", PHONE, "phone_number", "entity_name", "It is [PHONE_NUMBER]."),
        ("Hi, my name is Sarah Jennings.", NAME, "person_name", "entity_name", "Hi, my name is [PERSON_NAME]."),
        ("The card is 4532 0151 1283 0366 thanks.", CARD, "credit_card_number", "entity_name",
         "The card is [CREDIT_CARD_NUMBER] thanks."),
        ("My social is 536-22-1785.", "536-22-1785", "us_social_security_number", "entity_name",
         "My social is [US_SOCIAL_SECURITY_NUMBER]."),
    ],
)  # fmt: skip
def test_a_value_is_replaced_in_the_assemblyai_style(sentence, value, policy, sub, expected):
    t = transcript(sentence)
    redacted = redact_text(t, [entity(t, value, policy)], sub)
    assert redacted.text == expected
    assert [s.text for s in redacted.sentences] == [expected]


@pytest.mark.parametrize("sub", ["hash", "entity_name"])
def test_no_value_appears_anywhere_in_the_output(call, sub):
    t, entities = call
    shown = _everything_shown(redact_text(t, entities, sub))
    for value in (NAME, PHONE, EMAIL, CARD):
        for piece in value.split():
            if piece not in {"dot", "at"}:
                assert piece not in shown
    assert not re.search(r"\d", shown), "a digit of a redacted number is still shown"
    assert "gmail" not in shown and "Sarah" not in shown and "sarah" not in shown


@pytest.mark.parametrize("sub", ["hash", "entity_name"])
def test_text_without_entities_is_unchanged(sub):
    t = transcript(*CALL)
    redacted = redact_text(t, [], sub)
    assert redacted.text == t.text
    assert redacted.words == t.words
    assert [s.text for s in redacted.sentences] == list(CALL)
    assert [(s.first_word, s.last_word) for s in redacted.sentences] == [(s.first_word, s.last_word) for s in t.segments]


def test_with_hash_the_words_spell_the_redacted_text(call):
    t, entities = call
    redacted = redact_text(t, entities, "hash")
    assert "".join(w.text for w in redacted.words) == "".join(redacted.text.split())
    assert len(redacted.words) == len(t.words)


@pytest.mark.parametrize("sub", ["hash", "entity_name"])
def test_redacted_words_keep_the_original_times(call, sub):
    t, entities = call
    redacted = redact_text(t, entities, sub)
    original = {(w.start, w.end): w for w in t.words}
    for word in redacted.words:
        assert (word.start, word.end) in original
        assert word.confidence == original[(word.start, word.end)].confidence
    assert [w.start for w in redacted.words] == sorted(w.start for w in redacted.words)


def test_with_hash_each_word_keeps_its_place_and_shape(call):
    t, entities = call
    redacted = redact_text(t, entities, "hash")
    for before, after in zip(t.words, redacted.words, strict=True):
        assert (after.start, after.end) == (before.start, before.end)
        assert re.sub(r"[^\W_]", "#", before.text) == after.text or after.text == before.text


@pytest.mark.parametrize(
    "value,policy,first_word",
    [(NAME, "person_name", "[PERSON_NAME]"), (CARD, "credit_card_number", "[CREDIT_CARD_NUMBER]"),
     (EMAIL, "email_address", "[EMAIL_ADDRESS]")],
)  # fmt: skip
def test_with_entity_name_a_multi_word_value_is_one_token_at_its_first_words_time(call, value, policy, first_word):
    t, entities = call
    redacted = redact_text(t, entities, "entity_name")
    value_start = t.text.index(value)
    first = next(w for w in t.words if w.char_start == value_start)
    [token] = [w for w in redacted.words if w.text.startswith(first_word)]
    assert token.start == first.start
    assert redacted.text.count(first_word) == 1


@pytest.mark.parametrize("sub", ["hash", "entity_name"])
def test_sentences_keep_their_times_and_point_at_their_redacted_words(call, sub):
    t, entities = call
    redacted = redact_text(t, entities, sub)
    assert [(s.start, s.end) for s in redacted.sentences] == [(s.start, s.end) for s in t.segments]
    for sentence in redacted.sentences:
        words = redacted.words[sentence.first_word:sentence.last_word]
        assert words, "a sentence lost all its words"
        # with entity_name the punctuation after a value stays a word of its own: compare sans spaces
        assert "".join(w.text for w in words) == "".join(sentence.text.split())


def test_an_entity_across_two_sentences_is_redacted_in_both():
    t = transcript("my number is 610 265", "1714 thanks")
    start = t.text.index("610")
    end = t.text.index("1714") + 4
    e = Entity(policy="phone_number", start=start, end=end, start_ms=1500, end_ms=2900, score=0.7, recognizer="test")
    redacted = redact_text(t, [e], "hash")
    assert [s.text for s in redacted.sentences] == ["my number is ### ###", "#### thanks"]
    assert not re.search(r"\d", _everything_shown(redacted))


@pytest.mark.parametrize(
    "sub,shown",
    [("hash", ["##### ########", "###-###-####", "##### ### ######## ## ##### ### ###", "#### #### #### ####"]),
     ("entity_name", ["[PERSON_NAME]", "[PHONE_NUMBER]", "[EMAIL_ADDRESS]", "[CREDIT_CARD_NUMBER]"])],
)  # fmt: skip
def test_public_entities_show_the_replacement_never_the_value(call, sub, shown):
    t, entities = call
    public = public_entities(entities, t, sub)
    assert [p["text"] for p in public] == shown
    assert [p["entity_type"] for p in public] == [policy for _, policy in CALL_PII]
    assert [(p["start"], p["end"]) for p in public] == [(e.start_ms, e.end_ms) for e in entities]
    assert set(public[0]) == {"entity_type", "text", "start", "end", "score"}
    dumped = repr(public)
    for value in (NAME, PHONE, EMAIL, CARD, "Sarah", "1714", "gmail", "4532"):
        assert value not in dumped


def test_with_entity_name_a_value_across_two_sentences_keeps_words_and_sentence_text_in_step():
    t = transcript("my number is 610 265", "1714 thanks")
    start = t.text.index("610")
    end = t.text.index("1714") + 4
    e = Entity(policy="phone_number", start=start, end=end, start_ms=1500, end_ms=2900, score=0.7, recognizer="test")
    redacted = redact_text(t, [e], "entity_name")
    for sentence in redacted.sentences:
        words = redacted.words[sentence.first_word:sentence.last_word]
        assert "".join(w.text for w in words) == "".join(sentence.text.split())
