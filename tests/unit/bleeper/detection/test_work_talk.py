"""Work said as what someone does (`I clean houses for a living`, `I drive for Uber`, `my wife
teaches third grade`, `I work in construction`, `I'm retired military`) is an occupation; the
same verbs in everyday talk are not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.work_talk import WorkTalkRecognizer

RECOGNIZER = WorkTalkRecognizer()


def found(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in RECOGNIZER.matches(text)]


@pytest.mark.parametrize("text, job", [
    ("I do HVAC repair for a living.", "HVAC repair"),
    ("My husband fixes boat engines for a living.", "fixes boat engines"),
    ("I drive for Uber on weekends.", "drive for Uber"),
    ("She delivers for DoorDash at night.", "delivers for DoorDash"),
    ("My wife teaches third grade.", "teaches third grade"),
    ("He teaches high school math.", "teaches high school math"),
    ("I work in construction, so I'm out of signal a lot.", "construction"),
    ("I'm in IT, I know how routers work.", "IT"),
    ("I work the front desk at a hotel.", "the front desk"),
    ("I'm retired military.", "military"),
    ("My son is in the military.", "military"),
    ("My dad owns a landscaping business.", "owns a landscaping business"),
    ("My wife does payroll for a trucking company.", "payroll"),
])
def test_work_said_as_what_someone_does_is_an_occupation(text, job):
    assert any(job in f for f in found(text)), found(text)


@pytest.mark.parametrize("text", [
    "What do you do for a living?",
    "I drive for an hour to get to the branch.",
    "She teaches me patience, honestly.",
    "I'm in it for the long haul.",
    "I work in the kitchen most days, the signal's bad there.",
    "Can you put the phone in sales mode?",
    "He's in the Navy.",  # a named branch is an organisation
    "I'm a licensed electrician, I run my own business.",  # names no kind of work
    "I'm in nursing school, so money's tight.",
])
def test_everyday_talk_with_the_same_verbs_is_no_occupation(text):
    assert found(text) == []


WORDS = st.sampled_from(["i", "do", "for", "a", "living", "drive", "uber", "teach", "third", "grade", "work", "in",
                         "construction", "the", "front", "desk", "retired", "military", "IT", ".", ",", "é", "’"])


@given(st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=60).map(" ".join)))
@settings(max_examples=200, deadline=None)
def test_any_text_gives_spans_inside_it_in_order(text):
    spans = RECOGNIZER.matches(text)
    assert all(0 <= s < e <= len(text) for s, e, _ in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
