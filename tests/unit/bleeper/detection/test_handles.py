"""Usernames read out with no phrase before them, known by their shape in talk of accounts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.handles import HandleRecognizer

RECOGNIZER = HandleRecognizer()


def handles(text: str) -> list[str]:
    return [text[r.start:r.end] for r in RECOGNIZER.analyze(text, ["USERNAME"])]


@pytest.mark.parametrize("text, handle", [
    ("The app said that one's taken, so I went with otter underscore pop instead.", "otter underscore pop"),
    ("Sign in as river underscore fox underscore 12 and it should let you through.",
     "river underscore fox underscore 12"),
    ("For the parent portal, uh, try dsoliman84 first.", "dsoliman84"),
    ("My profile on the forum is still under TrailMixTed, one word.", "TrailMixTed"),
    ("Her account shows up as Sk8rGrl2009 on the leaderboard.", "Sk8rGrl2009"),
    ("I log in with hwang_mina.k and it keeps bouncing me.", "hwang_mina.k"),
])  # fmt: skip
def test_a_handle_in_talk_of_accounts_is_a_username(text, handle):
    assert handles(text) == [handle]


@pytest.mark.parametrize("text", [
    "He tested positive for covid19 back in March, the account is paid up though.",  # a code
    "I bought it at the mall, the iPhone works fine.",                                # one hump, no account talk
    "My account number is XJ48821 if that helps.",                                    # an id's shape: the number rules'
    "The portal password is Lantern2024, with a capital L.",                          # a password's value
    "Email it to cedar underscore row at outlook dot com.",                           # an email's local part
    "It's cedar underscore row at gmail.",
    "We watched McDonaldLand ads growing up.",                                        # no account talk
])  # fmt: skip
def test_other_tokens_stay_clear(text):
    assert handles(text) == []


@given(st.lists(st.sampled_from([*"abcXYZ019_ .,'@", " underscore ", " account ", " at ", " dot "]), max_size=120)
       .map("".join))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_spans_lie_in_the_text(text):
    for r in RECOGNIZER.analyze(text, ["USERNAME"]):
        assert 0 <= r.start < r.end <= len(text)
