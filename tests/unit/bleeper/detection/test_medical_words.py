"""Conditions and procedures no list holds are read by how medicine builds its words; adjectives
of a condition count when said of a person; everyday words with the same endings do not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.medical_words import MedicalWordRecognizer


def found(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], entity) for entity, s, e, _ in MedicalWordRecognizer().matches(text)]


@pytest.mark.parametrize("text, word, entity", [
    ("I have tendinosis in both heels.", "tendinosis", "MEDICAL_CONDITION"),
    ("She was told it's hidradenitis.", "hidradenitis", "MEDICAL_CONDITION"),
    ("He's got costochondritis again.", "costochondritis", "MEDICAL_CONDITION"),
    ("They found a meningioma.", "meningioma", "MEDICAL_CONDITION"),
    ("tympanostomy tubes for my son", "tympanostomy", "MEDICAL_PROCESS"),
    ("She had a lithotripsy for the stones.", "lithotripsy", "MEDICAL_PROCESS"),
    ("the septoplasty is on Friday", "septoplasty", "MEDICAL_PROCESS"),
    ("I'm type 2 diabetic and asthmatic.", "type 2 diabetic", "MEDICAL_CONDITION"),
    ("I'm type 2 diabetic and asthmatic.", "asthmatic", "MEDICAL_CONDITION"),
    ("My son is autistic.", "autistic", "MEDICAL_CONDITION"),
    ("She's epileptic, so no strobe lights.", "epileptic", "MEDICAL_CONDITION"),
    ("I'm allergic to latex.", "allergic to latex", "MEDICAL_CONDITION"),
    ("My wife's pregnant.", "pregnant", "MEDICAL_CONDITION"),
    ("He's been vomiting and he won't drink water.", "vomiting", "MEDICAL_CONDITION"),
    ("I've had this rash for two weeks and it's really itchy.", "itchy", "MEDICAL_CONDITION"),
    ("I've been having chest tightness when I climb stairs.", "chest tightness", "MEDICAL_CONDITION"),
    ("They're big pills and I have trouble swallowing.", "trouble swallowing", "MEDICAL_CONDITION"),
    ("She keeps coughing at night.", "coughing", "MEDICAL_CONDITION"),
    ("I've had this ringing in my ears for three weeks now.", "ringing in my ears", "MEDICAL_CONDITION"),
    ("It makes my stomach hurt.", "my stomach hurt", "MEDICAL_CONDITION"),
    ("I still get this sharp pain on my right side.", "sharp pain", "MEDICAL_CONDITION"),
    ("I'm thirty-four weeks along and my feet are super swollen.", "my feet are super swollen", "MEDICAL_CONDITION"),
    ("My heart's been racing since the new dose.", "My heart's been racing", "MEDICAL_CONDITION"),
    ("I get these dizzy spells when I stand up.", "dizzy spells", "MEDICAL_CONDITION"),
])
def test_a_medical_word_is_found_by_its_form(text, word, entity):
    assert (word, entity) in found(text)


@pytest.mark.parametrize("text", [
    "The diagnosis came back clean.",
    "I love photography and Instagram.",
    "We moved to Tacoma last year.",
    "The program is great.",
    "Your call may be recorded for quality and training purposes.",
    "That's a false dichotomy.",
    "She has her diploma.",
    "The road is blind around the bend.",
    "It's a blind spot.",
    "The door is stiff.",
    "The printer keeps jamming.",
    "We have trouble logging in.",
    "My phone is ringing.",
    "My hands are tied on that one.",
])
def test_everyday_words_with_medical_endings_are_not_medical(text):
    assert found(text) == []


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for _, start, end, _ in MedicalWordRecognizer().matches(text):
        assert 0 <= start < end <= len(text)


@pytest.mark.parametrize("text, word", [
    ("Last night the baby spat up after every feed.", "spat up"),
    ("My dad passed out in the driveway on Sunday.", "passed out"),
    ("My husband stops breathing for a few seconds when he sleeps.", "stops breathing"),
    ("We were, like, vomiting the whole flight home.", "vomiting"),
    ("Since the new pills he's sweating constantly.", "sweating constantly"),
    ("She's been weepy and crying all the time since March.", "crying all the time"),
    ("I'm totally deaf in my right ear after the concert.", "deaf in my right ear"),
    ("My daughter is very far-sighted.", "far-sighted"),
])
def test_what_a_body_did_or_is_said_of_a_person_is_a_condition(text, word):
    assert (word, "MEDICAL_CONDITION") in found(text)


def test_allergic_to_a_listed_drug_leaves_the_drug_to_itself():
    assert ("allergic", "MEDICAL_CONDITION") in found("I'm allergic to amoxicillin.")
    assert ("allergic to shellfish", "MEDICAL_CONDITION") in found("He's allergic to shellfish.")


@pytest.mark.parametrize("text", [
    "The printer threw up an error again.",
    "The market passed out of favor this year.",
    "I've been working all the time lately.",
])
def test_things_doing_these_are_not_conditions(text):
    assert found(text) == []


def test_a_drug_class_after_allergic_is_left_to_itself():
    assert ("allergic", "MEDICAL_CONDITION") in found("She's allergic to sulfa, it gives her a rash.")


def test_a_person_who_hallucinates():
    assert ("hallucinates", "MEDICAL_CONDITION") in found("Since the surgery she hallucinates in the evenings.")
