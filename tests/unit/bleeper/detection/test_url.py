"""url.py and spoken_email.py: web addresses as Whisper writes speech keep every label (`status dot
…`, `w w w dot …`) and their path; a website after `log in at` is no email."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.spoken_email import SpokenEmailRecognizer
from bleeper.detection.recognizers.url import SpokenUrlRecognizer

URL = SpokenUrlRecognizer()
EMAIL = SpokenEmailRecognizer()


def urls(text: str) -> list[str]:
    return [text[r.start:r.end] for r in URL.analyze(text, ["URL"])]


def emails(text: str) -> list[str]:
    return [text[r.start:r.end] for r in EMAIL.analyze(text, ["EMAIL_ADDRESS"])]


@pytest.mark.parametrize("text, value", [
    ("Try portal dot quillfield energy dot com, it should load.", "portal dot quillfield energy dot com"),
    ("Open w w w dot brambleworks dot net slash help please.", "w w w dot brambleworks dot net slash help"),
    ("The form lives at docs dot ferncastle dot org slash f q 7.", "docs dot ferncastle dot org slash f q 7"),
    ("They texted me pay dash now dot info, is that real?", "pay dash now dot info"),
    ("Our store is at greenloom dot shop.", "greenloom dot shop"),
    ("Head to my dot westbrook dot edu slash login for it.", "my dot westbrook dot edu slash login"),
])
def test_a_spoken_web_address_is_found_whole(text, value):
    assert value in urls(text)


@pytest.mark.parametrize("text", [
    "You can sign in at ridgeline dot com with your number.",
    "Just log in at harborpay dot net and check.",
    "You'll find everything at maplecare dot org.",
])
def test_a_website_after_an_at_is_not_an_email(text):
    assert emails(text) == []


def test_a_dot_com_said_alone_is_no_address():
    assert urls("Is the dot com part lowercase or does it matter?") == []


def test_a_spoken_email_is_still_an_email():
    assert emails("Send it to dana dot pruitt at gmail dot com.") == ["dana dot pruitt at gmail dot com"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["a", "bc", "w", " ", ".", "dot", "dash", "slash", "com", "at", "my", ","]),
                max_size=40))
def test_urls_never_raise_and_stay_inside_the_text(words):
    text = " ".join(words)
    for r in URL.analyze(text, ["URL"]) + EMAIL.analyze(text, ["EMAIL_ADDRESS"]):
        assert 0 <= r.start < r.end <= len(text)


@pytest.mark.parametrize("text, corrected", [
    ("Use mia underscore ross at icloud dot com, sorry, m dot ross.", "m dot ross"),
    ("It's dkhan at hotmail dot com, no, wait, it's d underscore khan.", "d underscore khan"),
])
def test_an_email_corrected_in_a_shorter_form_is_an_email(text, corrected):
    assert corrected in emails(text)


@pytest.mark.parametrize("text", [
    "It's lee dot park at gmail dot com, sorry, the dot com one.",  # only the domain said again
    "Write to bo dot tan at yahoo dot com, actually, new dot address is coming.",  # no word of the email
])
def test_a_correction_that_says_no_local_part_adds_nothing(text):
    assert len(emails(text)) == 1
