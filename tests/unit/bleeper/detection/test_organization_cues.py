"""Organisations named by how the caller deals with them, in lower case and with no business word
(`we bank with first horizon`); what follows the same cues with a determiner, a pronoun or a bare
noun (`at home`, `with my husband`, `for myself`) is no organisation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.organization_cues import OrganizationCueRecognizer


@pytest.fixture(scope="module")
def recognizer() -> OrganizationCueRecognizer:
    return OrganizationCueRecognizer()


def found(recognizer: OrganizationCueRecognizer, text: str) -> list[str]:
    return [text[s:e] for s, e, _, _ in recognizer.matches(text)]


@pytest.mark.parametrize("text, name", [
    ("we bank with first horizon", "first horizon"),
    ("I shop at harbor freight every week", "harbor freight"),
    ("I'm a welder at, uh, blue ridge fabrication", "blue ridge fabrication"),
    ("my insurance is through blue cross", "blue cross"),
    ("I ordered it from home depot", "home depot"),
    ("I work for sunrise senior living", "sunrise senior living"),
    ("my husband still works at kroger on main street", "kroger"),
    ("I've been a customer of first horizon since 2010", "first horizon"),
    ("my policy with state farm lapsed in march", "state farm"),
    ("I have an account with bank of the west", "bank of the west"),
    ("we switched from verizon to t-mobile", "verizon"),
    ("I switched carriers to mint mobile", "mint mobile"),
    ("I'm insured with geico", "geico"),
    ("i got my phone from verizon last year", "verizon"),
    ("the guy from spectrum came out on tuesday", "spectrum"),
    ("I bank with ally", "ally"),
    ("thanks for calling blue ridge plumbing this is dave", "blue ridge plumbing"),
    ("this is comcast customer service, how can I help", "comcast"),
    ("I'm calling from blue ridge plumbing about your estimate", "blue ridge plumbing"),
    ("she's a nurse for kaiser permanente", "kaiser permanente"),
    ("I shop at Harbor Freight every week", "Harbor Freight"),
    ("There's a charge of eight hundred forty seven dollars from blue water electronics.", "blue water electronics"),
])
def test_a_name_after_a_relational_cue_is_an_organisation_in_any_case(recognizer, text, name):
    assert name in found(recognizer, text)


def test_a_lower_case_name_is_doubtful_and_a_capitalised_one_confident(recognizer):
    [(_, _, lower, _)] = recognizer.matches("we bank with first horizon")
    [(_, _, upper, _)] = recognizer.matches("we bank with First Horizon")
    assert 0.5 <= lower < upper


@pytest.mark.parametrize("text", [
    "I work at home on fridays.",
    "I shop at the mall mostly.",
    "I bank with my husband, it's a joint account.",
    "I ordered it from the website.",
    "I'm calling from my car, sorry about the noise.",
    "I work for myself now.",
    "I work at night so mornings are bad.",
    "I work from home.",
    "thanks for calling back so quickly",
    "thank you for calling today",
    "I'm calling from dayton, the one in ohio.",
    "do you bank with anyone else?",
    "I switched to paperless billing.",
    "I got it from my mom.",
    "got them from my neighbor",
    "I'm a sucker for chocolate.",
    "I'm a little short for rent.",
    "I'll work for free if I have to.",
    "a customer of fifteen years",
    "it works for me",
    "that'll work for tuesday",
    "I'm a teacher at heart.",
    "I got a call from john about it.",
    "I'm insured through work.",
    "my insurance is through my job",
    "I got it at work.",
    "I work at a bank downtown.",
    "I'm a nurse at night.",
    "I'm with my daughter right now.",
    "this is great customer service",
    "welcome to the family",
    "Did you get the confirmation at mmills at gmail.com?",
    "I made a bank withdrawal yesterday.",
    "The payment from my mom went through.",
    "I got a refund from the store.",
])
def test_a_determiner_pronoun_or_bare_noun_after_the_cue_is_not_an_organisation(recognizer, text):
    assert found(recognizer, text) == []


@pytest.mark.parametrize("text", [
    "Hi, it's Rosalind from Dr. Achterberg's office calling in a new script.",
    "this is nancy from doctor patel's office",
    "Hi, it's Summer from room 208, the AC is blowing warm air.",
    "this is kim from gate 12",
    "Your provider is running a few minutes behind.",
    "my bank is closed on sundays",
])
def test_a_title_a_numbered_thing_or_a_verb_after_the_cue_is_not_an_organisation(recognizer, text):
    assert found(recognizer, text) == []


@pytest.mark.parametrize("text, name", [
    ("this is dana from comcast", "comcast"),
    ("my employer is sunrise senior living", "sunrise senior living"),
    ("my bank is wells fargo", "wells fargo"),
])
def test_hard_positives_beside_those_rules_are_still_found(recognizer, text, name):
    assert name in found(recognizer, text)


def test_a_very_long_run_of_cues_is_read_to_the_end(recognizer):
    text = "I bank with, uh, um, " * 2000 + "I shop at harbor freight"
    assert found(recognizer, text)[-1] == "harbor freight"


@given(st.text(max_size=300) | st.lists(st.sampled_from(
    ["i", "work", "at", "for", "bank", "with", "shop", "the", "my", "uh", ",", "first", "horizon", "from",
     "switched", "to", "thanks", "calling", "customer", "service", "I'm", "a", "welder", "of", "and", "@"]),
    max_size=60).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for start, end, score, _ in OrganizationCueRecognizer().matches(text):
        assert 0 <= start < end <= len(text) and 0 < score <= 1


@pytest.mark.parametrize("text", [
    "yeah this is dom from level three, I'm picking up your ticket",  # a numbered rank said in words
    "I'm a sound engineer, for weddings mostly",  # who the work is for
])  # fmt: skip
def test_a_numbered_rank_or_a_clientele_is_not_an_organisation(recognizer, text):
    assert found(recognizer, text) == []


def test_a_plural_shaped_employer_after_work_for_stays(recognizer):
    assert "sears" in found(recognizer, "my dad worked for sears for thirty years")
