"""money.py: amounts with a currency, said or written, and amounts a money word announces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.money import MoneyRecognizer


@pytest.fixture(scope="module")
def recognizer() -> MoneyRecognizer:
    return MoneyRecognizer()


def found(recognizer: MoneyRecognizer, text: str) -> list[str]:
    return [text[r.start:r.end] for r in recognizer.analyze(text, ["MONEY_AMOUNT"])]


@pytest.mark.parametrize("text, amount", [
    ("I was charged $5,841 twice.", "$5,841"),
    ("It's 19.99 plus tax.", "19.99"),
    ("It cost me $2.5 million.", "$2.5 million"),
    ("a $5k deposit", "$5k"),
    ("My bill went up to forty dollars this month.", "forty dollars"),
    ("They quoted me thirty-nine dollars and fifteen cents for the repair.", "thirty-nine dollars and fifteen cents"),
    ("It was a hundred and five bucks.", "a hundred and five bucks"),
    ("we're looking at maybe twelve grand", "maybe twelve grand"),  # the hedge is said of the sum
    ("They charged me a hundred fifty euros for the bag.", "a hundred fifty euros"),
    ("They sent two thousand US dollars.", "two thousand US dollars"),
    ("there was a charge for sixty-something dollars", "sixty-something dollars"),
    ("I'd say fifty-ish dollars.", "fifty-ish dollars"),
    ("A couple hundred dollars is what they said.", "A couple hundred dollars"),
    ("Can you waive the thirty-five dollar fee?", "thirty-five dollar"),
    ("it cost me twenty pounds in London", "twenty pounds"),
    ("I owe them a couple grand.", "a couple grand"),
    ("It was a dollar fifty.", "a dollar fifty"),
])
def test_an_amount_with_a_currency_is_money(recognizer, text, amount):
    assert amount in found(recognizer, text)


@pytest.mark.parametrize("text, amount", [
    ("I was charged forty nine ninety nine twice.", "forty nine ninety nine"),
    ("My annual income is eighty-one thousand five hundred.", "eighty-one thousand five hundred"),
    ("The gas bill jumped to two eighty-five in January.", "two eighty-five"),
    ("I'm waiting for a refund of eighty-six fifty.", "eighty-six fifty"),
    ("The repair quote came to about thirty-two hundred.", "about thirty-two hundred"),
    ("That'll be forty-two fifty.", "forty-two fifty"),
    ("We spent about 2,300 on the trip.", "about 2,300"),
    # the money word after the amount
    ("Forty-two hundred for the sectional is more than I wanted to spend.", "Forty-two hundred"),
    ("They want fifteen hundred upfront.", "fifteen hundred"),
    # priced per unit, or with change
    ("The baskets were thirty-four ninety-nine each.", "thirty-four ninety-nine"),
    ("The room was two hundred a night.", "two hundred"),
    # hundreds counted past ten are money ("forty-two hundred"), said with no money word
    ("My paycheck is about twenty-two hundred every two weeks.", "about twenty-two hundred"),
    ("I've got about three K saved up.", "about three K"),
    ("I think it was like seventeen hundred and some change.", "like seventeen hundred and some change"),
    ("My gross was twenty-one fifty but I only got like fourteen hundred net.", "like fourteen hundred"),
    ("The Zelle payment to Priya for four hundred went through at noon.", "four hundred"),
    ("Can I get a cashier's check for twenty-three hundred fifty payable to the landlord?",
     "twenty-three hundred fifty"),
    ("My bonus was supposed to be 2,500 this year.", "2,500"),
    # read as a shelf price
    ("The new phone is nine ninety-nine, or monthly.", "nine ninety-nine"),
    ("That's the charm bracelet, it's twenty-nine ninety-five.", "twenty-nine ninety-five"),
    ("I made about eighty-four thousand at my main job.", "about eighty-four thousand"),
    ("The jacket was a hundred and forty-nine ninety-nine last week.", "a hundred and forty-nine ninety-nine"),
    ("Now it's on sale for eighty.", "eighty"),
    ("He paid it in three installments of eighty-two fifty.", "eighty-two fifty"),
    ("I want the full two forty-five refunded, please.", "two forty-five"),
    # hedges and what is said after the sum belong to it
    ("The plumber charged me like nineteen hundred and something.", "like nineteen hundred and something"),
    ("My rent's like fourteen fifty, give or take.", "like fourteen fifty, give or take"),
    ("I paid eleven hundred even for the couch.", "eleven hundred even"),
    ("The invoice came to three thousand two ninety.", "three thousand two ninety"),  # hundreds said like a price
    ("The blender was two seventy-nine ninety-nine on the receipt, I paid it.", "two seventy-nine ninety-nine"),
    ("The bill came to four hundred ninety-nine, ninety-five.", "four hundred ninety-nine, ninety-five"),
])
def test_an_amount_a_money_word_announces_is_money_without_a_currency(recognizer, text, amount):
    assert amount in found(recognizer, text)


@pytest.mark.parametrize("text, amounts", [
    ("The premium went from a hundred twelve to a hundred sixty-four dollars.",
     ["a hundred twelve to a hundred sixty-four dollars"]),  # one span: the gap between them too
    ("We're talking two, maybe three thousand dollars.", ["two, maybe three thousand dollars"]),
    ("My limit went from five grand to eleven thousand two hundred.", ["five grand", "eleven thousand two hundred"]),
    ("The movers charge like three, four hundred a day.", ["like three, four hundred"]),
    ("A balance of one thousand, three hundred and nine dollars.", ["one thousand, three hundred and nine dollars"]),
])
def test_both_ends_of_a_range_are_money_when_the_last_names_the_currency(recognizer, text, amounts):
    assert found(recognizer, text) == amounts


@pytest.mark.parametrize("text", [
    "Okay, that's four hundred transactions a month before any fees kick in.",  # a count of things
    "My watch says I did like eleven thousand steps.",
    "I paid the bill with the card ending in 4417.",  # an identifier after a money word
    "I paid it off in twenty nineteen.",  # a year
    "I lost twenty pounds since the surgery.",  # weight
    "I made twelve payments on time.",
    "It's 50 percent cotton.",
    "Press 2 for billing.",
    "It'll be 12 more days before it ships.",
    "We have a grand total of three complaints.",
    "The thermostat is set to 68.",
    "Room 204, please.",
    "My account number is 5512.",
    "It was built in nineteen hundred.",
    "It's fifteen hundred miles from here.",
])
def test_a_number_that_counts_or_names_something_else_is_not_money(recognizer, text):
    assert found(recognizer, text) == []


TOKENS = st.sampled_from(["$", "€", "dollars", "bucks", "grand", "cents", "and", "a", "couple", "hundred", "thousand",
                          "forty", "nine", "ninety", "-", "ish", "charged", "paid", "each", "to", "or", "pounds",
                          "5", "1,250.00", "2.5k", ".", ","])
TEXT = st.lists(st.one_of(TOKENS, st.text(max_size=4)), max_size=40).map(" ".join)


@given(st.one_of(TEXT, st.text(max_size=200)))
@settings(max_examples=300, deadline=None)
def test_money_never_raises_and_stays_inside_the_text(text):
    spans = MoneyRecognizer().analyze(text, ["MONEY_AMOUNT"])
    assert all(0 <= r.start < r.end <= len(text) for r in spans)


@pytest.mark.parametrize("text, amount", [
    # another amount said after one in the sentence
    ("Lunch was fourteen dollars and the dinner was like sixty.", "like sixty"),
    # things bought for a sum, a flat rate, a bounced draft, dollars and cents past a hundred
    ("I got ten classes for, uh, three forty.", "three forty"),
    ("The delivery is a flat twenty-five.", "twenty-five"),
    ("My check for sixty-two thirty bounced.", "sixty-two thirty"),
    ("There's a charge of a hundred and sixty twenty I don't know.", "a hundred and sixty twenty"),
    ("Tickets were going for two, three hundred a seat.", "two, three hundred"),
])
def test_an_amount_a_frame_makes_a_price_is_found(recognizer, text, amount):
    assert amount in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "For the quote, I'm fifty-three, and I don't smoke.",  # an age where money is talked about
    "The wage is eighteen an hour, and overtime after forty.",  # hours
    "I paid ninety dollars and waited like forty minutes.",
    "She stayed two weeks for thirty.",
    "My credit score went from six-twenty to six-eighty.",  # a score, not a credit
    "The copay is gone once you hit the deductible, then it's seventy-thirty.",  # a split
    "I paid sixty bucks and it's been like twenty years.",
])
def test_a_frame_leaves_other_numbers_alone(recognizer, text):
    spans = found(recognizer, text)
    assert not any(w in s for s in spans for w in ("fifty-three", "forty", "thirty", "twenty", "eighty", "seventy"))


@pytest.mark.parametrize("text, amount", [
    ("The warehouse job pays, like, high thirties.", "high thirties"),
    ("They're offering somewhere in the low fifties for the role.", "low fifties"),
])
def test_a_pay_said_by_its_decade_is_money(recognizer, text, amount):
    assert any(amount in s for s in found(recognizer, text))  # with the hedge before it


@pytest.mark.parametrize("text", [
    "She's in her late thirties and makes good money.",
    "I made it to my mid-fifties without surgery.",
])
def test_a_decade_of_life_near_a_pay_word_is_no_money(recognizer, text):
    assert found(recognizer, text) == []
