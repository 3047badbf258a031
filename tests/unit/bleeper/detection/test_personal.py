"""Blood types, languages, nationalities and occupations said in calls."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.personal import PersonalRecognizer

RECOGNIZERS = PersonalRecognizer.instances()


def found(text: str) -> list[tuple[str, str]]:
    return [(r.entity_type, text[r.start:r.end]) for rec in RECOGNIZERS
            for r in rec.analyze(text, rec.supported_entities)]


@pytest.mark.parametrize("text, expected", [
    ("My blood type is O negative, if that matters.", ("BLOOD_TYPE", "O negative")),
    ("I'm O plus, O positive.", ("BLOOD_TYPE", "O plus")),
    ("I'm O plus, O positive.", ("BLOOD_TYPE", "O positive")),
    ("Her blood type's B positive, and, uh, his is AB negative.", ("BLOOD_TYPE", "AB negative")),
    ("For the exam they typed me as B negative.", ("BLOOD_TYPE", "B negative")),
    ("I'm Rh negative so I needed the shot.", ("BLOOD_TYPE", "Rh negative")),
    ("Mi mamá no habla inglés.", ("LANGUAGE", "inglés")),
    ("He doesn't speak much English, he speaks Igbo.", ("LANGUAGE", "English")),
    ("She only speaks Cantonese, I'll be translating.", ("LANGUAGE", "Cantonese")),
    ("My grandmother speaks Amharic.", ("LANGUAGE", "Amharic")),
    ("I'd like a Mandarin interpreter please.", ("LANGUAGE", "Mandarin")),
    ("She speaks Cantonese and a little English.", ("LANGUAGE", "English")),  # the next of a list
    ("She speaks mostly Mam, not Spanish.", ("LANGUAGE", "Spanish")),
    ("Can I speak Spanish with someone? My English isn't so good.", ("LANGUAGE", "English")),
    ("He's deaf and uses sign language.", ("LANGUAGE", "sign language")),
    ("I'm a Nigerian citizen, but I have a green card.", ("NRP", "Nigerian")),
    ("The German passport number is C 0 1 X.", ("NRP", "German")),
    ("She's of Korean descent.", ("NRP", "Korean")),
    ("I'm half Colombian.", ("NRP", "Colombian")),
    ("The technician came at 3:45 but nobody called first.", ("OCCUPATION", "technician")),
    ("My therapist thinks it might be PTSD.", ("OCCUPATION", "therapist")),
    ("Text me when the technician's on the way.", ("OCCUPATION", "technician's")),
    ("I'm a landlord, the tenant's name is Darnell.", ("OCCUPATION", "landlord")),
])
def test_a_personal_attribute_is_found(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize("text", [
    "I got an A plus on the exam.",
    "She got a B minus in chemistry.",
    "A positive attitude helps.",
    "I love Mandarin oranges.",
    "We had Mexican food last night.",
    "I'm Jewish, so no pork.",  # a religion (categories.py), not a nationality
    "I need to call tech support again.",
    "Can I speak to the manager?",
])
def test_grades_food_and_call_roles_are_left_alone(text):
    assert found(text) == []


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for rec in RECOGNIZERS:
        for r in rec.analyze(text, rec.supported_entities):
            assert 0 <= r.start < r.end <= len(text)
