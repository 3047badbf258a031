"""clock.py: clock times (AssemblyAI's `time`), written or said, with what qualifies them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.clock import ClockTimeRecognizer


@pytest.fixture(scope="module")
def recognizer() -> ClockTimeRecognizer:
    return ClockTimeRecognizer()


def found(recognizer: ClockTimeRecognizer, text: str) -> list[str]:
    return [text[r.start:r.end] for r in recognizer.analyze(text, ["TIME"])]


@pytest.mark.parametrize("text, value", [
    ("a follow-up on Thursday, July 17th at 10:15.", "10:15"),
    ("The outage started around 2:15 a.m. Pacific.", "around 2:15 a.m. Pacific"),
    ("I'll be home after 6 p.m. any day this week.", "after 6 p.m."),
    ("Call me at 10pm EST.", "10pm EST"),
    ("Can a technician come out from 9 to 11 a.m.?", "9 to 11 a.m."),
    ("The lineman said it'd be back on by 8 tonight.", "8 tonight"),
    ("My flight leaves at 6:45 in the morning.", "6:45 in the morning"),
    ("Our train leaves at seventeen forty.", "seventeen forty"),
    ("Can someone come by around four thirty?", "around four thirty"),
    ("We close at five o'clock.", "five o'clock"),
    ("I'll call you back at half past two.", "half past two"),
    ("Check-in is at 4.", "4"),
    ("The technician can come out between eight and noon.", "eight and noon"),
    ("I got home around midnight.", "around midnight"),
    # a range's end after `between`/`from`, and the hedge before a time
    ("The installer said he'd show up between ten and twelve.", "ten and twelve"),
    ("They can come by from 1 to 3 if that works.", "1 to 3"),
    ("My shift ends sometime after seven fifteen.", "sometime after seven fifteen"),
    ("The fire alarm went off, maybe two in the morning.", "two in the morning"),  # a hedge, then the part of day
    ("Can it be later? My son gets out of school at three.", "three"),
    ("The movers should be here by, um, ten thirty.", "ten thirty"),  # a filler after the cue
])
def test_a_clock_time_is_a_time(recognizer, text, value):
    assert found(recognizer, text) == [value]


@pytest.mark.parametrize("text", [
    "So take one in the morning and one at night.",  # pills, not hours
    "It's version 4.2.",
    "The thermostat is at 5.",  # nothing happens at an hour
    "I was charged at forty-nine ninety-nine.",  # not a clock reading
    "We won 3 to 1.",
    "It takes ten to twelve days.",
    "Press 2 for billing.",
    "Between two and three kids sign up every week.",  # a count after the range
    "Take two in the morning with food.",  # a dose
])
def test_numbers_that_are_not_clock_times_are_not_found(recognizer, text):
    assert found(recognizer, text) == []


TOKENS = st.sampled_from(["at", "by", "around", "9", "11", "10:15", ":", "a.m.", "p.m.", "pm", "o'clock", "to",
                          "half", "past", "quarter", "seven", "thirty", "tonight", "in", "the", "morning", "Pacific"])
TEXT = st.lists(st.one_of(TOKENS, st.text(max_size=4)), max_size=40).map(" ".join)


@given(st.one_of(TEXT, st.text(max_size=200)))
@settings(max_examples=300, deadline=None)
def test_times_never_raise_and_stay_inside_the_text(text):
    spans = ClockTimeRecognizer().analyze(text, ["TIME"])
    assert all(0 <= r.start < r.end <= len(text) for r in spans)


@pytest.mark.parametrize("text, times", [
    # a list of times after one cue, one of them plainly a time
    ("The shuttle runs at seven, eleven, and five fifteen in the evening.", ["seven", "eleven", "five fifteen in the evening"]),
    ("Feedings are at six, ten thirty, and two.", ["six", "ten thirty", "two"]),
    # a slot booked with someone, or offered
    ("I can give you a ten forty with Dr. Amari on Monday, or a one twenty.", ["ten forty", "one twenty"]),
    # a range of hours
    ("Visiting hours are eleven thirty to four on weekdays.", ["eleven thirty to four"]),
    ("The delivery window is two to six tomorrow.", ["two to six"]),
    # a thing that happens at an hour, said to be one
    ("Breakfast is seven, and checkout's ten thirty.", ["seven", "ten thirty"]),
    ("The plumber promised he'd get here at 2 and nobody came.", ["2"]),
])
def test_a_time_a_frame_makes_a_time_is_found(recognizer, text, times):
    assert all(t in found(recognizer, text) for t in times)


@pytest.mark.parametrize("text", [
    "We take three fifteen-minute breaks on Saturday.",  # a count of breaks, not a time
    "Shipping takes one to four weeks.",
    "Do problems one to four before class on Monday.",
    "I paid a three fifty on Friday for the parking.",  # a price
    "The grades were at eighty, ninety, and ninety-five.",
    "The shirts come in sizes ten to twelve.",
    "My shift is nine hours on Saturdays.",
    "Dinner was twelve dollars for the both of us.",
    "Send a one sixty by Friday, or a two forty with the wider blade.",  # part numbers, not slots
    "They were down nine fifteen to ten at the half, then won.",  # a score
])
def test_numbers_a_frame_leaves_alone_are_not_times(recognizer, text):
    assert found(recognizer, text) == []
