"""Substitution styles, exclusions and the pseudonym rule (issue: redaction the way compliance
teams ask for it)."""

from __future__ import annotations

import re

import pytest

from bleeper import policies
from bleeper.models import Entity, Segment, Transcript, Word
from bleeper.redaction.pseudonyms import assign
from bleeper.redaction.text import Style, document, render_text, skeleton, with_pseudonyms

TEXT = "Hi, my name is Sarah Jennings. Call me at 610-265-1714. Thanks Sarah, and David said hi."
VALUES = [("person_name", "Sarah Jennings"), ("phone_number", "610-265-1714"), ("person_name", "Sarah"),
          ("person_name", "David")]


def _call() -> tuple[Transcript, list[Entity]]:
    words = [Word(text=m.group(), start=i * 400, end=i * 400 + 300, confidence=0.9, char_start=m.start(),
                  char_end=m.end()) for i, m in enumerate(re.finditer(r"\S+", TEXT))]
    t = Transcript(text=TEXT, language="en", duration_ms=len(words) * 400, words=words,
                   segments=[Segment(start=0, end=len(words) * 400, text=TEXT, first_word=0, last_word=len(words))])
    entities, pos = [], 0
    for policy, value in VALUES:
        start = TEXT.index(value, pos)
        entities.append(Entity(policy=policy, start=start, end=start + len(value), start_ms=0, end_ms=1, score=0.9,
                               recognizer="test"))
        pos = start + len(value)
    return t, with_pseudonyms(t, entities)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (Style("hash"), "Hi, my name is ##### ########. Call me at ###-###-####. Thanks #####, and ##### said hi."),
        (Style("entity_name"), "Hi, my name is [PERSON_NAME]. Call me at [PHONE_NUMBER]. Thanks [PERSON_NAME], "
                               "and [PERSON_NAME] said hi."),
        (Style("obfuscation"), "Hi, my name is [****]. Call me at [****]. Thanks [****], and [****] said hi."),
        (Style("custom", {"person_name": "<caller>", "default": "<redacted>"}),
         "Hi, my name is <caller>. Call me at <redacted>. Thanks <caller>, and <caller> said hi."),
        (Style("custom", {}), "Hi, my name is [REDACTED]. Call me at [REDACTED]. Thanks [REDACTED], and [REDACTED] "
                              "said hi."),
        (Style("pseudonym"), "Hi, my name is [PERSON_NAME_1]. Call me at [PHONE_NUMBER_1]. Thanks [PERSON_NAME_1], "
                             "and [PERSON_NAME_2] said hi."),
    ],
    ids=["hash", "entity_name", "obfuscation", "custom", "custom-without-map", "pseudonym"],
)
def test_each_style_writes_the_text_as_documented(style, expected):
    t, entities = _call()
    for source in (t, skeleton(t, entities)):  # the same from the original or from the skeleton
        out = render_text(source, entities, style)
        assert out.text == expected
        assert [s.text for s in out.sentences] == [expected]
        for _, value in VALUES:
            assert value not in " ".join(w.text for w in out.words)


def test_the_skeleton_keeps_offsets_and_hides_every_value():
    t, entities = _call()
    bones = skeleton(t, entities)
    assert len(bones.text) == len(t.text)
    assert all(v not in bones.text for _, v in VALUES)
    assert [w.char_start for w in bones.words] == [w.char_start for w in t.words]


def test_public_entities_show_the_replacement_never_the_value():
    t, entities = _call()
    shown = document(skeleton(t, entities), entities, Style("pseudonym"))["entities"]
    assert [e["text"] for e in shown] == ["[PERSON_NAME_1]", "[PHONE_NUMBER_1]", "[PERSON_NAME_1]", "[PERSON_NAME_2]"]


@pytest.mark.parametrize(
    ("mentions", "numbers"),
    [
        ([("person_name", "Sarah Jennings"), ("person_name", "Sarah"), ("person_name", "Mrs. Jennings")], [1, 1, 1]),
        ([("person_name", "Sarah"), ("person_name", "Sarah Jennings")], [1, 1]),
        ([("person_name", "Sarah Jennings"), ("person_name", "David"), ("person_name", "david")], [1, 2, 2]),
        ([("person_name", "S A R A H"), ("person_name", "Sarah Jennings")], [1, 1]),
        ([("person_name", "Sarah Lee"), ("person_name", "Sarah Kim"), ("person_name", "Sarah")], [1, 2, 2]),
        ([("phone_number", "610-265-1714"), ("phone_number", "6 1 0 2 6 5 1 7 1 4"),
          ("phone_number", "six one oh two six five one seven one four"), ("phone_number", "215-907-0134")],
         [1, 1, 1, 2]),
        ([("email_address", "sarah.jennings@gmail.com"), ("email_address", "Sarah.Jennings@gmail.com")], [1, 1]),
        ([("person_name", "Sarah"), ("phone_number", "610-265-1714"), ("person_name", "Tom")], [1, 1, 2]),
    ],
    ids=["full-first-title", "first-then-full", "case", "spelled", "most-recent-wins", "digits", "email", "per-policy"],
)
def test_pseudonym_rule(mentions, numbers):
    assert assign(mentions) == numbers


@pytest.mark.parametrize(
    ("asked", "exclude", "kept", "gone"),
    [
        (None, ["location"], {"person_name", "phone_number"}, {"location"}),
        (None, None, {"person_name", "location"}, set()),
        (["person_name", "location", "location_city"], ["location"], {"person_name"}, {"location", "location_city"}),
        (["phone_number"], ["person_name"], {"phone_number"}, {"person_name"}),
    ],
)
def test_excluded_policies_are_never_redacted(asked, exclude, kept, gone):
    wanted = set(policies.wanted(asked, exclude))
    assert kept <= wanted and not (gone & wanted)


def test_an_unknown_excluded_policy_is_refused_by_position():
    from bleeper.errors import InvalidRequest

    with pytest.raises(InvalidRequest, match=r"redact_pii_exclude\[0\]: unknown policy"):
        policies.validate(["cities"], field="redact_pii_exclude")
