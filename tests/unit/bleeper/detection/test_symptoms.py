"""Symptoms said in everyday words are conditions: what a body part or reading does, what a person
cannot do, how they feel; the same words about things, money or patience are not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.symptoms import SymptomRecognizer

RECOGNIZER = SymptomRecognizer()


def found(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in RECOGNIZER.matches(text)]


@pytest.mark.parametrize("text, symptom", [
    ("My sugar's been running really high in the mornings.", "My sugar's been running really high"),
    ("Every time I stand up the room spins.", "the room spins"),
    ("She can't keep food down since Tuesday.", "can't keep food down"),
    ("My knee gives out on the stairs.", "My knee gives out"),
    ("My blood pressure's been high lately.", "My blood pressure's been high"),
    ("My ankles swell up by the end of the day.", "My ankles swell up"),
    ("I can't catch my breath when I climb stairs.", "can't catch my breath"),
    ("My hands go numb at night.", "My hands go numb"),
    ("There's blood in my urine.", "blood in my urine"),
    ("I've got a lump in my breast I'm worried about.", "a lump in my breast"),
    ("My vision's gotten blurry.", "My vision's gotten blurry"),
    ("I've had a sore throat and a runny nose.", "a runny nose"),
    ("I've been feeling really down lately.", "feeling really down"),
    ("My mom has memory problems.", "memory problems"),
    ("I keep getting nosebleeds.", "nosebleeds"),
    ("My joints ache when it rains.", "My joints ache"),
    ("I can't put weight on my left foot.", "can't put weight on my left foot"),
    ("I keep waking up drenched in sweat.", "waking up drenched"),
    ("He's been losing his hair.", "losing his hair"),
    ("I've been so run down lately.", "I've been so run down"),
    # every form of a body's verbs, and what eyes do
    ("My gums bleed when I brush.", "My gums bleed"),
    ("My ankles puff up by the end of the day.", "My ankles puff up"),
    ("My vision goes blurry in the afternoon.", "My vision goes blurry"),
    ("My throat's been scratchy.", "My throat's been scratchy"),
])
def test_a_symptom_said_plainly_is_a_condition(text, symptom):
    assert symptom in found(text)


@pytest.mark.parametrize("text", [
    "The room is booked for Tuesday.",
    "I can't keep up with all these emails.",
    "The price is running high this month.",
    "My car's battery gives out in the cold.",
    "My balance is low this month.",
    "I'm tired of waiting on hold.",
    "I'm feeling fine, thanks.",
    "My phone keeps buzzing.",
    "I can't hear you very well.",
    "I can't remember my password.",
    "My numbers are down this quarter.",
    "I'm feeling low on cash this week.",
    "My hands are tied on that one.",
    "The spin cycle makes a noise.",
    "Our billing cycle is off by a day.",
    "My phone's ringing, hold on.",
    "The vision of the company is clear.",
])
def test_the_same_words_about_things_are_not_symptoms(text):
    assert found(text) == []


BODY_TALK = st.sampled_from(["my", "knee", "sugar's", "been", "running", "high", "the", "room", "spins", "can't",
                             "keep", "food", "down", "feeling", "really", "a", "lump", "in", "breast", "blood",
                             "urine", "gives", "out", "so", "run-down", "'s", "’", ",", ".", "é", "\u200b", "…"])


@given(st.one_of(st.text(max_size=400), st.lists(BODY_TALK, max_size=60).map(" ".join)))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for start, end, _ in RECOGNIZER.matches(text):
        assert 0 <= start < end <= len(text)


def test_a_long_transcript_is_read_whole():
    text = "Thanks for calling. My knee gives out and my sugar's running high, um, " * 300
    assert len(RECOGNIZER.matches(text)) == 600


@pytest.mark.parametrize("text, symptom", [
    ("My ankle is, like, swollen and warm.", "My ankle is, like, swollen"),
    ("Her knee is red and hot to touch.", "Her knee is red and hot"),
    ("My eyelid's been drooping since the weekend.", "My eyelid's been drooping"),
    ("My feet won't stop cramping at night.", "My feet won't stop cramping"),
    ("I noticed some yellow spots on my tonsils.", "some yellow spots on my tonsils"),
    ("I think his sugar's dropping again.", "his sugar's dropping"),
])
def test_more_plain_symptoms(text, symptom):
    assert symptom in found(text)


@pytest.mark.parametrize("text", [
    "There are two parking spots on the back lot.",
    "The price of gas is dropping again.",
])
def test_more_things_that_are_not_symptoms(text):
    assert found(text) == []


@pytest.mark.parametrize("text, symptom", [
    ("Sometimes I see floaters when I stand up.", "see floaters"),
    ("My throat's been so dry since I started the inhaler.", "My throat's been so dry"),
    ("My hamstrings cramp up halfway through the run.", "My hamstrings cramp up"),
])
def test_what_a_person_sees_and_dry_or_cramping_parts(text, symptom):
    assert symptom in found(text)
