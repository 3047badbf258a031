"""duration.py: a number and a unit of time (AssemblyAI's definition of `duration`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.duration import DurationRecognizer


@pytest.fixture(scope="module")
def recognizer() -> DurationRecognizer:
    return DurationRecognizer()


def found(recognizer: DurationRecognizer, text: str) -> list[str]:
    return [text[r.start:r.end] for r in recognizer.analyze(text, ["DURATION"])]


@pytest.mark.parametrize("text, value", [
    ("It's been about ten days since I started the amoxicillin.", "about ten days"),
    ("I got a concussion playing hockey two weeks ago.", "two weeks"),
    ("I've been on hold for forty-five minutes!", "forty-five minutes"),
    ("I'm thirty-two weeks pregnant.", "thirty-two weeks"),
    ("Standard shipping takes 3 to 5 business days.", "3 to 5 business days"),
    ("It usually takes two or three days.", "two or three days"),
    ("You've got a 30-day return window.", "30-day"),
    ("Can I get the 12 month option?", "12 month"),
    ("It takes two and a half weeks.", "two and a half weeks"),
    ("I waited an hour and a half on the phone.", "an hour and a half"),
    ("I've been a customer for over a decade.", "over a decade"),
    ("Hold the button for one second.", "one second"),
    ("The layover was two hours and fifteen minutes in Denver.", "two hours and fifteen minutes"),  # one duration
    ("I sat in the ER for, um, an hour and twenty minutes.", "an hour and twenty minutes"),
    ("The infusion is every four weeks.", "every four weeks"),
    ("Let it charge for roughly ninety minutes.", "roughly ninety minutes"),
    ("Arizona is an hour behind us right now.", "an hour behind"),  # a difference of time
])
def test_a_number_and_a_unit_of_time_is_a_duration(recognizer, text, value):
    assert found(recognizer, text) == [value]


@pytest.mark.parametrize("text", [
    "Give me one second.",  # fillers
    "Hold on a minute, let me grab it.",
    "Take two tablets twice a day.",  # a frequency, no number and unit
    "Drink eight glasses of water a day.",
    "My baby is six months old.",  # an age
    "He's a 5-year-old.",
    "it usually clears in a few business days",  # no number
])
def test_fillers_frequencies_and_ages_are_not_durations(recognizer, text):
    assert found(recognizer, text) == []


TOKENS = st.sampled_from(["a", "an", "one", "two", "forty-five", "3", "to", "or", "and", "half", "business", "days",
                          "hour", "minutes", "weeks", "-", "day", "old", "for", "took", "couple", "of", ","])
TEXT = st.lists(st.one_of(TOKENS, st.text(max_size=4)), max_size=40).map(" ".join)


@given(st.one_of(TEXT, st.text(max_size=200)))
@settings(max_examples=300, deadline=None)
def test_durations_never_raise_and_stay_inside_the_text(text):
    spans = DurationRecognizer().analyze(text, ["DURATION"])
    assert all(0 <= r.start < r.end <= len(text) for r in spans)
