"""spaCy sm's organisation guesses retyped by their shape: acronyms of things dropped, streets
made places, double-barrelled names made persons; cued acronyms and brand names kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from presidio_analyzer import RecognizerResult

from bleeper.detection.recognizers.spacy_filtered import _organisation


def guess(text: str, span: str) -> RecognizerResult:
    start = text.index(span)
    return RecognizerResult("ORGANIZATION", start, start + len(span), 0.85)


@pytest.mark.parametrize("text, span", [
    ("It's under the SIM tray.", "SIM"),
    ("Your marital status on the W-4 is separate.", "W-4"),
    ("My ITIN is 9 1 2 - 7 3 - 4 4 0 1.", "ITIN"),
    ("The HSA contribution limit is eighty-three hundred.", "HSA"),
    ("I'm telling you this HOA is out of control.", "HOA"),
    ("The bank account is 3301, ABA 1 2 2 0 0 0 6 6 1.", "ABA"),
    ("The return code is R01.", "R01"),
    ("That's standard on the Essentials tier.", "Essentials"),
])
def test_an_acronym_of_a_thing_or_a_rank_is_no_organisation(text, span):
    assert _organisation(text, guess(text, span)) is None


@pytest.mark.parametrize("text, span", [
    ("I got a letter from the IRS, a CP2000.", "IRS"),
    ("Our flood coverage is through the NFIP.", "NFIP"),
    ("I'm calling from Comcast.", "Comcast"),
    ("I'm calling from AT&T about my bill.", "AT&T"),
    ("A blood clot on my flight, DVT, so I need an aisle seat.", "DVT"),  # bare: kept, it covers PII
    ("Yeah it's me, Bill Kessler, K-E-S-S-L-E-R.", "K-E-S-S-L-E-R"),
])
def test_a_cued_or_bare_acronym_and_a_brand_stay_organisations(text, span):
    r = _organisation(text, guess(text, span))
    assert r is not None and r.entity_type == "ORGANIZATION"


@pytest.mark.parametrize("text, span, entity", [
    ("The branch on Delmar Boulevard closes at 4.", "Delmar Boulevard", "LOCATION"),
    ("I'm calling about the two-bedroom on Magnolia Terrace.", "Magnolia Terrace", "LOCATION"),
    ("Sure, it's Abernathy-Quon, A-B-E-R-N-A-T-H-Y.", "Abernathy-Quon", "PERSON"),
    ("It's Nguyen-Baptiste, with a hyphen.", "Nguyen-Baptiste", "PERSON"),
    ("Thanks for calling Ridgeline Auto Care.", "Ridgeline Auto Care", "ORGANIZATION"),
])
def test_a_street_is_a_place_and_a_double_barrelled_name_a_person(text, span, entity):
    assert _organisation(text, guess(text, span)).entity_type == entity


@given(st.text(max_size=200), st.data())
@settings(max_examples=300, deadline=None)
def test_never_raises_and_keeps_the_span(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    r = _organisation(text, RecognizerResult("ORGANIZATION", start, end, 0.85))
    assert r is None or (r.start, r.end) == (start, end)


def test_an_organisation_that_names_an_id_is_no_organisation():
    text = "Do you need my Railroad Retirement number for that?"
    assert _organisation(text, guess(text, "Railroad Retirement")) is None


@pytest.mark.parametrize("text, span", [("We moved Grandpa into the new place.", "Grandpa"),
                                        ("I asked Mama already.", "Mama")])
def test_a_kin_word_said_as_a_name_is_no_person(text, span):
    from bleeper.detection.recognizers.spacy_filtered import _plausible

    r = guess(text, span)
    r.entity_type = "PERSON"
    assert not _plausible(text, r)
