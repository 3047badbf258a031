"""A caller's everyday words for being ill are conditions when the sentence is about someone's
health (`I had a fever and chills`, `she has sugar`, `it's my nerves`); the same words about
markets, luck, coffee or reviews are not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.health_talk import HealthTalkRecognizer

RECOGNIZER = HealthTalkRecognizer()


def found(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in RECOGNIZER.matches(text)]


@pytest.mark.parametrize("text, condition", [
    ("It started as the flu and then a fever that wouldn't break.", "fever"),
    ("It started as the flu and then a fever that wouldn't break.", "the flu"),
    ("His cough is keeping everyone up.", "cough"),
    ("My son's been out sick with congestion since Monday.", "congestion"),
    ("The baby's rash spread to her legs.", "rash"),
    ("I feel awful, I've had diarrhea all night.", "diarrhea"),
    ("We think she caught a cold at daycare.", "a cold"),
    ("My mom has sugar, so she watches what she eats.", "has sugar"),
    ("My dad's got high blood and takes a pill for it.", "high blood"),
    ("They found out last year he had the big C.", "the big C"),
    ("It's my nerves, I get so worked up before flights.", "It's my nerves"),
    ("I had a nervous breakdown in 2020.", "had a nervous breakdown"),
    ("I've been struggling with my mental health lately.", "my mental health"),
    ("My daughter is on the spectrum.", "is on the spectrum"),
    ("He's a recovering alcoholic.", "a recovering alcoholic"),
    ("I have morning sickness pretty bad.", "morning sickness"),
    ("She was put on bed rest for preeclampsia.", "preeclampsia"),
    ("My wife is expecting twins in May.", "My wife is expecting twins"),
    ("I've been getting panic attacks at work.", "panic attacks"),
    ("Honestly I'm completely burned out.", "I'm completely burned out"),
    ("I've got a kidney stone, the pain is unreal.", "kidney stone"),
    ("My father is terminally ill.", "terminally ill"),
    ("My son has a high fever and a stiff neck.", "fever"),
    ("She's running a temperature of a hundred and two.", "running a temperature"),
    ("My husband has a drinking problem.", "drinking problem"),
    ("He has a stutter, so please be patient with him.", "a stutter"),
    ("I've lost fifteen pounds without trying.", "lost fifteen pounds without trying"),
])
def test_a_condition_said_in_everyday_words_is_found(text, condition):
    assert any(condition in f for f in found(text)), found(text)


@pytest.mark.parametrize("text", [
    "The market had a fever pitch this morning.",
    "That movie was a stroke of genius.",
    "I've got a rash of bad reviews on my listing.",
    "What are the flu shot clinic hours?",
    "Can I get a cold brew with that?",
    "Do you have the sugar-free syrup?",
    "Add two cups of sugar to the order.",
    "Honestly it gets on my nerves when the app logs me out.",
    "Can I get a breakdown of the charges?",
    "I'm expecting a call back from billing.",
    "There's a bug in the app when I log in.",
    "The heating's out and it's a cold house.",
    "Flu season staffing is on the HR page.",
    "The app crashed, I think there's a bug, I'm so sick of it.",
    "It's my nerves of steel that got me through the layoffs.",
    "The hotel room had a fever-dream vibe, honestly.",
    "I'm in recovery mode after the move, just send it by mail.",
    "The stock market had a seizure today.",
    "We have a big cold room in the back.",
    "The app is running a temperature check on the server.",
    "I lost fifteen pounds of luggage allowance on that fare.",
])
def test_the_same_words_in_another_sense_are_not_conditions(text):
    assert found(text) == []


def test_a_fever_with_its_reading_is_still_a_fever():
    assert "fever" in found("My daughter is sick, she had a fever of 102 last night.")


HEALTH_TALK = st.sampled_from(["my", "his", "fever", "chills", "a", "cold", "the", "flu", "shot", "sugar", "has",
                               "nerves", "it's", "of", "luck", "stroke", "sick", "I", "expecting", "twins", ".", ",",
                               "?", "é", "\u200b", "’", "-", "pitch"])


@given(st.one_of(st.text(max_size=400), st.lists(HEALTH_TALK, max_size=60).map(" ".join)))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for start, end, _ in RECOGNIZER.matches(text):
        assert 0 <= start < end <= len(text)


def test_a_long_transcript_is_read_whole():
    text = "Thanks for calling. I had a fever and chills, and my mom has sugar. " * 300
    assert len(RECOGNIZER.matches(text)) == 900


@pytest.mark.parametrize("text, homonym, thing", [
    ("We need new shingles on the east side of the roof.", "shingles", True),
    ("The bees swarmed out of two of the hives last week.", "hives", True),
    ("My aunt has shingles on her neck.", "shingles", False),
    ("He broke out in hives after the shrimp.", "hives", False),
    ("Is it shingles? There's a rash and it hurts.", "shingles", False),
])
def test_a_homonym_of_a_condition_is_a_thing_unless_someone_has_it(text, homonym, thing):
    from bleeper.detection.recognizers.health_talk import said_of_a_thing

    start = text.index(homonym)
    assert said_of_a_thing(text, start, start + len(homonym)) is thing


def test_a_plural_of_a_listed_condition_and_a_hyphenated_word():
    from bleeper.detection.recognizers.medical import MedicalRecognizer

    recognizer = MedicalRecognizer()

    def said(text: str) -> list[str]:
        return [text[r.start:r.end] for r in recognizer.analyze(text, ["MEDICAL_CONDITION"])]

    assert "UTIs" in said("She's had two UTIs this winter.")
    assert said("The trial is double-blind and placebo controlled.") == []
