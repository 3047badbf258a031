"""Names spelled letter by letter are found whichever case Whisper writes the letters in; a short
run of letters counts only after a cue to spell."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.names import NameRecognizer


def found(text: str) -> list[str]:
    return [text[r.start:r.end] for r in NameRecognizer().analyze(text, ["PERSON"])]


@pytest.mark.parametrize("text, spelled", [
    ("My last name is spelled k o w a l s k i.", "k o w a l s k i"),
    ("it's m-c-c-a-r-t-h-y", "m-c-c-a-r-t-h-y"),
    ("that's r, o, y", "r, o, y"),
    ("Whitcomb, that's W-H-I-T-C-O-M-B", "W-H-I-T-C-O-M-B"),
    ("This is Linda Akeffer. That's OKAFOR. Thank you.", "OKAFOR"),
])
def test_a_spelled_name_is_found_in_either_case(text, spelled):
    assert spelled in found(text)


@pytest.mark.parametrize("text, names", [
    ("Um, it's robin, like the bird, robin tesfaye.", ["robin", "robin tesfaye"]),
    ("Yeah, this is, um, sage, sage Mbeki-Lorne, and my card got eaten.", ["sage", "sage Mbeki-Lorne"]),
    ("Hi, I'm Chase, Chase Donnelly.", ["Chase", "Chase Donnelly"]),
])
def test_a_first_name_said_again_with_the_surname_is_a_name_whatever_it_means(text, names):
    assert all(n in found(text) for n in names)


@pytest.mark.parametrize("text", ["I went to the a b c store", "plan a or b or c", "i i i don't know",
                                  "It's the bill, the bill amount is wrong",
                                  "It's an ACH transfer.", "that's ATM fees",
                                  # digits read out repeat their words; letters inside an id spell no name
                                  "Yeah it's seven seven three, five oh five, nine nine one oh.",
                                  "I think it's two eight, something, two eight four maybe.",
                                  "IBAN is G B 8 2 W E S T 1 2 3 4 5 6 9 8 7 6 5 4 3 2."])
def test_a_few_letters_without_a_cue_to_spell_are_not_a_name(text):
    assert found(text) == []


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for r in NameRecognizer().analyze(text, ["PERSON"]):
        assert 0 <= r.start < r.end <= len(text)


@pytest.mark.parametrize("text, name", [
    ("Yes, Mrs. Abernathy-Quon called this morning.", "Mrs. Abernathy-Quon"),
    ("I spoke to Dr. Olufemi Strand yesterday.", "Dr. Olufemi Strand"),
    ("Thanks, Mister Kowalczyk, I'll note that.", "Mister Kowalczyk"),
])  # fmt: skip
def test_a_courtesy_title_is_redacted_with_the_name(text, name):
    assert name in found(text)


@pytest.mark.parametrize("text", [
    "I really miss Portland, honestly.",  # `miss` the verb
    "Okay, and the first name again?",
    "Could you read the last name for me one more time?",
])  # fmt: skip
def test_no_name_is_read_where_none_is_said(text):
    assert found(text) == []


def test_a_short_lower_case_spelling_of_the_word_just_said_is_a_name():
    text = "it's under lin, l i n, for the pickup"
    assert "l i n" in found(text)
    assert found("we need a b c for the form") == []
