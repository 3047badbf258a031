"""Procedures said in everyday words are found by a procedure noun and its medical modifier, or an
organ and what was done to it; generic words (`test`, `shot`, `scope`, `cast`) alone are not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.procedures import ProcedureRecognizer


def found(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in ProcedureRecognizer().matches(text)]


@pytest.mark.parametrize("text, procedure", [
    ("I'm getting my wisdom teeth pulled Friday.", "my wisdom teeth pulled"),
    ("We did a sleep study last month.", "sleep study"),
    ("They took a throat culture.", "throat culture"),
    ("I need a refill after my knee scope.", "knee scope"),
    ("He's doing cardiac rehab twice a week.", "cardiac rehab"),
    ("She had her tubes tied.", "her tubes tied"),
    ("I had a CT of my abdomen.", "CT of my abdomen"),
    ("They gave me a tetanus shot.", "tetanus shot"),
    ("I'm having my gallbladder removed.", "my gallbladder removed"),
    ("I had my tonsils out as a kid.", "my tonsils out"),
    ("They did a spinal tap.", "spinal tap"),
    ("He got stitches in his chin.", "stitches"),
    ("They're sending me for labs.", "labs"),
    ("She's getting an epidural.", "epidural"),
    ("Her spay is scheduled for the 18th.", "spay"),
    ("We'd like to do a fecal test and a heartworm test.", "heartworm test"),
    ("A cholesterol panel and a TSH, I'll put the orders in.", "TSH"),
    ("The doctor wants an echo before camp.", "echo"),
    ("Root canals are covered at eighty percent.", "Root canals"),
    ("My A1C came back at seven point two.", "My A1C"),
    ("His PSA went up again.", "His PSA"),
    ("They want to repeat the echo next month.", "echo"),
    ("I need a tooth pulled.", "a tooth pulled"),
    ("She's getting braces next month.", "braces"),
    ("I'm in counseling once a week.", "counseling"),
    ("I'm getting my wisdom teeth out on Friday.", "my wisdom teeth out"),
    ("My father had a triple bypass last spring.", "triple bypass"),
    ("They had to put him on a ventilator.", "put him on a ventilator"),
])
def test_a_procedure_said_in_everyday_words_is_found(text, procedure):
    assert procedure in found(text)


@pytest.mark.parametrize("text", [
    "Keep an eye out for the email.",
    "I took a driving test.",
    "Give it a shot.",
    "That's beyond the scope of this call.",
    "It had a great cast of characters.",
    "Run a speed test on the router.",
    "They ran a credit check.",
    "The study found nothing.",
    "We need more labs at the office.",
    "There was an echo on the line.",
    "They showed us the crown jewels.",
    "I need a physical copy of the statement.",
    "It's E as in Echo, 0 0 7 4 1 9.",
    "The PSA about the road closure aired last night.",
    "Can you repeat the echo on the line, I can't hear you.",
])
def test_generic_words_without_a_medical_modifier_are_not_procedures(text):
    assert found(text) == []


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for start, end, _ in ProcedureRecognizer().matches(text):
        assert 0 <= start < end <= len(text)


@pytest.mark.parametrize("text, procedure", [
    ("They'll want a stool sample and a throat swab.", "stool sample"),
    ("The burn needed a skin graft on his calf.", "skin graft on his calf"),
    ("We're doing allergy testing in June.", "allergy testing"),
    ("The yearly wellness screening is free through work.", "wellness screening"),
    ("My hemoglobin A1C came back at seven.", "My hemoglobin A1C"),
    ("I'm off work for a bunion repair next month.", "bunion repair"),
])
def test_lay_procedure_heads_with_a_medical_modifier(text, procedure):
    assert procedure in found(text)


@pytest.mark.parametrize("text", [
    "She runs a house cleaning business downtown.",
    "The old place had cast iron radiators.",
    "We're testing the new release tonight.",
    "Send me a sample of the fabric.",
    "The roof repair took two days.",
])
def test_the_same_heads_without_a_medical_modifier_stay_clear(text):
    assert found(text) == []


@pytest.mark.parametrize("text, procedure", [
    ("She's due for a DEXA scan in the fall.", "DEXA scan"),
    ("They ordered a swallow study after the stroke.", "swallow study"),
    ("A nurse comes by for wound care on his shin.", "wound care on his shin"),
    ("I had a gastric sleeve two years ago.", "gastric sleeve"),
])
def test_more_lay_procedures(text, procedure):
    assert procedure in found(text)


@pytest.mark.parametrize("text", [
    "She moved into the memory care wing last spring.",
    "I signed up for a migraine study at the university.",
])
def test_care_settings_and_research_are_not_procedures(text):
    assert found(text) == []
