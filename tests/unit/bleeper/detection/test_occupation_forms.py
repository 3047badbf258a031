"""A job said after `I'm a` is found with its modifiers, and a title no list holds by its agent-noun
ending; what someone is to a business (`a customer`, `the account holder`) is not a job."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.occupation_forms import OccupationFormRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return OccupationFormRecognizer()


@pytest.mark.parametrize("text, job", [
    ("I'm a personal chef so I go through a lot of cast iron.", "personal chef"),
    ("I'm a farrier, I mostly work with horses.", "farrier"),
    ("I'm a union electrician, my check hits late.", "union electrician"),
    ("I'm forty-four, non-smoker, I'm a commercial fisherman.", "commercial fisherman"),
    ("She's a phlebotomist at the clinic.", "phlebotomist"),
    ("My husband's a lineman for the power company.", "lineman"),
    ("My manager, Bartholomew, said he approved it.", "manager"),
    ("You'll need the report number from your supervisor.", "supervisor"),
    ("You should get that looked at by your own doctor.", "doctor"),
    ("Can we get an interpreter on the call?", "interpreter"),
    ("I'm an RN at the children's hospital.", "RN"),
    ("She's a CNA at a nursing home.", "CNA"),
    ("I'm a stay-at-home mom, so there's no second income.", "stay-at-home mom"),
])
def test_a_job_after_a_cue_is_found_with_its_modifiers(recognizer, text, job):
    assert job in [text[s:e] for s, e, _ in recognizer.matches(text)]


@pytest.mark.parametrize("text", [
    "I'm a customer of yours.", "I'm the account holder.", "I'm a little worried.", "I'm a big fan.",
    "I'm a member since 2019.", "He's a Leo.",
    "I can give you my driver's license instead.", "The security code on the back is 801.",
    "I'll transfer you to an agent.", "The representative said it was fine.",
    "I'm a light sleeper, so a quiet room please.", "I'm a perfectionist about these forms.",
])
def test_what_someone_is_to_a_business_is_not_a_job(recognizer, text):
    assert recognizer.matches(text) == []


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(recognizer, text):
    for start, end, _ in recognizer.matches(text):
        assert 0 <= start < end <= len(text)


@pytest.mark.parametrize("text, job", [
    ("The surveyor, uh, Ms. Lindqvist, left her card.", "surveyor"),
    ("The locksmith's name was Arturo, I think.", "locksmith"),
    ("My sister's a prison chaplain up in Ossining.", "prison chaplain"),
    ("Detective Abernathy took the report at the scene.", "Detective"),
    ("I'd rather talk to Coach Whitfield about the schedule.", "Coach"),
])  # fmt: skip
def test_a_job_is_found_where_a_person_holds_it(recognizer, text, job):
    assert job in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "Can you ship the spare charger with the order?",  # a device
    "Is the deluxe model still on sale?",
    "The nearest urgent care closes at eight.",  # a place
    "The survivor benefit goes to my daughter.",
    "I've been a subscriber forever, honestly.",  # an adverb with an agent's ending
    "Please add my nephew as a driver on the policy.",  # a role on a policy
    "The driver who sideswiped me didn't stop.",  # a role in an accident, no job
    "Our tour started when the guide was late.",
    "We drove down Baker Street to get there.",  # a title-shaped word before a street
    "Can I turn off Driver Assist on the highway?",
])  # fmt: skip
def test_a_job_word_in_another_sense_is_not_an_occupation(recognizer, text):
    assert found(recognizer, text) == []


def found(recognizer: OccupationFormRecognizer, text: str) -> list[str]:
    return [text[s:e] for s, e, _ in recognizer.matches(text)]


@pytest.mark.parametrize("text, job", [
    ("My tutor Evander moved away, so I need a new one.", "tutor"),
    ("The allergy doctor said I should carry two pens.", "allergy doctor"),
])  # fmt: skip
def test_a_job_ends_before_the_name_or_verb_after_it(recognizer, text, job):
    assert job in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "She's a fast learner, she'll pick it up.",  # a trait, not a job
    "Could I get a chair by the window?",
    "The doctor said it should heal in a month.",  # anyone's doctor, left as the sets leave it
])  # fmt: skip
def test_traits_furniture_and_anyones_doctor_are_not_jobs(recognizer, text):
    assert found(recognizer, text) == []
