"""The quantity reader: spoken and written numbers read as values, and how a consumer reads two
cardinals said in a row (a price, a year, a clock time, a card's expiry)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.quantities import find_quantities, word_after, word_before


def read(text: str) -> list[tuple[str, tuple[float, ...], bool]]:
    return [(text[q.start:q.end], tuple(g.value for g in q.groups), q.approximate) for q in find_quantities(text)]


@pytest.mark.parametrize("text, said, values", [
    ("it was forty-two hundred", "forty-two hundred", (4200,)),
    ("a hundred and five", "a hundred and five", (105,)),
    ("a hundred twelve", "a hundred twelve", (112,)),
    ("eighty-one thousand five hundred", "eighty-one thousand five hundred", (81500,)),
    ("two thousand and ten", "two thousand and ten", (2010,)),
    ("two thousand twenty-nine", "two thousand twenty-nine", (2029,)),
    ("four point five", "four point five", (4.5,)),
    ("two and a half weeks", "two and a half", (2.5,)),
    ("$1,250.00 on the card", "1,250.00", (1250.0,)),
    ("about 5 thousand", "5 thousand", (5000,)),
    ("a 2.5k budget", "2.5k", (2500,)),
    ("1.5 million", "1.5 million", (1_500_000,)),
])
def test_a_cardinal_is_read_as_one_value(text, said, values):
    assert (said, values) in [(s, v) for s, v, _ in read(text)]


@pytest.mark.parametrize("text, said, values", [
    ("forty nine ninety nine", "forty nine ninety nine", (49, 99)),
    ("two eighty-five", "two eighty-five", (2, 85)),
    ("nineteen eighty", "nineteen eighty", (19, 80)),
    ("twenty twenty-nine", "twenty twenty-nine", (20, 29)),
    ("ten oh five", "ten oh five", (10, 5)),
])
def test_cardinals_said_in_a_row_stay_apart_as_groups(text, said, values):
    assert read(text) == [(said, values, False)]


@pytest.mark.parametrize("text, said", [
    ("sixty-something dollars", "sixty-something"),
    ("fiftyish", "fiftyish"),
    ("forty-odd", "forty-odd"),
    ("a couple hundred bucks", "a couple hundred"),
    ("a few thousand", "a few thousand"),
    ("several hundred", "several hundred"),
    ("seventeen hundred and some change", "seventeen hundred and some change"),
    ("around twenty", "twenty"),  # the hedge marks it, outside the span
])
def test_an_approximate_quantity_is_marked_approximate(text, said):
    assert [(s, a) for s, _, a in read(text)] == [(said, True)]


@pytest.mark.parametrize("text", [
    "12/15", "9:30", "610-265-1714", "(570) 240-1996", "seat 22A", "the 5G model", "the 4th", "4532 0151 1283 0366",
    "he's 6'2\"",
])
def test_digits_that_belong_to_a_date_time_phone_or_id_are_not_quantities(text):
    assert read(text) == []


@pytest.mark.parametrize("text, price, year, clock, expiry", [
    ("forty nine ninety nine", 49.99, None, None, None),
    ("two eighty-five", 285, None, None, None),
    ("nineteen eighty", 19.80, 1980, None, None),
    ("nineteen oh four", None, 1904, (19, 4), None),
    ("seventeen forty", 17.40, None, (17, 40), None),
    ("twelve twenty-seven", 12.27, None, (12, 27), (12, 27)),
    ("oh four twenty-six", None, None, (4, 26), (4, 26)),
    ("zero two two nine", None, None, None, (2, 29)),
    ("1971", 1971, 1971, None, None),
    ("a hundred and sixty twenty", 160.20, None, None, None),  # dollars past a hundred, then cents
])
def test_two_cardinals_are_read_the_way_their_consumer_needs(text, price, year, clock, expiry):
    (q,) = find_quantities(text)
    assert q.price() == pytest.approx(price) if price is not None else q.price() is None
    assert (q.year(), q.clock(), q.month_year()) == (year, clock, expiry)


def test_words_around_a_span_are_read_up_to_the_clause_end():
    text = "I'm sixty-eight, I'm retired and paid forty dollars"
    assert word_after(text, text.index(",")) == ""
    assert word_after(text, text.index(" dollars")) == "dollars"
    assert word_before(text, text.index("forty")) == "paid"


WORDS = st.sampled_from(["a", "an", "and", "oh", "zero", "hundred", "thousand", "million", "point", "half", "ish",
                         "something", "odd", "couple", "few", "some", "change", "forty", "two", "nineteen", "twelve",
                         "-", ",", ".", "/", ":", "$", "5", "1,250.00", "2.5k", "0151", "22A", "(", ")", "'"])
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=5)), max_size=40).map(lambda ws: " ".join(ws))
GLUED = st.lists(WORDS, max_size=30).map("".join)


@given(st.one_of(TEXT, GLUED, st.text(max_size=200)))
@settings(max_examples=400, deadline=None)
def test_reading_never_raises_and_spans_are_ordered_inside_the_text(text):
    found = find_quantities(text)
    assert all(0 <= q.start < q.end <= len(text) and q.groups for q in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    for q in found:
        q.price(), q.year(), q.clock(), q.month_year()


def test_reading_is_linear_in_the_text(lines_run):
    said = "one two three four hundred and a couple thousand forty-two hundred 5 1,250 "
    lines_run(lambda: find_quantities(said))
    small, large = lines_run(lambda: find_quantities(said * 40)), lines_run(lambda: find_quantities(said * 400))
    assert large < 20 * small  # 10x the text: linear is ~10x the work, quadratic ~100x


def test_the_and_of_a_range_of_hundreds_splits_it():
    assert [v for _, v, _ in read("between six hundred and nine hundred")] == [(600,), (900,)]
    assert [v for _, v, _ in read("from two hundred and fifteen hundred")] == [(200,), (1500,)]
    assert [v for _, v, _ in read("two hundred and fifty thousand")] == [(250_000,)]
