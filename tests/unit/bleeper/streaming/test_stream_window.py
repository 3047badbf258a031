"""The redaction window: values across turn boundaries, the hold-back, order, pseudonyms."""

from __future__ import annotations

import pytest
from tests.unit.bleeper.streaming.scripted import digit_runs

from bleeper.models import Substitution
from bleeper.redaction.text import Style
from bleeper.streaming.decoder import StreamWord
from bleeper.streaming.window import FinalTurn, RedactionWindow


def turn(order: int, text: str, start: int, ms_per_word: int = 300) -> FinalTurn:
    words = []
    for i, word in enumerate(text.split(" ")):
        words.append(StreamWord(word if word.startswith("-") else " " + word, start + i * ms_per_word,
                                start + (i + 1) * ms_per_word - 40, 0.9))
    return FinalTurn(order, words, words[-1].end, 0.9)


def texts(released) -> list[str]:
    return [r.redacted.text for r in released]


def window(detect=digit_runs, sub: str = "hash", holdback: int = 1500) -> RedactionWindow:
    return RedactionWindow(detect, Style(Substitution(sub)), holdback)


def test_a_turn_that_ends_in_ordinary_words_goes_at_once():
    w = window()
    assert texts(w.add(turn(0, "Thanks for calling.", 0), covered_ms=1300)) == ["Thanks for calling."]


def test_a_turn_that_ends_in_digits_waits_for_the_holdback():
    w = window()
    first = turn(0, "Call me at 555 20.", 0)  # ends at 1460 ms
    assert w.add(first, covered_ms=1900) == []
    assert w.waiting_until() == first.end_ms + 1500
    assert w.release(covered_ms=first.end_ms + 1499, following=[]) == []
    assert texts(w.release(covered_ms=first.end_ms + 1500, following=[])) == ["Call me at 555 20."]


def test_following_words_complete_a_value_in_the_held_turn():
    w = window()
    w.add(turn(0, "Call me at 555 20.", 0), covered_ms=1900)
    following = turn(1, "1 3344 okay", 2200).words
    assert texts(w.release(covered_ms=3300, following=following)) == ["Call me at ### ##."]


def test_the_next_turn_completes_a_value_in_the_held_turn_and_sees_it_too():
    w = window()
    w.add(turn(0, "Call me at 555 20.", 0), covered_ms=1900)
    released = w.add(turn(1, "1 3344, thanks.", 2200), covered_ms=3600)
    assert texts(released) == ["Call me at ### ##.", "# ####, thanks."]


def test_turns_leave_in_order_behind_a_held_one():
    w = window()
    w.add(turn(0, "It is 555 20.", 0), covered_ms=1700)
    assert w.add(turn(1, "Yes.", 1800), covered_ms=2300) == []  # closed, but behind a held turn
    assert [r.turn.order for r in w.release(covered_ms=1160 + 1500, following=[])] == [0, 1]


def test_force_releases_everything_held():
    w = window()
    w.add(turn(0, "It is 555 20.", 0), covered_ms=1700)
    assert texts(w.release(covered_ms=1700, following=[], force=True)) == ["It is 555 20."]


def test_pseudonyms_are_numbered_over_the_session():
    w = window(sub="pseudonym")
    out = texts(w.add(turn(0, "One 555 201 3344 ok.", 0), covered_ms=9000))
    out += texts(w.add(turn(1, "Two 555 201 9999 ok.", 3000), covered_ms=9000))
    out += texts(w.add(turn(2, "Again 555 201 3344 ok.", 6000), covered_ms=9000))
    assert out == ["One [NUMBER_SEQUENCE_1] ok.", "Two [NUMBER_SEQUENCE_2] ok.", "Again [NUMBER_SEQUENCE_1] ok."]


def test_without_redaction_nothing_is_held_or_changed():
    w = RedactionWindow(None, Style(), 1500)
    assert texts(w.add(turn(0, "Call me at 555 201 3344", 0), covered_ms=100)) == ["Call me at 555 201 3344"]


def test_words_keep_their_times():
    w = window()
    (released,) = w.add(turn(0, "Call 555 201 3344 now.", 1000), covered_ms=9000)
    assert [(x.text, x.start) for x in released.redacted.words] == [
        ("Call", 1000), ("###", 1300), ("###", 1600), ("####", 1900), ("now.", 2200)]


# --- with the real detector -------------------------------------------------------------------


@pytest.fixture(scope="module")
def detect():
    from bleeper.config import Settings
    from bleeper.streaming.runtime import StreamRuntime

    runtime = StreamRuntime(Settings(), decoder=object(), vad_session=object())
    runtime.load()
    from bleeper import policies

    return runtime.detector(policies.DEFAULT_POLICIES)


@pytest.mark.slow
@pytest.mark.parametrize("sub, expected", [
    ("hash", ["My card number is #### ####.", "#### ####, thanks."]),
    ("entity_name", ["My card number is [CREDIT_CARD_NUMBER].", "[CREDIT_CARD_NUMBER], thanks."]),
])
def test_a_card_number_said_across_a_turn_boundary_is_redacted_in_both_turns(detect, sub, expected):
    w = window(detect, sub)
    first = turn(0, "My card number is 4111 1111.", 0)
    released = w.add(first, covered_ms=first.end_ms + 500)  # its half a card is found alone: it goes
    released += w.add(turn(1, "1111 1111, thanks.", first.end_ms + 1000), covered_ms=first.end_ms + 2500)
    assert texts(released) == expected


@pytest.mark.slow
def test_a_fragment_the_detector_misses_alone_waits_for_what_follows(detect):
    w = window(detect, "hash")
    first = turn(0, "My account is 88.", 0)
    assert w.add(first, covered_ms=first.end_ms + 500) == []  # "88" alone is no value: held
    released = w.add(turn(1, "1234 5678, thanks.", first.end_ms + 1000), covered_ms=first.end_ms + 2500)
    assert texts(released) == ["My account is ##.", "#### ####, thanks."]


@pytest.mark.slow
def test_a_name_keeps_its_pseudonym_across_turns(detect):
    w = window(detect, "pseudonym")
    out = texts(w.add(turn(0, "Hi, this is Sarah Jennings calling.", 0), covered_ms=9000))
    out += texts(w.add(turn(1, "And David is my husband.", 3000), covered_ms=9000))
    out += texts(w.add(turn(2, "Sarah will call back, okay.", 6000), covered_ms=20_000))
    assert "[PERSON_NAME_1]" in out[0] and "[PERSON_NAME_2]" in out[1] and "[PERSON_NAME_1]" in out[2]
