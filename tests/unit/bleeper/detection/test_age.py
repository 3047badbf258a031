"""age.py: ages said with `old`, after the person they belong to, and as decades of life."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.age import AgeRecognizer


@pytest.fixture(scope="module")
def recognizer() -> AgeRecognizer:
    return AgeRecognizer()


def found(recognizer: AgeRecognizer, text: str) -> list[str]:
    return [text[r.start:r.end] for r in recognizer.analyze(text, ["PERSON_AGE"])]


@pytest.mark.parametrize("text, age", [
    ("She's seventy-four years old.", "seventy-four years old"),
    ("The patient is a 72-year-old male.", "72-year-old"),
    ("I'm a forty-four-year-old female.", "forty-four-year-old"),
    ("I'm twenty-three years of age.", "twenty-three years of age"),
    ("she's an eighteen-month-old", "eighteen-month-old"),
    ("The baby is nine weeks old.", "nine weeks old"),
    ("I'm seventy-one years young.", "seventy-one years young"),
])
def test_a_number_of_years_or_months_old_is_an_age(recognizer, text, age):
    assert found(recognizer, text) == [age]


@pytest.mark.parametrize("text, age", [
    ("I'm sixty-eight, I'm retired.", "sixty-eight"),
    ("He's nineteen.", "nineteen"),
    ("My father's eighty-seven, he lives with us.", "eighty-seven"),
    ("My wife Mary is 34 and she has glaucoma.", "34"),
    ("My son, Hunter, is nineteen.", "nineteen"),
    ("my daughter she's fifteen she wants her own phone", "fifteen"),
    ("My mother just turned 88.", "88"),
    ("I'm turning forty next week.", "forty"),
    ("She's going to be twelve in May.", "twelve"),
    ("He was 6 when we moved.", "6"),
    ("she's a hundred and two", "a hundred and two"),
    ("Age: 42", "42"),
    ("at the age of sixty-five", "sixty-five"),
    # a baby's age in months or weeks, after the baby
    ("my baby is eighteen months", "eighteen months"),
    ("He's about eighteen months.", "eighteen months"),
    ("My daughter, who's eighteen months, has a fever.", "eighteen months"),
    ("Our daughter is two and a half.", "two and a half"),
    ("He's going on ninety.", "ninety"),
    ("Grandma will be a hundred in June.", "a hundred"),
    ("He's got type 1 diabetes, he was diagnosed at four.", "four"),
])
def test_a_number_a_person_is_is_an_age(recognizer, text, age):
    assert found(recognizer, text) == [age]


def test_the_ages_of_children_just_named_are_ages(recognizer):
    assert found(recognizer, "I have my two kids with me, they're six and nine.") == ["six", "nine"]


def test_two_ages_said_together_are_both_ages(recognizer):
    assert found(recognizer, "my kids are 8 and 10") == ["8", "10"]
    assert found(recognizer, "I'm 67 and my husband's 70.") == ["67", "70"]
    # the age someone will be, said right after
    assert found(recognizer, "She's fifty-eight, fifty-nine in March.") == ["fifty-eight", "fifty-nine"]


@pytest.mark.parametrize("text, age", [
    ("My dad had a heart attack at sixty-two, so I get checked.", "sixty-two"),
    ("I'd be the youngest one there at thirty-eight.", "thirty-eight"),
])
def test_an_age_something_happened_at_is_an_age(recognizer, text, age):
    assert age in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "The stock closed at fifty, and I sold.",  # no age talk
    "We're at forty people signed up.",
])
def test_a_number_after_at_with_no_age_talk_is_not_an_age(recognizer, text):
    assert found(recognizer, text) == []


@pytest.mark.parametrize("text, age", [
    ("I'm a woman in my fifties.", "fifties"),
    ("a man in his late 80s", "late 80s"),
    ("He's in his late sixties.", "late sixties"),
    ("he's mid-forties", "mid-forties"),
    ("She's early thirties I think.", "early thirties"),
])
def test_a_decade_of_life_is_an_age(recognizer, text, age):
    assert found(recognizer, text) == [age]


@pytest.mark.parametrize("text", [
    "I'm thirty-two weeks pregnant.",  # a duration
    "I'm 5 minutes away.",
    "he's two payments behind",
    "I'm one of the account holders.",
    "He's six foot two.",
    "he's 6'2\"",
    "I'm 100% sure.",
    "They're twenty.",  # things, as often as people
    "back in the late eighties",  # a decade of the calendar
    "It's about ten days.",
    "The thermostat is set to 68.",
    "The stock went up at four.",
    "I'm eight weeks out from my knee replacement.",  # time since a surgery
    "She'll be thirty weeks when the wedding happens.",  # a pregnancy, until something
])
def test_a_number_that_is_not_a_persons_age_is_not_found(recognizer, text):
    assert found(recognizer, text) == []


TOKENS = st.sampled_from(["I'm", "she's", "my", "son's", "is", "turned", "forty", "two", "-", "year", "old",
                          "months", "in", "her", "late", "seventies", "mid-forties", "and", "72", ",", "."])
TEXT = st.lists(st.one_of(TOKENS, st.text(max_size=4)), max_size=40).map(" ".join)


@given(st.one_of(TEXT, st.text(max_size=200)))
@settings(max_examples=300, deadline=None)
def test_ages_never_raise_and_stay_inside_the_text(text):
    spans = AgeRecognizer().analyze(text, ["PERSON_AGE"])
    assert all(0 <= r.start < r.end <= len(text) for r in spans)


@pytest.mark.parametrize("text, age", [
    # set off by commas next to how a person looks, or after what they are
    ("Have you seen my son? Fourteen, curly red hair, braces, he was on a blue bike.", "Fourteen"),
    ("She's a retired teacher, eighty-three, and she lives alone.", "eighty-three"),
    # a child's age after a height said for their age
    ("He's big for his age, almost six feet at fifteen.", "fifteen"),
    # a filler between the person and the age, and a stutter before the month of the next one
    ("I'm, what, fifty-two now?", "fifty-two"),
    ("He's ninety-one, ninety-two in, in March.", "ninety-two"),
    ("My wife is turning seventy and a half next spring.", "seventy and a half"),  # the half year one turns
])
def test_an_age_a_description_frames_is_found(recognizer, text, age):
    assert age in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "We got twelve, thirteen, fourteen, short of the target again.",  # a count going on
    "Aisle nine, short ribs are on sale.",
    "Row eleven, tall shelves by the window.",
    "The meeting is at ten, for your age group it's free.",
])
def test_a_number_next_to_a_description_that_is_no_age_is_not_found(recognizer, text):
    assert found(recognizer, text) == []


def test_a_decade_of_life_since_or_during_it_is_an_age(recognizer):
    assert "thirties" in found(recognizer, "I've had migraines since my thirties.")
    assert "forties" in found(recognizer, "He smoked all through his forties.")
