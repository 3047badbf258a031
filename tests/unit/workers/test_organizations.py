"""Organisations: a name ending in what the business is, or said after a cue; generic department
names and places stay clear."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from workers.recognizers.organizations import OrganizationRecognizer


@pytest.fixture(scope="module")
def recognizer() -> OrganizationRecognizer:
    return OrganizationRecognizer()


def found(recognizer: OrganizationRecognizer, text: str) -> list[str]:
    return [text[s:e] for s, e, _, _ in recognizer.matches(text)]


@pytest.mark.parametrize("text, name", [
    ("Thank you for calling Keystone Federal Credit Union, this is Will.", "Keystone Federal Credit Union"),
    ("The contractor from Riverbend Plumbing hit the gas line.", "Riverbend Plumbing"),
    ("Her pediatrician is at Little Sprouts Pediatrics.", "Little Sprouts Pediatrics"),
    ("We're a small firm, Delgado and Partners, in El Paso.", "Delgado and Partners"),
    ("I'm a nurse at Mercy General, so I can do the injections.", "Mercy General"),
    ("It's under my business, Tidewater Marine Supply", "Tidewater Marine Supply"),
    ("I'm a paralegal at Brennan and Moss.", "Brennan and Moss"),
    ("Hi, thanks for calling Maple and Thread, how can I help?", "Maple and Thread"),
    ("a charge from a place called Copper Kettle that i never went to", "Copper Kettle"),
    ("Hi, this is Andrea calling from Humana.", "Humana"),
    ("I switched over from Bank of America last year.", "Bank of America"),
    ("My insurance is through Kaiser Permanente.", "Kaiser Permanente"),
    ("I bank with Chase, and my card was declined.", "Chase"),
    ("I paid with PayPal last week.", "PayPal"),
    ("I'm on the Verizon plan, the unlimited one.", "Verizon"),
    ("the refund to your Wells Fargo account ending in 3380", "Wells Fargo"),
])
def test_an_organisation_is_found_by_its_head_noun_or_its_cue(recognizer, text, name):
    assert name in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "Can I talk to Customer Service please?",
    "I need to talk to Member Services.",
    "The Attorney General sent a letter.",
    "I'm calling from Dayton, the one in Ohio.",
    "Press 3 if you are calling from another office about a patient.",
    "I got a letter from Sarah Connors about it.",
    "We called the bank and the partner airline.",
    "The public utility commission said no.",
    "The Mental Health Center called.",
    "My Insurance plan covers it.",
])
def test_departments_places_and_people_are_not_organisations(recognizer, text):
    assert found(recognizer, text) == []


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for start, end, _, _ in OrganizationRecognizer().matches(text):
        assert 0 <= start <= end <= len(text)
