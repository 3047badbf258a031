"""Organisations: a name ending in what the business is, or said after a cue; generic department
names and places stay clear."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.organizations import OrganizationRecognizer


@pytest.fixture(scope="module")
def recognizer() -> OrganizationRecognizer:
    return OrganizationRecognizer()


def found(recognizer: OrganizationRecognizer, text: str) -> list[str]:
    return [text[s:e] for s, e, _, _ in recognizer.matches(text)]


@pytest.mark.parametrize("text, name", [
    ("Thank you for calling Keystone Federal Credit Union, this is Will.", "Keystone Federal Credit Union"),
    ("The contractor from Riverbend Plumbing hit the gas line.", "Riverbend Plumbing"),
    ("Her pediatrician is at Little Sprouts Pediatrics.", "Little Sprouts Pediatrics"),
    ("We're a small firm, Delgado and Partners, in El Paso.", "Delgado and Partners"),
    ("I'm a nurse at Mercy General, so I can do the injections.", "Mercy General"),
    ("It's under my business, Tidewater Marine Supply", "Tidewater Marine Supply"),
    ("I'm a paralegal at Brennan and Moss.", "Brennan and Moss"),
    ("Hi, thanks for calling Maple and Thread, how can I help?", "Maple and Thread"),
    ("a charge from a place called Copper Kettle that i never went to", "Copper Kettle"),
    ("Hi, this is Andrea calling from Humana.", "Humana"),
    ("I switched over from Bank of America last year.", "Bank of America"),
    ("My insurance is through Kaiser Permanente.", "Kaiser Permanente"),
    ("I bank with Chase, and my card was declined.", "Chase"),
    ("I paid with PayPal last week.", "PayPal"),
    ("I'm on the Verizon plan, the unlimited one.", "Verizon"),
    ("the refund to your Wells Fargo account ending in 3380", "Wells Fargo"),
])
def test_an_organisation_is_found_by_its_head_noun_or_its_cue(recognizer, text, name):
    assert name in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "Can I talk to Customer Service please?",
    "I need to talk to Member Services.",
    "The Attorney General sent a letter.",
    "I'm calling from Dayton, the one in Ohio.",
    "Press 3 if you are calling from another office about a patient.",
    "I got a letter from Sarah Connors about it.",
    "We called the bank and the partner airline.",
    "The public utility commission said no.",
    "The Mental Health Center called.",
    "My Insurance plan covers it.",
])
def test_departments_places_and_people_are_not_organisations(recognizer, text):
    assert found(recognizer, text) == []


@pytest.mark.parametrize("text, name", [
    ("Can I pay the two hundred forty on the Amex ending 1009?", "Amex"),
    ("Discover number is 6011 6284 0059 7318, expiration 0 3 / 2 9.", "Discover"),
    ("It's a Visa debit, 4916 7330 2185 4477.", "Visa"),
    ("American Express, 3461 552908 37165, the code is 4 4 0 9.", "American Express"),
    ("it's a mastercard 2221 0034 5567 8121", "mastercard"),
])
def test_a_card_network_is_an_organisation_where_a_card_is_talked_about(recognizer, text, name):
    assert found(recognizer, text) == [name]


@pytest.mark.parametrize("text", [
    "Do I need a transit visa for London?",
    "For the visa letter, my passport is E 7 7 0 4 1 9 2.",
    "Did you discover the leak yesterday?",
    "Visa requirements changed last year.",
])
def test_the_words_visa_and_discover_alone_are_not_organisations(recognizer, text):
    assert found(recognizer, text) == []


@pytest.mark.parametrize("text, name", [
    ("I booked through Expedia, so do I have to call them?", "Expedia"),
    ("I donate every eight weeks through Vitalant.", "Vitalant"),
    ("Do you guys do the background check through Sterling or someone else?", "Sterling"),
    ("The ACH from Gusto for payroll bounced.", "Gusto"),
    ("It's about 1099 income from DoorDash that I didn't report.", "DoorDash"),
    ("we bank with you and with Wells Fargo.", "Wells Fargo"),
    ("The Zelle payment to Priya went through.", "Zelle"),
    ("It's the GoodRx price, I have the coupon.", "GoodRx"),
    ("We can transfer it from the Walgreens on Fulton Street.", "Walgreens"),
    ("The police report number is 25-118403, from Aurora PD.", "Aurora PD"),
])
def test_an_organisation_is_found_after_through_a_payment_word_or_before_its_branch(recognizer, text, name):
    assert name in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "Okay I have you on flight 2218, connecting through Seattle.",
    "We drove all the way through Denver.",
    "The SIM card number, the ICCID, is 8901.",
    "Her ER bill was forty-two hundred.",
    "We have tax prep appointments open at the Midtown office.",
    "Curbside pickup is available at the Tukwila store.",
    "Do you have this in stock at the Paramus location?",
    "The HOA meeting is on the 9th at 7 p.m.",
    "The Christmas money is gone.",
    "That runs through Friday.",
])
def test_places_moving_things_and_acronyms_of_things_are_not_organisations(recognizer, text):
    assert found(recognizer, text) == []


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for start, end, _, _ in OrganizationRecognizer().matches(text):
        assert 0 <= start <= end <= len(text)


@given(st.lists(st.sampled_from(["the", "Visa", "Amex", "ending", "through", "Sterling", "on", "Main", "SIM", "card",
                                 "went", "1", "payment", "Walgreens", ",", "my", "account"]), max_size=40).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_never_raises_on_cue_words_and_returns_spans_inside_the_text(text):
    for start, end, _, _ in OrganizationRecognizer().matches(text):
        assert 0 <= start < end <= len(text)


@pytest.mark.parametrize("text, name", [
    ("The quote from Harborline Glass came in way too high.", "Harborline Glass"),
    ("We booked two nights at Hotel Solenne near the beach.", "Hotel Solenne"),
    ("Can I just send it over PayPal instead?", "PayPal"),
    ("The shop got acquired by Brightwater last spring.", "Brightwater"),
    ("I used to work with Best Foot Orthotics downtown.", "Best Foot Orthotics"),  # a generic first word, mid-sentence
    ("My son goes to Larkspur Elementary on the east side.", "Larkspur Elementary"),
])  # fmt: skip
def test_business_shapes_payment_services_and_acquirers_are_organisations(recognizer, text, name):
    assert name in found(recognizer, text)


@pytest.mark.parametrize("text", [
    "Hi, this is Marco from Level 3, I'll be handling your escalation.",  # a numbered rank
    "Hi, I'm calling from Suite 12 about the noise.",
])  # fmt: skip
def test_a_numbered_rank_or_room_is_not_an_organisation(recognizer, text):
    assert found(recognizer, text) == []
