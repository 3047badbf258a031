"""dates.py: specific days are `date`, broader periods `date_interval` (AssemblyAI's definitions),
either one a birth date or a card's expiry after the phrase that announces it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.dates import DateRecognizer

ENTITIES = ["DATE_TIME", "DATE_INTERVAL", "DATE_OF_BIRTH", "CREDIT_CARD_EXPIRATION"]


@pytest.fixture(scope="module")
def recognizer() -> DateRecognizer:
    return DateRecognizer()


def found(recognizer: DateRecognizer, text: str) -> list[tuple[str, str]]:
    return [(r.entity_type, text[r.start:r.end]) for r in recognizer.analyze(text, ENTITIES)]


@pytest.mark.parametrize("text, value", [
    ("I deposited a check on March 3rd.", "March 3rd"),
    ("a follow-up for, um, Thursday, July 17th at 10:15", "Thursday, July 17th"),
    ("The adjuster came out on the 2nd of April.", "the 2nd of April"),
    ("It started crashing right after the update on the 21st.", "the 21st"),
    ("I have an appointment on the 12th of May, 2024.", "the 12th of May, 2024"),
    ("The technician can come out on 12/17/2024.", "12/17/2024"),
    ("So Will's gonna come out on, uh, Thursday.", "Thursday"),
    ("Let's do Tuesday the 9th.", "Tuesday the 9th"),
    ("Can we do the twenty-third instead?", "the twenty-third"),
    ("The tech came out on the, um, ninth and left.", "the, um, ninth"),  # a filler after `the`
    ("Please move my autopay to the twelfth.", "the twelfth"),
    ("The lease starts March ninth of next year.", "March ninth of next year"),
    ("My visa stamp expires on the 4th of May.", "the 4th of May"),  # no card: a date, not an expiry
])
def test_a_specific_day_is_a_date(recognizer, text, value):
    assert found(recognizer, text) == [("DATE_TIME", value)]


@pytest.mark.parametrize("text, value", [
    ("We got married in October, so I changed my name.", "October"),
    ("I had a cholecystectomy in 2019, they did it laparoscopic.", "2019"),
    ("I've been a member since 2012.", "2012"),
    ("It happened back in twenty fifteen.", "twenty fifteen"),
    ("I had a knee replacement in, like, the spring of 2021.", "spring of 2021"),
    ("We can only travel in the summer.", "summer"),
    ("We moved last fall.", "fall"),
    ("My policy started in January 1984.", "January 1984"),
    ("That model came out in the 1990s.", "the 1990s"),
    ("back in the eighties we had a landline", "eighties"),
    # ranges are one period
    ("I'll be in Lisbon from May 9th to May 23rd.", "May 9th to May 23rd"),
    ("The usage spiked between March 2nd and March 9th.", "March 2nd and March 9th"),
    ("We'll be away from the 10th to the 17th.", "the 10th to the 17th"),
    ("The conference is 5-9 May.", "5-9 May"),
    ("from 2015 to 2018", "2015 to 2018"),
    ("the 2020-2021 season", "2020-2021"),
    ("I'll be gone the week of June 5th.", "the week of June 5th"),
    ("We'll be out from March to June.", "March to June"),
    ("I'll be traveling for the first two weeks of August.", "the first two weeks of August"),
])
def test_a_month_year_season_decade_or_range_is_a_date_interval(recognizer, text, value):
    assert found(recognizer, text) == [("DATE_INTERVAL", value)]


@pytest.mark.parametrize("text, value", [
    ("The roof started leaking in late November.", "late November"),  # the part of the month kept
    ("We close on the house at the beginning of August.", "the beginning of August"),
    ("I moved here in the winter of nineteen, right before covid.", "winter of nineteen"),
    ("She had her knee scoped in mid-March.", "mid-March"),
    ("We redid the deck this past summer.", "past summer"),
    ("The tuition is due before the fall, I think.", "fall"),
    ("My driver's license expires in October, can I still rent?", "October"),  # a licence's, not a card's
    ("The offer is good through November of twenty-nine.", "November of twenty-nine"),
    ("We rented that place from twenty-eighteen to twenty-twenty.", "twenty-eighteen to twenty-twenty"),
])
def test_a_period_keeps_the_words_that_narrow_it(recognizer, text, value):
    assert found(recognizer, text) == [("DATE_INTERVAL", value)]


def test_a_change_from_one_day_to_another_is_two_dates(recognizer):
    text = "I need to change the return from the 30th to Sunday, June 1st."
    assert found(recognizer, text) == [("DATE_TIME", "the 30th"), ("DATE_TIME", "Sunday, June 1st")]


@pytest.mark.parametrize("text, value", [
    ("Okay, and your date of birth? It's, uh, April 9th, 1971.", "April 9th, 1971"),
    ("I was born in nineteen seventy-two.", "nineteen seventy-two"),
    ("My date of birth on the ticket should be 2-14-1990.", "2-14-1990"),
    ("Her birthday's the 9th of January, 2016.", "the 9th of January, 2016"),
])
def test_a_date_after_a_birth_phrase_is_a_date_of_birth(recognizer, text, value):
    assert found(recognizer, text) == [("DATE_OF_BIRTH", value)]


@pytest.mark.parametrize("text, value", [
    ("Date of birth is August third, seventy-one.", "August third, seventy-one"),  # the year's last two digits
    ("Her birthday is the ninth of, um, May, two thousand four.", "the ninth of, um, May, two thousand four"),
    ("He was born four slash eleven slash nineteen ninety.", "four slash eleven slash nineteen ninety"),
])
def test_a_birth_date_said_in_pieces_is_one_date_of_birth(recognizer, text, value):
    assert found(recognizer, text) == [("DATE_OF_BIRTH", value)]


def test_a_birth_phrase_types_only_the_date_it_announces(recognizer):
    assert found(recognizer, "I was born in 1971 and we moved here in 2019.") == [
        ("DATE_OF_BIRTH", "1971"), ("DATE_INTERVAL", "2019")]


@pytest.mark.parametrize("text, value", [
    ("Um, expiration is oh two of twenty-nine, and the code is 8 1 4.", "oh two of twenty-nine"),
    ("the card expires 11 of 27.", "11 of 27"),
    ("exp oh four twenty-six security code 1 1 8", "oh four twenty-six"),
    ("It's good through twelve twenty-nine.", "twelve twenty-nine"),
    ("expires zero four slash two six.", "zero four slash two six"),
    ("The expiration is oh two, twenty eight, and the CVV two forty one.", "oh two, twenty eight"),
    ("It's 4024 0071 9528 8641, valid thru 10/29.", "10/29"),
    ("Expiration is April 2027, security code three two zero.", "April 2027"),
    ("Card expires at the end of May twenty six.", "the end of May twenty six"),
    ("It expires March of next year.", "March of next year"),
    ("The card is valid until the end of next month.", "the end of next month"),
    ("The card expires in June.", "June"),
])
def test_a_date_after_an_expiry_phrase_is_the_cards_expiry(recognizer, text, value):
    assert ("CREDIT_CARD_EXPIRATION", value) in found(recognizer, text)


def test_a_corrected_expiry_keeps_its_type(recognizer):
    text = "The expiration date is January 2027, wait, no, January 2028."
    assert [e for e, _ in found(recognizer, text)] == ["CREDIT_CARD_EXPIRATION"] * 2


@pytest.mark.parametrize("text", [
    "this may take a while",
    "It's in the eighties today.",
    "in twenty minutes",
    "we paid 2019 dollars for it",
    "the last time I called",
    "next month is fine",  # relative, not a date (outside an expiry)
    "twelve twenty-nine",  # a card's expiry shape, but nothing announced one
    "It's 4024 0071 9528 8641, valid thru 10/29, CVV 2 2 7.",  # the CVV is no expiry
    "The error log mentions 10.0.12.7.",  # an IP address
    "It's version 1.12.10.",
    "I was the third caller today.",
    "Most people respond to the second dose pretty well.",  # an ordinal after `to`, not a day
    "She fell in the fall down the stairs.",
])
def test_what_is_not_a_date_is_not_found(recognizer, text):
    assert [v for e, v in found(recognizer, text) if v != "10/29"] == []


TOKENS = st.sampled_from(["born", "expires", "exp", "on", "in", "the", "of", "to", "and", "between", "May", "march",
                          "June", "4th", "21st", "2019", "twenty", "nineteen", "oh", "two", "slash", "spring", "fall",
                          "1990s", "eighties", "next", "year", "end", "/", "-", ",", "12/17/2024", "07/31"])
TEXT = st.lists(st.one_of(TOKENS, st.text(max_size=4)), max_size=40).map(" ".join)


@given(st.one_of(TEXT, st.text(max_size=200)))
@settings(max_examples=300, deadline=None)
def test_dates_never_raise_and_stay_inside_the_text(text):
    spans = DateRecognizer().analyze(text, ENTITIES)
    assert all(0 <= r.start < r.end <= len(text) for r in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize("text, value", [
    # a year after what befell someone, a filler between
    ("She was widowed, uh, twenty nineteen and moved in with us.", "twenty nineteen"),
    ("He retired 2016 from the mill.", "2016"),
    # a year said `oh-four` after a word that wants a year
    ("We've rented here since oh-four.", "oh-four"),
    # a month things run into
    ("The lease might roll over into October.", "October"),
])
def test_a_year_or_month_a_frame_wants_is_a_date_interval(recognizer, text, value):
    assert ("DATE_INTERVAL", value) in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "It's been broken since oh two hours ago, I mean since two.",
    "I'll go into may-be mode.",
    "She retired twenty years ago.",
])
def test_a_number_that_is_no_year_is_not_found(recognizer, text):
    assert [v for k, v in found(recognizer, text) if k == "DATE_INTERVAL"] == []
