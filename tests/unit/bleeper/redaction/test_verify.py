"""Verification listens for the redacted values themselves in a new transcription of the
redacted audio: a value heard again near where it was said is a leak; a word Whisper makes up
around a beep is not."""

from __future__ import annotations

import pytest

from bleeper.models import Entity
from tools.evaluate import read_aloud
from bleeper.redaction.verify import heard_again

SAID = ["Hi, my name is Sarah Jennings.", "It is six one zero, two six five, one seven one four."]


def _entities(transcript) -> list[Entity]:
    out = []
    for value, policy in (("Sarah Jennings", "person_name"), ("six one zero, two six five, one seven one four",
                                                              "phone_number")):
        start = transcript.text.index(value)
        words = [w for w in transcript.words if w.char_start >= start and w.char_end <= start + len(value)]
        out.append(Entity(policy=policy, start=start, end=start + len(value), start_ms=words[0].start,
                          end_ms=words[-1].end, score=1.0, recognizer="test"))
    return out


# what Whisper hears in the redacted audio, word for word in time with what was said (read_aloud
# times words by position); "beep" stands where the tone is
BEEPED = "Hi, my name is beep beep."


@pytest.mark.parametrize("heard,expected", [
    (["Hi, my.", "It is."], {}),  # beeped well: Whisper hears a stub, nothing of the values
    ([BEEPED, "It is beep beep beep beep beep beep beep beep beep beep."], {}),
    (["Hi, my name is beep Jennings.", "It is."], {"person_name": 1}),  # the surname after a short beep
    ([BEEPED, "It is beep beep beep beep beep beep 1714."], {"phone_number": 1}),  # four digits in a row
    ([BEEPED, "It is beep beep beep two six five one seven beep."], {"phone_number": 1}),
    ([BEEPED, "It is beep beep beep beep beep beep 4."], {}),  # one digit is not the number
])
def test_a_value_heard_again_near_where_it_was_said_is_counted(heard, expected):
    said = read_aloud(SAID)
    assert heard_again(said, _entities(said), read_aloud(heard)) == expected


def test_a_value_heard_far_from_where_it_was_said_is_not_this_leak():
    said = read_aloud(SAID)
    later = read_aloud([BEEPED, "It is.", *["And then we talked about other things."] * 4, "Jennings was here."])
    assert heard_again(said, _entities(said), later) == {}
