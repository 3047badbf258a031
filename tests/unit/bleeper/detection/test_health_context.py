"""A sentence about someone's health lets its everyday health words count (`the nausea`, `a
headache`, `so drowsy`, a drug misspelt); the same words in talk about anything else stay clear."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.health_context import HealthContextRecognizer

RECOGNIZER = HealthContextRecognizer()


def found(text: str) -> list[tuple[str, str]]:
    return [(entity, text[s:e]) for entity, s, e in RECOGNIZER.matches(text)]


@pytest.mark.parametrize("text, entity, said", [
    ("She got ondansetron for the nausea after chemo.", "MEDICAL_CONDITION", "nausea"),
    ("My knee's been swollen for days and now there's a headache on top of it.", "MEDICAL_CONDITION", "headache"),
    ("The pediatrician said to come in if the fever lasts past Friday.", "MEDICAL_CONDITION", "fever"),
    ("The new blood pressure pill leaves me groggy every morning.", "MEDICAL_CONDITION", "groggy"),
    ("Those allergy tablets make him so drowsy at school.", "MEDICAL_CONDITION", "drowsy"),
    ("My cardiologist has me on a low-dose aspirin and metoprolol.", "DRUG", "low-dose aspirin"),
    ("I'm on Lipitorr for my cholesterol.", "DRUG", "Lipitorr"),
    ("Can I take ibuprofen with the gabapenton?", "DRUG", "gabapenton"),
    ("The cardiologist went over the echo with us on Tuesday.", "MEDICAL_PROCESS", "echo"),
    ("After the eczema flared the skin on her hands was peeling and oozing.", "MEDICAL_CONDITION", "peeling and oozing"),
])
def test_a_health_word_counts_in_a_sentence_about_health(text, entity, said):
    assert (entity, said) in found(text)


@pytest.mark.parametrize("text", [
    "The crowd reached a fever pitch in the last quarter.",
    "I'll grab a cold brew and head to the office.",
    "What a pain the traffic was on the bridge this morning.",
    "He's always sleepy on Monday mornings before coffee.",
    "The echo in the stairwell is so loud.",
    "She needs help with her calculus homework.",
    "I sliced the onions on a mandoline and the recipe came out fine.",
    "Tell the doctor's office I'll fax the form tomorrow.",
    "My blood type is O negative, my doctor says.",
    "She was in tears at the clinic because the bill was wrong.",
])
def test_the_same_words_elsewhere_stay_clear(text):
    assert found(text) == []


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for entity, s, e in RECOGNIZER.matches(text):
        assert 0 <= s < e <= len(text)
        assert entity in ("MEDICAL_CONDITION", "INJURY", "DRUG", "MEDICAL_PROCESS")
