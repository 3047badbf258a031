"""A condition named by its kind (`a kidney condition`, `a gluten intolerance`), placed in a body
(`a tumor on my ovary`) or said of a person's body (`he gets confused`, `I bruise really easy`)
is a medical condition; the same head nouns about cars, payments, software and socks are not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.afflictions import AfflictionRecognizer

RECOGNIZER = AfflictionRecognizer()


def found(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in RECOGNIZER.matches(text)]


@pytest.mark.parametrize("text, condition", [
    ("She has a kidney condition and needs dialysis three times a week.", "kidney condition"),
    ("I have a gluten intolerance, can you note that on the booking?", "gluten intolerance"),
    ("My son has a rare blood disorder.", "blood disorder"),
    ("He's got nerve damage in his left foot.", "nerve damage"),
    ("She has a lactose intolerance and a shellfish allergy.", "shellfish allergy"),
    ("I have a sensitivity to latex.", "sensitivity to latex"),
    ("They found a tumor on my ovary.", "a tumor on my ovary"),
    ("He was born with a hole in his heart.", "a hole in his heart"),
    ("There's some fluid in her lungs.", "fluid in her lungs"),
    ("The scan showed two cysts on my left kidney.", "cysts on my left kidney"),
    ("My mom gets confused in the evenings.", "confused"),
    ("My dad's been really forgetful lately.", "forgetful"),
    ("I bruise really easy since I started the blood thinner.", "bruise really easy"),
    ("She's immunocompromised, so please send a nurse who's had the shot.", "immunocompromised"),
    ("He's been so lightheaded after standing up.", "lightheaded"),
    # an adjective whose noun ICD-10-CM lists, said of a person
    ("The baby's been really lethargic and won't eat.", "lethargic"),
    ("Maria's been anemic since the surgery.", "anemic"),
    ("I'm claustrophobic, so no MRI please.", "claustrophobic"),
    ("My mom has chronic bronchitis and gets winded walking to the mailbox.", "winded"),
    ("Her legs swell up at night and she's been pretty foggy.", "foggy"),
    # sensations placed in a body or felt doing something; organs that work badly
    ("I feel a tightness in my chest.", "a tightness in my chest"),
    ("There's a burning feeling when I pee.", "a burning feeling when I pee"),
    ("She has a lazy thyroid.", "lazy thyroid"),
    ("I've got bad circulation in my legs.", "bad circulation"),
])
def test_a_condition_named_by_its_kind_or_signs_is_found(text, condition):
    assert any(condition in f for f in found(text)), found(text)


@pytest.mark.parametrize("text", [
    "The condition of the car was worse than the listing said.",
    "We had a payment failure on the autopay.",
    "There's a hole in my sock, can I exchange them?",
    "The laptop has a malware infection, I think.",
    "I'm confused, why was I charged twice?",
    "I got confused in the app and paid the wrong bill.",
    "He gets confused by the new remote.",
    "I have a balance issue on my account.",
    "Terms and conditions apply to the offer.",
    "The heart of the issue is the late fee.",
    "I'm shaky on the details of the plan.",
    "I'm numb to it by now, honestly.",
    "The cat knocked over the food bowl.",
    "Is it in good condition?",
    "It's manic in here today.",
    "He's very specific about the order.",
    "Traffic is chaotic after five.",
    "The show was comic, honestly.",
    "The pain of switching banks is real.",
    "There's pressure on the team to finish.",
    "I had a bad feeling when I saw the bill.",
    "We have a poor connection, can you hear me?",
    "That's a real pain in the neck, the paperwork.",
    "The printer is old and gets confused.",
    "I'm foggy on the details.",
])
def test_the_same_head_words_outside_a_body_are_not_conditions(text):
    assert found(text) == []


WORDS = st.sampled_from(["my", "his", "a", "kidney", "heart", "condition", "disorder", "tumor", "on", "in", "hole",
                         "gets", "confused", "i", "bruise", "easy", "really", "gluten", "intolerance", "to", "latex",
                         ".", ",", "é", "\u200b", "-", "’"])


@given(st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=60).map(" ".join)))
@settings(max_examples=200, deadline=None)
def test_any_text_gives_spans_inside_it_in_order(text):
    spans = RECOGNIZER.matches(text)
    assert all(0 <= s < e <= len(text) for s, e, _ in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize("text, condition", [
    ("There's a pounding behind my right eye since lunch.", "a pounding behind my right eye"),
    ("I get this tickle in my throat every night.", "this tickle in my throat"),
    ("There's a stinging when I pee, not a lot but it's there.", "a stinging when I pee"),
    ("Grandpa gets all mixed up after dark.", "mixed up"),
    ("My wife's been shaky and clammy since lunch.", "shaky and clammy"),
    ("I bruise like crazy on this blood thinner.", "I bruise like crazy"),
])
def test_sensations_states_and_easy_bruising(text, condition):
    assert condition in found(text)


@pytest.mark.parametrize("text", [
    "I got all mixed up with the menus in the app.",
    "The pounding in the apartment upstairs never stops.",
])
def test_states_of_things_stay_clear(text):
    assert found(text) == []


@pytest.mark.parametrize("text, condition", [
    ("Since the stroke my father's been bedbound.", "bedbound"),
    ("She's been getting disoriented in the afternoons.", "disoriented"),
    ("I get totally wiped out after a short walk.", "wiped out"),
])
def test_more_states_of_a_person(text, condition):
    assert condition in found(text)


def test_a_state_at_a_time_of_day_is_still_a_state():
    assert "confused" in found("Dad's been getting confused at night lately.")
    assert found("I got confused at the checkout screen.") == []
