"""A drug name Whisper misspelled is still a drug where it is taken, prescribed or dosed; a brand is a
drug before its form; vitamins are drugs; everyday words near a drug name in spelling are not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.drug_forms import DrugFormRecognizer, nearest_drug

RECOGNIZER = DrugFormRecognizer()


def found(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in RECOGNIZER.matches(text)]


@pytest.mark.parametrize("text, drug", [
    ("She's on Metforman twice a day.", "Metforman"),
    ("They gave me amoxicilin for it.", "amoxicilin"),
    ("I took Lisinoprill this morning.", "Lisinoprill"),
    ("He was prescribed Xarelton after the clot.", "Xarelton"),
    ("I've got COPD and I use a Trelegy inhaler every morning.", "Trelegy"),
    ("I take vitamin D and fish oil.", "vitamin D"),
    ("I get a B12 shot once a month.", "B12"),
])
def test_a_drug_said_loosely_is_a_drug(text, drug):
    assert drug in found(text)


@pytest.mark.parametrize("text", [
    "My policy number is on the card.",
    "I'm taking my parents to the airport.",
    "Are you calling about the Galaxy tablet?",
    "Departure is from gate B12.",
    "I'm taking a break for lunch.",
    "I took the morning off.",
])
def test_everyday_words_near_a_drug_name_are_not_drugs(text):
    assert found(text) == []


def test_the_nearest_listed_name_is_found_for_a_misspelling_only():
    assert nearest_drug("gabapenton") == "gabapentin"
    assert nearest_drug("grandpa") is None and nearest_drug("policy") is None


DRUG_TALK = st.sampled_from(["taking", "I'm", "on", "Metforman", "vitamin", "D", "B12", "shot", "inhaler", "mg",
                             "Trelegy", "prescribed", "a", "the", "'s", ",", ".", "é", "\u200b", "—", "12"])


@given(st.one_of(st.text(max_size=400), st.lists(DRUG_TALK, max_size=60).map(" ".join)))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for start, end, _ in RECOGNIZER.matches(text):
        assert 0 <= start < end <= len(text)


def test_a_long_transcript_is_read_whole():
    text = "I'm taking Metforman and a vitamin D, um, every day. " * 400
    assert len(RECOGNIZER.matches(text)) == 800
