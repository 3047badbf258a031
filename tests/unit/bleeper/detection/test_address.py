"""Addresses as callers say them (address.py): the street line with its unit, a unit alone,
streets, intersections and highways; words that only look like a unit or a street stay visible."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from presidio_analyzer import RecognizerResult

from bleeper.detection import resolve_overlaps
from bleeper.detection.recognizers.address import AddressRecognizer

RECOGNIZER = AddressRecognizer()


def found(text: str) -> list[str]:
    return [text[r.start:r.end] for r in sorted(RECOGNIZER.analyze(text, ["LOCATION"]), key=lambda r: r.start)]


@pytest.mark.parametrize("text,part", [
    ("My address is 2217 Fernhill Road, apartment four B.", "2217 Fernhill Road, apartment four B"),
    ("It's 77 Harbor View Drive, unit twelve, Portland.", "77 Harbor View Drive, unit twelve"),
    ("Send it to 300 Commerce Street, suite 300.", "300 Commerce Street, suite 300"),
    ("It's 14 Oak St., Apt. 3C.", "14 Oak St., Apt. 3C"),
    ("We live at twelve twenty oak street, apartment three C.", "twelve twenty oak street, apartment three C"),
    ("My address is 6 1 2 0 North Saguaro Drive, Tucson.", "6 1 2 0 North Saguaro Drive"),  # digit by digit
    ("He's in unit 3.", "unit 3"),
    ("She moved to apartment 14B last week.", "apartment 14B"),
    ("We're in suite three hundred.", "suite three hundred"),
    ("The water main broke on Elm and 5th, in front of the store.", "Elm and 5th"),
    ("It happened at Main Street and Oak.", "Main Street and Oak"),
    ("There was a crash on Maple Avenue last night.", "Maple Avenue"),
    ("Take I-95 to exit 12.", "I-95"),
    ("Mail it to P O box four four one two.", "P O box four four one two"),
    ("I'm in Springfield, Illinois 62704.", "62704"),
    ("Ship it to 91 Lakeview Terrace, number 6, Austin.", "91 Lakeview Terrace, number 6"),
    ("It's 48 Quarry Road, building D, unit 12, out past the mill.", "48 Quarry Road, building D, unit 12"),
    ("The crash was at the light on Hadley and Brook.", "Hadley and Brook"),  # a corner with no suffix
])  # fmt: skip
def test_each_part_of_a_spoken_address_is_found(text, part):
    assert part in found(text)


@pytest.mark.parametrize("text", [
    "My AC unit two years ago stopped working.",
    "I have two dogs on the street.",
    "We met on Monday and 3rd of June was the deadline.",
    "Give us 1 minute.",
    "Is that unit I think you mean?",
    "We have 14 units in the building.",
    "I bank with Smith and Wesson.",
    "It's at the corner store.",
    "I shop at Kroger and Target on weekends.",  # two names with no corner cue
])  # fmt: skip
def test_words_that_only_look_like_an_address_stay_visible(text):
    assert found(text) == []


def _found_by(recognizer: str, entity: str, start: int, end: int, score: float) -> RecognizerResult:
    return RecognizerResult(entity, start, end, score, recognition_metadata={"recognizer_name": recognizer})


@pytest.mark.parametrize("text,learned,spacy,kept", [
    # Presidio keeps the tagger's street line over the rule's equal one; spaCy calls it an ORG
    ("Ship it to 91 Lakeview Terrace, Austin.", (11, 30), (11, 30), "LOCATION"),
    ("It's in Chicago, IL 60651.", (17, 25), (17, 25), "LOCATION"),
    # no digit: the tagger reads business names as places, spaCy's ORG stands
    ("We use Blue Ridge Plumbing.", (7, 26), (7, 26), "ORGANIZATION"),
])  # fmt: skip
def test_a_place_the_tagger_found_with_a_number_in_it_is_an_address_not_an_organisation(text, learned, spacy, kept):
    merged = resolve_overlaps([_found_by("LearnedRecognizer", "LOCATION", *learned, 0.99),
                               _found_by("CallSpacyRecognizer", "ORGANIZATION", *spacy, 0.85)], text)
    assert [r.entity_type for r in merged] == [kept]


WORDS = st.sampled_from(["apartment", "unit", "suite", "four", "B", "12", "Oak", "Street", "on", "Elm", "and", "5th",
                         "I-95", "exit", "route", "box", "P", "O", "Illinois", ",", ".", "as", "in", "boy", "hundred"])


@given(st.one_of(st.lists(WORDS, max_size=40).map(" ".join), st.text(max_size=200)))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_every_span_lies_in_the_text(text):
    for r in RECOGNIZER.analyze(text, ["LOCATION"]):
        assert 0 <= r.start < r.end <= len(text)
