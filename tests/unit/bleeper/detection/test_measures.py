"""Height, weight and marks of a person (physical_attribute) and medical percentages
(statistics); objects' sizes and money or device percentages stay clear."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.measures import MeasureRecognizer


@pytest.fixture(scope="module")
def recognizer() -> MeasureRecognizer:
    return MeasureRecognizer()


def found(recognizer: MeasureRecognizer, text: str) -> list[tuple[str, str]]:
    return [(entity, text[s:e]) for entity, s, e, _, _ in recognizer.matches(text)]


@pytest.mark.parametrize("text, expected", [
    ("I'm about five foot two and I weigh like 190.", ("PHYSICAL_ATTRIBUTE", "five foot two")),
    ("I'm about five foot two and I weigh like 190.", ("PHYSICAL_ATTRIBUTE", "190")),
    ("He's 6'1\" and a bit.", ("PHYSICAL_ATTRIBUTE", "6'1\"")),
    ("I'm 190 centimeters tall.", ("PHYSICAL_ATTRIBUTE", "190 centimeters")),
    ("I'm 230 pounds right now.", ("PHYSICAL_ATTRIBUTE", "230 pounds")),
    ("I've got a large birthmark on my neck.", ("PHYSICAL_ATTRIBUTE", "large birthmark on my neck")),
    ("He has a tattoo of a rose on his arm.", ("PHYSICAL_ATTRIBUTE", "tattoo of a rose on his arm")),
    ("My son is a little person, he needs the lower counter.", ("PHYSICAL_ATTRIBUTE", "little person")),
    ("I'm about six one, two hundred and ten pounds.", ("PHYSICAL_ATTRIBUTE", "six one")),
    ("I'm about six one, two hundred and ten pounds.", ("PHYSICAL_ATTRIBUTE", "two hundred and ten pounds")),
    ("He weighs one eighty.", ("PHYSICAL_ATTRIBUTE", "one eighty")),
    ("She's like a hundred and twenty pounds.", ("PHYSICAL_ATTRIBUTE", "a hundred and twenty pounds")),
    ("He's six-two, two-twenty, dark hair.", ("PHYSICAL_ATTRIBUTE", "six-two")),
    ("He's six-two, two-twenty, dark hair.", ("PHYSICAL_ATTRIBUTE", "two-twenty")),
    ("I'm 5'10\" and 180.", ("PHYSICAL_ATTRIBUTE", "180")),
    ("a guy, maybe five ten, in a gray hoodie", ("PHYSICAL_ATTRIBUTE", "five ten")),
    ("He's about six feet tall.", ("PHYSICAL_ATTRIBUTE", "six feet")),
    ("Oxygen was sitting around ninety-one percent when I checked.", ("STATISTICS", "ninety-one percent")),
    ("There's roughly a two percent risk of infection.", ("STATISTICS", "two percent")),
    ("Her kidney function's at forty percent.", ("STATISTICS", "forty percent")),
    ("My A1C was 7.8 percent last time.", ("STATISTICS", "7.8 percent")),
    ("There's about a fifteen percent chance of nausea.", ("STATISTICS", "fifteen percent")),
    ("The doctor said there's like a thirty percent chance it comes back.", ("STATISTICS", "thirty percent")),
    ("There's about a one in ten chance of side effects.", ("STATISTICS", "one in ten")),
    ("Three out of four patients get better.", ("STATISTICS", "Three out of four")),
    ("I'm pretty short, like five one, so the regular length is too long.", ("PHYSICAL_ATTRIBUTE", "five one")),
    ("I'm really tall, six four.", ("PHYSICAL_ATTRIBUTE", "six four")),
    ("She's petite, maybe five foot, with glasses.", ("PHYSICAL_ATTRIBUTE", "five foot")),
    ("My son is really tall for his age, almost six feet.", ("PHYSICAL_ATTRIBUTE", "six feet")),
    # a lab result or vital sign's value
    ("My A1C was eight point two.", ("STATISTICS", "eight point two")),
    ("Her blood pressure was one sixty over a hundred.", ("STATISTICS", "one sixty over a hundred")),
    ("His heart rate went up to a hundred and forty.", ("STATISTICS", "a hundred and forty")),
    ("My cholesterol is two forty.", ("STATISTICS", "two forty")),
    ("His oxygen dropped to eighty-eight.", ("STATISTICS", "eighty-eight")),
    ("My temperature was 101.4 this morning.", ("STATISTICS", "101.4")),
    ("His PSA is up about twenty percent from the last draw.", ("STATISTICS", "twenty percent")),
    ("His sats were in the low nineties.", ("STATISTICS", "low nineties")),
    ("Her pulse was in the forties when the EMTs got there.", ("STATISTICS", "forties")),
    ("She's got a nose ring and a tattoo on her wrist.", ("PHYSICAL_ATTRIBUTE", "nose ring")),
    ("There's a small chance, maybe five percent, it spreads.", ("STATISTICS", "five percent")),
    ("My daughter is pretty petite, like four eleven.", ("PHYSICAL_ATTRIBUTE", "four eleven")),
])
def test_a_measure_of_a_person_is_found(recognizer, text, expected):
    assert expected in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "We need a six foot fence along the back.",
    "The ladder is ten feet tall.",
    "I'm 45 and I live alone.",
    "The bag weighs fifty pounds.",
    "My suitcase was fifty two pounds over.",
    "The dog weighs sixty pounds.",
    "I'm five ten minutes away.",
    "I'm six, one more thing though.",
    "She's four, five in June.",
    "The box is six by four.",
    "The scar tissue is healing.",
    "You get 10% off with the coupon.",
    "The interest rate is 6.9 percent on that loan.",
    "The download is stuck at 82%.",
    "It's 50% cotton.",
    "Your coinsurance is 20 percent after the deductible.",
    "The chance of rain is sixty percent tomorrow.",
    "There's a forty percent chance of rain.",
    "One in ten customers returns it.",
    "We're expecting about ninety percent attendance.",
    "I'm short, like five dollars.",
    "He's six feet from the gate.",
    "Stay six feet away from the door, please.",
    "The guy was on a ten foot ladder.",
    "The temperature was 90 today.",
    "My blood pressure meds are 20 mg.",
    "I checked my A1C twice this year.",
    "My count is off by two.",
    "There's a chance, maybe 10 percent off, on the sale.",
])
def test_sizes_of_things_and_non_medical_percentages_are_left_alone(recognizer, text):
    assert found(recognizer, text) == []


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for _, start, end, _, _ in MeasureRecognizer().matches(text):
        assert 0 <= start < end <= len(text)


@pytest.mark.parametrize("text, expected", [
    ("I weigh, um, about a hundred and five pounds these days.", "a hundred and five pounds"),
    ("He's got a forearm tattoo of an anchor.", "forearm tattoo of an anchor"),
    ("The guy was bald, heavyset, probably six feet, I'd say.", "six feet"),
])  # fmt: skip
def test_a_measure_or_mark_said_loosely_is_found(recognizer, text, expected):
    assert expected in [t for _, t in found(recognizer, text)]


@pytest.mark.parametrize("text", [
    "He's a painter and he fell about fourteen feet off the scaffold.",
    "She's fine, the ladder was only ten feet tall.",
])  # fmt: skip
def test_a_fall_or_an_object_in_feet_is_not_a_height(recognizer, text):
    assert [t for kind, t in found(recognizer, text) if kind == "PHYSICAL_ATTRIBUTE"] == []


@pytest.mark.parametrize("text, said", [
    # the hedge and the word of odds are the statistic's, as much as its number
    ("My physical therapist said there's roughly a twenty percent risk it tears again.",
     "roughly a twenty percent risk"),
    ("It's like forty-something percent effective, the doctor said.", "like forty-something percent effective"),
    # odds said one in so many, the odds word well before them
    ("The odds of that with this med are, like, one in a hundred?", "one in a hundred"),
    # a lab value said as a share
    ("The nurse said my hematocrit came back at thirty-four percent.", "thirty-four percent"),
    # a range of shares is one statistic
    ("On the trial the relapse rate went from thirty to twelve percent.", "from thirty to twelve percent"),
    # the medical word earlier in the same sentence
    ("Headaches were the most common side effect by far, then dizziness in about six percent.",
     "about six percent"),
])  # fmt: skip
def test_a_statistic_is_covered_with_its_hedge_range_and_odds_word(recognizer, text, said):
    found = [text[r.start:r.end] for r in recognizer.analyze(text, ["STATISTICS"])]
    assert said in found, found


@pytest.mark.parametrize("text", [
    "There's a forty percent chance of rain on Saturday.",
    "About one in four of my customers pay late.",
    "I got fifteen percent off with the coupon.",
])  # fmt: skip
def test_shares_that_are_no_statistic_of_a_person_stay_clear(recognizer, text):
    assert recognizer.analyze(text, ["STATISTICS"]) == []
