"""Injuries are found by what happened to which body part, not from a list of phrases; a trauma verb
without a body part, or a body part that is an everyday word, is not an injury."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.injuries import InjuryRecognizer


def found(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in InjuryRecognizer().matches(text)]


@pytest.mark.parametrize("text, injury", [
    ("He tore his rotator cuff playing softball.", "tore his rotator cuff"),
    ("I jammed my thumb in the car door.", "jammed my thumb"),
    ("She slipped and busted her knee open.", "busted her knee open"),
    ("I pulled a muscle in my groin.", "pulled a muscle in my groin"),
    ("I herniated a disc in my lower back.", "herniated a disc in my lower back"),
    ("He fell in the dark and broke two toes.", "broke two toes"),
    ("I scraped up both elbows on the pavement.", "scraped up both elbows"),
    ("He burned his forearm on the grill.", "burned his forearm"),
    ("It's a hairline fracture in his shin.", "hairline fracture"),
    ("He has a lumbar strain from lifting.", "lumbar strain"),
    ("It's a pretty bad dog bite on the calf.", "dog bite"),
    ("it's a second-degree burn", "second-degree burn"),
    ("it's like a two-inch gash", "two-inch gash"),
    ("she's got a concussion", "concussion"),
    ("he's in a cast with a broken arm", "broken arm"),
    ("I've got a bite wound on my forearm.", "bite wound"),
    ("Can I give him Benadryl for the bee sting?", "bee sting"),
    ("She got bitten by a dog on her hand.", "bitten by a dog"),
    ("He was stung by a jellyfish at the beach.", "stung by a jellyfish"),
    ("I threw out my back lifting boxes.", "threw out my back"),
    ("I cut myself pretty bad in the kitchen.", "cut myself"),
    ("He stepped on a rusty nail at the job site.", "stepped on a rusty nail"),
    # a wound placed on a body, whatever its kind
    ("She got a nasty gash on her shin from the dock.", "a nasty gash on her shin"),
    ("My kid got a splinter stuck in his palm.", "a splinter stuck in his palm"),
    ("I've got a stress fracture in my foot.", "a stress fracture in my foot"),
    ("She has a sprain, not a break, thank God.", "sprain"),
])
def test_an_injury_is_found_by_trauma_and_body_part(text, injury):
    # found whole, or inside a longer span that also says where it is (`a bite wound on my forearm`)
    assert any(injury in f for f in found(text)), found(text)


@pytest.mark.parametrize("text", [
    "I need to cut back on sugar.",
    "Hit the back button and try again.",
    "Can you give me a hand with the form?",
    "I broke my phone screen.",
    "I cut my hair short.",
    "We took a lunch break at noon.",
    "Normal wear and tear isn't covered.",
    "I blew my nose.",
    "There's a price cut this week.",
    "She's the head of billing.",
    "I threw out the box it came in.",
    "The dog bit through the cable.",
    "I stepped on the scale this morning.",
    "Help yourself to coffee.",
    "There's a tear in the fabric on the seat.",
    "The car's bumper got a scratch.",
    "I had to get stitches in my heel.",  # a procedure
])
def test_everyday_uses_of_trauma_words_are_not_injuries(text):
    assert found(text) == []


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for start, end, _ in InjuryRecognizer().matches(text):
        assert 0 <= start < end <= len(text)


def test_a_long_transcript_finds_every_injury_in_it():
    text = "he broke his left arm and tore his, um, his back back back. " * 2000
    assert found(text).count("broke his left arm") == 2000


@pytest.mark.parametrize("text, injury", [
    ("My daughter got hit in the mouth with a softball.", "got hit in the mouth with a softball"),
    ("His thumb got caught in the car door.", "thumb got caught in the car door"),
    ("The nurse got stuck with a dirty needle on her shift.", "stuck with a dirty needle"),
    ("He got metal shavings in his eye at the shop.", "got metal shavings in his eye"),
    ("I got stung by something while weeding.", "stung by something"),
    ("She's got a goose egg on her forehead from the swing.", "a goose egg on her forehead"),
    ("The MRI showed a bulging disc in my neck.", "bulging disc in my neck"),
    ("They said it was a minor concussion.", "minor concussion"),
])
def test_injuries_said_as_events(text, injury):
    assert injury in found(text)


@pytest.mark.parametrize("text", [
    "The deal got hit in the market with bad news.",
    "I got something in the mail today.",
    "We fell off the schedule last week.",
])
def test_events_to_things_are_not_injuries(text):
    assert found(text) == []


@pytest.mark.parametrize("text, injury", [
    ("My nephew tripped over a garden hose at the party.", "tripped over a garden hose"),
    ("Grandma, she slipped in the shower on Tuesday.", "slipped in the shower"),
    ("A forklift rolled over his left foot at the depot.", "rolled over his left foot"),
    ("She took a puck to the face during the game.", "took a puck to the face"),
    ("I think I tweaked something in my lower back.", "tweaked something in my lower back"),
    ("Her hand got pinched in the folding table.", "hand got pinched in the folding table"),
    ("He chipped a molar on a cherry pit.", "chipped a molar"),
    ("My daughter knocked her front tooth loose on the slide.", "knocked her front tooth"),
])
def test_falls_blows_and_crushes_are_injuries(text, injury):
    assert injury in found(text)


@pytest.mark.parametrize("text", [
    "The stock fell off a cliff after earnings.",
    "A branch fell on the roof in the storm.",
    "They did a lumbar puncture to check for meningitis.",
    "I ran over the numbers again last night.",
])
def test_other_falls_and_procedures_are_not_injuries(text):
    assert found(text) == []


def test_a_fall_with_its_wound_named_leaves_the_wound_to_speak():
    assert found("He tripped on the curb and sprained his wrist.") == ["sprained his wrist"]


def test_a_whole_part():
    assert "scraped up my whole shin" in found("I scraped up my whole shin on the gravel.")
