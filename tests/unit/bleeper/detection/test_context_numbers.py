"""Numbers and ids typed by the phrase that announced them (context_numbers.py, number_kinds.py,
numbers.py): every way Whisper writes an id keeps its letters hidden, each kind goes to
AssemblyAI's policy, and numbers that are no one's stay visible."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.context_numbers import ContextNumberRecognizer
from bleeper.detection.recognizers.numbers import find_runs

RECOGNIZER = ContextNumberRecognizer()


def found(text: str) -> list[tuple[str, str]]:
    return [(r.entity_type, text[r.start:r.end])
            for r in sorted(RECOGNIZER.analyze(text, RECOGNIZER.supported_entities), key=lambda r: r.start)]


@pytest.mark.parametrize("text,value", [
    ("My member ID is XJ4-88213.", "XJ4-88213"),  # one written token, letters first
    ("The policy is W268-441-093-KP.", "W268-441-093-KP"),  # letters at both ends
    ("My member ID is X J 4 8 8 2 1 3.", "X J 4 8 8 2 1 3"),  # letter by letter
    ("Member number, it's B as in boy, Q as in queen, 7 7 4 1 9.", "B as in boy, Q as in queen, 7 7 4 1 9"),
    ("My customer number is seven quebec romeo two bravo four.", "seven quebec romeo two bravo four"),
    ("My Medicaid ID is 4 4 7 1 9 2 0 6 3 B.", "4 4 7 1 9 2 0 6 3 B"),  # a letter at the end stays in
    ("I have the new passport, it's A 3 1 4 0 9 7 5 2.", "A 3 1 4 0 9 7 5 2"),  # "A" as a letter
    ("The tracking number is 1Z 999 AA1 01 2345 6784.", "1Z 999 AA1 01 2345 6784"),
    ("The booking reference is K7Q-R2B.", "K7Q-R2B"),
    ("My member ID is x j 4 8 8 2 1 3.", "x j 4 8 8 2 1 3"),  # Whisper wrote the letters in lower case
    ("License plate is 7 A B C 1 2 3.", "7 A B C 1 2 3"),  # "A" after a digit of the plate
    ("The PNR is Q R 7 T 2 K.", "Q R 7 T 2 K"),
    ("It's ZX dash 44 dash 918.", "ZX dash 44 dash 918"),  # unannounced: still hidden
])  # fmt: skip
def test_an_id_is_hidden_whole_with_its_letters(text, value):
    assert value in [v for _, v in found(text)]


@pytest.mark.parametrize("text,entity", [
    ("My member number is XJ4-88213.", "ACCOUNT_NUMBER"),
    ("My member ID is XJ4-88213.", "HEALTHCARE_NUMBER"),  # a bare member ID: the plan card's term
    ("The club member ID on my gym tag is G Y 4 4 0 2 7 1.", "ACCOUNT_NUMBER"),  # a club's
    ("Subscriber number, it's on the back of the card, M Q 7 7 1 0 2 9 4.", "HEALTHCARE_NUMBER"),
    ("The mortgage loan number is H L 5 5 0 1 9 2 7.", "ACCOUNT_NUMBER"),  # a loan is an account
    ("My wireless plan ID is 4 4 1 0 2 8 8 3.", "ACCOUNT_NUMBER"),  # no health plan
    ("The health care ID, um, Q 4 4 0 1 7 7 3 2.", "HEALTHCARE_NUMBER"),
    ("I bank at a credit union, member number 7 1 1 0 4 2 9 9.", "ACCOUNT_NUMBER"),  # not a credit card
    ("Their tax ID is three one, two two oh four, seven seven one.", "NUMBER_SEQUENCE"),
    ("Her passport number ends in 7 7 3 0.", "US_PASSPORT"),  # `ends in` finishes the phrase before
    ("Send it to the number ending in 4 4 9 1.", "PHONE_NUMBER"),
    ("It's the Vermont license, six one one oh four four two nine.", "US_DRIVER_LICENSE"),  # not a ZIP
    ("He lives in Boise, Idaho, eight three seven oh two.", "LOCATION"),
    ("Ship to PO Box 8812, Laramie, eight two oh seven oh.", "LOCATION"),
    ("The four digits on the back are 5 5 1 9.", "CREDIT_CARD_CVV"),
    ("Visa ending 4471, and the three on the back are 2 0 6.", "CREDIT_CARD_CVV"),
    ("The storage unit, the code is seven oh seven one.", "PASSWORD"),  # no card in sight: an access code
    ("Your locker at the gym, the code is star, nine nine two oh.", "PASSWORD"),
    ("For the webinar the code is four four one nine.", "NUMBER_SEQUENCE"),
    ("The account number is 8 8 0 1 4 4 7 2 9 1, it's printed on my electric bill.", "ACCOUNT_NUMBER"),
    ("Put it on the Visa, expires oh six of thirty, and the back is four one two.", "CREDIT_CARD_CVV"),
    ("Amex ending 1 0 0 5, exp May thirty, CID 7 7 2 1.", "CREDIT_CARD_CVV"),  # CID is a word, not letters
    ("Season pass holder account is 4 4 0 2, 7 1 9 3.", "ACCOUNT_NUMBER"),  # no bank's
    ("It's the Vermont license, six one one oh four four two nine.", "US_DRIVER_LICENSE"),
    ("My frequent flyer number is SK 6 6 1 9 0 4 2 7.", "ACCOUNT_NUMBER"),
    ("My rewards account is R W 4 4 0 1 9 2 7.", "ACCOUNT_NUMBER"),
    ("Customer number is double seven, three, four, oh, oh, eight, two.", "ACCOUNT_NUMBER"),
    ("The account number on the bill is 3-0-0-1-7-7-4-2-1-9.", "ACCOUNT_NUMBER"),  # not a bank's
    ("My account number with you guys is 4471 0923 88.", "ACCOUNT_NUMBER"),
    ("The savings account number is 3 8 1 1 9 0 4 4 7 2.", "US_BANK_NUMBER"),
    ("For the direct deposit, use account 2323739063.", "US_BANK_NUMBER"),
    ("The routing number for the account is 0 7 1 0 0 0 5 0 5.", "US_BANK_NUMBER"),
    ("Your member ID on the insurance card is XJK 4 0 9 1 1 7 2 6.", "HEALTHCARE_NUMBER"),
    ("The health plan ID, it's H as in Henry, 4, 4, 0, 2, 9, 9, 1, 7.", "HEALTHCARE_NUMBER"),
    ("My order number is W 4 4 8 1 0 9 2 7 3.", "NUMBER_SEQUENCE"),
    ("Your claim number is 2 0 2 5 dash 0 0 4 1 7 7.", "NUMBER_SEQUENCE"),
    ("The gift card number is 6 0 4 2 2 1 9 0 0 7 3 1 8 8 2 5.", "NUMBER_SEQUENCE"),
    ("My matrícula consular number is 0 9 4 4 7 1 2 6 6.", "NUMBER_SEQUENCE"),  # any other "number"
    ("The PIN is 4 4 1 8.", "PASSWORD"),
    ("The code to the gate is 1 9 9 2.", "PASSWORD"),  # an access code
    ("Your reservation code is Y T K 4 4 Q.", "NUMBER_SEQUENCE"),  # "code" is the reservation's
    ("My card number is 4532 0151 1283 0366 and the code is 317.", "CREDIT_CARD_CVV"),
    ("My PIN for the card is 4418.", "PASSWORD"),  # "for the card" says where, not what
    ("The driver's license on the claim is 0 0 4 4 7 1 2 9 8.", "US_DRIVER_LICENSE"),
    ("I have my passport with me if you need ID, it's 5 6 7 1 2 0 4 9 8.", "US_PASSPORT"),
    ("Social on file ends in 9 0 0 4, can you confirm that?", "US_SSN"),  # "ends in" yields
    ("Okay, the card ends in 4 4 1 8.", "CREDIT_CARD"),
    ("Okay, the card ending in 2019 was declined.", "CREDIT_CARD"),  # digits that look like a year
    ("My phone while I'm abroad is plus 44 7700 900 812.", "PHONE_NUMBER"),
    ("The pharmacy you have on file, their number is 919 684 3027.", "PHONE_NUMBER"),
    ("the number on the account is 61026 51714", "PHONE_NUMBER"),
    ("The Rx number is 4 4 1 9 0 2 7.", "HEALTHCARE_NUMBER"),
    ("My tag is 7ABC123.", "VEHICLE_ID"),
    ("The zip is one nine one oh three.", "LOCATION"),
    ("My address is 6 1 2 0 North Saguaro Drive, Tucson, eight five seven one eight.", "LOCATION"),
    ("It's 4 4 1 8 9 Elm Street.", "LOCATION"),  # a house number, read digit by digit
    ("IBAN is G B 8 2 W E S T 1 2 3 4 5 6 9 8 7 6 5 4 3 2.", "US_BANK_NUMBER"),  # a bank id with letters
    ("The last four of my social for the store card application are 9 0 1 4.", "US_SSN"),  # "for the store card"
    ("Last four are 6 0 3 8.", "US_SSN"),  # a bare `last four` is an identity check's
    ("The last four of the card are 4 4 1 8.", "CREDIT_CARD"),
    ("Okay, the card ends in 4 4 1 8.", "CREDIT_CARD"),
])  # fmt: skip
def test_the_announcing_phrase_decides_the_policy(text, entity):
    kinds = [e for e, _ in found(text)]
    assert kinds and kinds[-1] == entity  # the value is said last


@pytest.mark.parametrize("text,values", [
    ("My PIN number is one two, no, sorry, one three five seven.",
     [("PASSWORD", "one two"), ("PASSWORD", "one three five seven")]),
    ("It's (412) 883-0917. Sorry, no, it's 0-9-7-1 at the end.",
     [("PHONE_NUMBER", "(412) 883-0917"), ("PHONE_NUMBER", "0-9-7-1")]),
    ("My number is 4-1-5, no wait, 5-1-5, 2-2-9, 0-4-6-8.",
     [("PHONE_NUMBER", "4-1-5"), ("PHONE_NUMBER", "5-1-5, 2-2-9, 0-4-6-8")]),
    # a generic phrase (`new number`) called the corrected part a number sequence
    ("My new number is five oh nine, five five five, zero one two seven, no wait, zero one seven two.",
     [("PHONE_NUMBER", "five oh nine, five five five, zero one two seven"), ("PHONE_NUMBER", "zero one seven two")]),
])  # fmt: skip
def test_a_self_correction_keeps_the_type_of_the_value_it_corrects(text, values):
    assert found(text) == values


@pytest.mark.parametrize("text,expiry", [
    ("The expiration date is twelve twenty-seven.", "twelve twenty-seven"),
    ("Expires oh three thirty.", "oh three thirty"),
    ("The expiration date on the card? 09 27.", "09 27"),
])  # fmt: skip
def test_a_month_and_year_after_an_expiry_phrase_is_the_expiry(text, expiry):
    assert ("CREDIT_CARD_EXPIRATION", expiry) in found(text)


@pytest.mark.parametrize("text,value", [
    ("Sure, it's K as in kilo, 7, Q, R, 2, B.", "K as in kilo, 7, Q, R, 2, B"),
    ("It's INC0048812.", "INC0048812"),
    ("That's 4 8 2 9 1.", "4 8 2 9 1"),
    ("Write down 48291 please.", "48291"),
])  # fmt: skip
def test_an_unannounced_id_or_long_number_is_still_hidden(text, value):
    assert ("NUMBER_SEQUENCE", value) in found(text)


@pytest.mark.parametrize("text", [
    "Press 2 for billing, or stay on the line.",
    "We're on version 4.2 of the app.",
    "It takes 3 to 5 business days to arrive.",
    "I'm in room 412 at the hotel.",
    "My flight number is 1172 and my seat is 22A.",
    "Seat 22A is a window, 22B is the middle.",
    "The thermostat is set to 68 and I walked eleven thousand steps.",
    "Error 404 keeps coming up.",
    "I bought a two-pack of AA batteries for the 5G router, model X200.",
    "It was 2019 when I moved, around 20,000 miles ago.",
    "I need a quote for 5000 square feet.",
    "Okay so one, two, three, four, five, is that enough bars?",
    "Option 3, then option 1. I've been a customer for 12 years.",
    "The total came to $1,250 and I paid 400 dollars up front.",
    "I take vitamin D 3 and a B12 shot.",
    "Call me at 5 p m tomorrow, I need a 2 x 4 for the 5 k run.",
    "It's version 2.3, uh, 2.3.1 I think, of the app.",
    "Reservation is under Sebastián Quiroga, Q-U-I-R-O-G-A.",  # a spelled name: its O is a letter
    "The account holder is Faith Obi, O B I.",
    "My order of 250 units came, and the rewards account has 12,000 points.",
    "The number of people is 250, and my order total was 123.45.",
    "My policy renews in 2026, and I've been with the credit union since 2009.",  # years: dates.py's
    "We've banked here since, like, twenty fourteen, and moved in back in March 2022.",  # spoken years too
    "The room rate was one forty-nine each night, and the cab was twenty a night.",  # prices: money.py's
    "The renewal fee went on my card, it came to fifty-nine ninety-five.",  # a price said in pairs
    "Can we do the phone call at ten forty-five?",  # a time said in pairs
])  # fmt: skip
def test_numbers_about_no_one_stay_visible(text):
    assert found(text) == []


def test_a_letter_after_a_full_stop_is_a_word_not_part_of_the_number():
    runs = find_runs("The code is 4418. Mike, can you read it back?")
    assert [(r.digits, r.alnum) for r in runs] == [("4418", False)]


CALL_WORDS = st.sampled_from([
    "my", "member", "ID", "is", "account", "number", "policy", "PIN", "the", "card", "ends", "in", "on", "for",
    "as", "in", "kilo", "B", "A", "I", "X", "dash", "oh", "double", "twenty-nine", "expires", "of", "plus", "zip",
    "XJ4-88213", "1Z", "22A", "4.2", "20,000", "$", "dollars", "uh", ",", ".", "?", "-", "#",
])
TEXTS = st.one_of(st.lists(st.one_of(CALL_WORDS, st.integers(0, 10**9).map(str)), max_size=40).map(" ".join),
                  st.text(max_size=200))


@given(TEXTS)
@settings(max_examples=400, deadline=None)
def test_never_raises_and_every_span_lies_in_the_text(text):
    for r in RECOGNIZER.analyze(text, RECOGNIZER.supported_entities):
        assert 0 <= r.start < r.end <= len(text)
    for run in find_runs(text):
        assert 0 <= run.start < run.end <= len(text)


def test_work_grows_linearly_with_the_text(lines_run):
    said = ("My member ID is X J 4 8 8 2 1 3, the card ends in 4 4 1 8, expires oh two of twenty-nine, "
            "and my number is 6 1 0, uh, 2 6 5, 1 7 1 4. Press 2 for billing. ")

    def work(times: int) -> int:
        return lines_run(lambda: RECOGNIZER.analyze(said * times, RECOGNIZER.supported_entities))

    small, large = work(10), work(80)
    assert large < 16 * small  # 8x the text: linear is ~8x the work, quadratic ~64x


def test_the_name_of_a_number_between_two_ends_them():
    text = "The beneficiary is Harborview Title, account 3 3 0 1 9 9 2 7 5 0, ABA 1 2 2 0 0 0 6 6 1."
    assert found(text) == [("US_BANK_NUMBER", "3 3 0 1 9 9 2 7 5 0"), ("US_BANK_NUMBER", "1 2 2 0 0 0 6 6 1")]


def test_a_value_begun_and_said_again_whole_is_hidden_both_times():
    text = "The code on the back is kinda rubbed off, I think it's two eight, something, two eight four maybe."
    assert [v for _, v in found(text)] == ["two eight", "two eight four"]
    assert found("I have 12 kids and 123 problems.") == []
