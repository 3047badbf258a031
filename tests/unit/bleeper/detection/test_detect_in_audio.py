"""Every word a spoken number was split into is inside a beeped interval (issue: in the audio)."""

from __future__ import annotations

import re

import pytest

from bleeper import policies
from tools.evaluate import read_aloud
from bleeper.detection import build_analyzer, detect_pii
from bleeper.redaction.audio import plan_intervals

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyzer():
    return build_analyzer()


@pytest.mark.parametrize(
    ("text", "digits_from"),
    [
        ("Sure, my number is 6 1 0, 2 6 5, 1 7 1 4, thanks.", "6"),
        ("The card is 4, 5, 3, 2, 0, 1, 5, 1, 1, 2, 8, 3, 0, 3, 6, 6 and it expires soon.", "4,"),
        ("my social is five oh seven, double three, eight one six oh okay", "five"),
        ("The routing number is 0 2 6 0 1 9 3 6 4 and then the checking is 1 1 4 2 0 0 8 5 7 3 1.", "0"),
    ],
)
def test_every_word_of_a_split_number_is_inside_a_beeped_interval(analyzer, text, digits_from):
    t = read_aloud([text], word_ms=350)
    entities = detect_pii(t, analyzer, policies.DEFAULT_POLICIES)
    intervals = plan_intervals(entities, t.duration_ms, pad_ms=0)
    number_words = [w for w in t.words if w.char_start >= text.index(digits_from)
                    and re.fullmatch(r"(?i)[\d,.]+|zero|oh|one|two|three|four|five|six|seven|eight|nine|double"
                                     r"|three,|seven,|oh,", w.text)]
    assert number_words
    for w in number_words:
        assert any(a <= w.start and w.end <= b for a, b in intervals), f"word {w.text!r} at {w.start} ms is audible"
    # and the words around the number are not beeped (padding 0 here)
    assert not any(a <= t.words[0].start < b for a, b in intervals)


def test_a_number_in_words_without_timestamps_beeps_its_whole_segment(analyzer):
    t = read_aloud(["Okay so my number is six one zero two six five one seven one four alright"], word_ms=350)
    t = t.model_copy(update={"words": [w.model_copy(update={"start": 0, "end": 0}) if w.text in {"six", "one"}
                                       else w for w in t.words]})
    [entity] = [e for e in detect_pii(t, analyzer, ("phone_number",))]
    assert not entity.placed
    assert (entity.start_ms, entity.end_ms) == (t.segments[0].start, t.segments[0].end)
