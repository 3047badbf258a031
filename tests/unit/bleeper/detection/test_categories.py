"""Religion, political affiliation, gender and sexuality, marital status, zodiac signs and events:
closed vocabularies, the ambiguous words only after their cue, and a total function."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.categories import CategoryRecognizer


@pytest.fixture(scope="module")
def recognizer() -> CategoryRecognizer:
    return CategoryRecognizer()


def found(recognizer: CategoryRecognizer, text: str) -> list[tuple[str, str]]:
    return [(entity, text[s:e]) for entity, s, e, _, _ in recognizer.matches(text)]


@pytest.mark.parametrize("text, expected", [
    ("I'm Catholic, so we'd want the service on a Saturday.", ("RELIGION", "Catholic")),
    ("We're Orthodox Jewish, so no travel on Saturday.", ("RELIGION", "Orthodox Jewish")),
    ("He's an atheist, he won't want a chaplain.", ("RELIGION", "atheist")),
    ("I'm a Christian and I don't work Sundays.", ("RELIGION", "Christian")),
    ("I'm a registered Republican.", ("POLITICAL_AFFILIATION", "Republican")),
    ("I'm pretty conservative, so I don't like that.", ("POLITICAL_AFFILIATION", "conservative")),
    ("Politically I'm an independent.", ("POLITICAL_AFFILIATION", "independent")),
    ("I'm a Green Party voter.", ("POLITICAL_AFFILIATION", "Green Party")),
    ("I'm nonbinary and that's on my file.", ("GENDER_SEXUALITY", "nonbinary")),
    ("my pronouns are they/them", ("GENDER_SEXUALITY", "they/them")),
    ("The gender marker on my passport is X, please.", ("GENDER_SEXUALITY", "X")),
    ("Patient is a 54-year-old female with chest pain.", ("GENDER_SEXUALITY", "female")),
    ("I'm trans, so my ID still shows my old name.", ("GENDER_SEXUALITY", "trans")),
    ("I'm a woman in my sixties.", ("GENDER_SEXUALITY", "woman")),
    ("I'm gay and my husband is on the account.", ("GENDER_SEXUALITY", "gay")),
    ("I'm a bisexual man and the form asked about my partners.", ("GENDER_SEXUALITY", "bisexual man")),
    ("My partner and I are both trans, so please use they/them.", ("GENDER_SEXUALITY", "trans")),
    ("I'm single, no dependents.", ("MARITAL_STATUS", "single")),
    ("We're separated but still on the same plan.", ("MARITAL_STATUS", "separated")),
    ("We just got engaged in June!", ("MARITAL_STATUS", "engaged")),
    ("My ex took the car.", ("MARITAL_STATUS", "ex")),
    ("We're going through a divorce, so take him off.", ("MARITAL_STATUS", "going through a divorce")),
    ("My late husband opened the account.", ("MARITAL_STATUS", "late husband")),
    ("My ex-wife is still on the policy.", ("MARITAL_STATUS", "ex-wife")),
    ("I'm a widower since last year.", ("MARITAL_STATUS", "widower")),
    ("she's my common-law wife", ("MARITAL_STATUS", "common-law wife")),
    ("I'm a Leo, so I love attention.", ("ZODIAC_SIGN", "Leo")),
    ("My sister's a Cancer, very emotional.", ("ZODIAC_SIGN", "Cancer")),
    ("I want the Sagittarius charm in gold.", ("ZODIAC_SIGN", "Sagittarius")),
    ("We're traveling over Christmas.", ("EVENT", "Christmas")),
    ("I'm fasting for Ramadan right now.", ("EVENT", "Ramadan")),
    ("Is the office closed on Memorial Day?", ("EVENT", "Memorial Day")),
    ("We'll be away for the Fourth of July.", ("EVENT", "Fourth of July")),
    ("We're going to the Boston Marathon.", ("EVENT", "Boston Marathon")),
])
def test_a_category_word_is_found_with_its_type(recognizer, text, expected):
    assert expected in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "Hi, I'm Christian, I'm calling about my bill.",  # a name
    "She was admitted to Methodist Hospital last night.",  # an organisation's name
    "That's a conservative estimate, honestly.",
    "They have a liberal return policy.",
    "I need progressive lenses this time.",
    "I'm an independent contractor, so I get a 1099.",
    "I have Progressive for my car insurance.",
    "She's in the Democratic Republic of the Congo right now.",
    "I need a male to female adapter for the hose.",
    "The female connector is broken.",
    "The cable is male on one end and female on the other.",
    "Can you transfer me to TransUnion?",
    "I made a single payment last month.",
    "I'm single-handedly running this household.",
    "Please keep the packages separated.",
    "The parking brake engaged on its own.",
    "Watch out for black widow spiders in the shed.",
    "Leo from accounting called me.",
    "She has cancer and needs the appointment moved.",
    "Can I use Gemini to summarize this?",
    "I drive a Ford Taurus.",
    "I lent him my car.",
    "I went to the Customer Service desk.",
])
def test_an_everyday_word_or_name_without_its_cue_is_left_alone(recognizer, text):
    assert found(recognizer, text) == []


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for _, start, end, score, _ in CategoryRecognizer().matches(text):
        assert 0 <= start < end <= len(text) and 0 < score <= 1


@pytest.mark.parametrize("text", [
    "He was born on the fourth of July, nineteen eighty-two.",
    "She was born on Christmas Day, 1990.",
])
def test_a_holiday_said_as_a_birth_date_is_left_to_the_date_rules(recognizer, text):
    assert [kind for _, kind in found(recognizer, text)] == []


@pytest.mark.parametrize("text, status", [
    ("My account's still under my ex-husband's name.", "ex-husband"),
    ("I'm divorced, so my ex shouldn't be on the policy anymore.", "ex"),
    ("I need to take my ex off the dental plan.", "ex"),
])
def test_a_former_spouse_says_a_marital_status(recognizer, text, status):
    assert ("MARITAL_STATUS", status) in found(recognizer, text)
