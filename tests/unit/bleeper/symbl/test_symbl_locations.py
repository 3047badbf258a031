"""A detected location told apart as Symbl's finer kinds of place."""

from __future__ import annotations

import pytest

from bleeper.symbl.locations import kind


@pytest.mark.parametrize(("text", "value", "expected"), [
    ("I live at 2453 Spruce Place, Apt 38B.", "2453 Spruce Place, Apt 38B", "LOCATION_ADDRESS"),
    ("it's six oh nine east grace street", "six oh nine east grace street", "LOCATION_ADDRESS"),
    ("send it to P.O. box 12", "P.O. box 12", "LOCATION_ADDRESS"),
    ("he's in unit 3", "unit 3", "LOCATION_ADDRESS"),
    ("at 6 1 2 0 North Saguaro", "6 1 2 0", "LOCATION_ADDRESS"),
    ("I moved to Hope, Arkansas 71801", "Arkansas 71801", "LOCATION_ADDRESS"),
    ("Austin, TX 78701", "TX 78701", "LOCATION_ADDRESS"),
    ("she lives in Austin, New Mexico", "Austin, New Mexico", "LOCATION_ADDRESS"),
    ("it broke on Maple Avenue", "Maple Avenue", "LOCATION_ADDRESS_STREET"),
    ("on Elm and 5th", "Elm and 5th", "LOCATION_ADDRESS_STREET"),
    ("take I-95 north", "I-95", "LOCATION_ADDRESS_STREET"),
    ("in Hope, Arkansas 71801", "Hope", "LOCATION_CITY"),
    ("moving to Austin TX soon", "Austin", "LOCATION_CITY"),
    ("back in Mexico City", "Mexico City", "LOCATION_CITY"),
    ("in Hope, Arkansas 71801", "Arkansas", "LOCATION_STATE"),
    ("she is in TX", "TX", "LOCATION_STATE"),
    ("up in Ontario", "Ontario", "LOCATION_STATE"),
    ("in Hope, Arkansas 71801", "71801", "LOCATION_ZIP"),
    ("zip is nine oh two one oh", "nine oh two one oh", "LOCATION_ZIP"),
    ("zip 94107-1234", "94107-1234", "LOCATION_ZIP"),
    ("we moved from Germany", "Germany", "LOCATION_COUNTRY"),
    ("she's in the UK", "the UK", "LOCATION_COUNTRY"),
    ("from Bosnia and Herzegovina", "Bosnia and Herzegovina", "LOCATION_COUNTRY"),
    ("near Springfield", "Springfield", "LOCATION"),
    ("by the Golden Gate Bridge", "Golden Gate Bridge", "LOCATION"),
])
def test_each_kind_of_place_gets_its_symbl_name(text, value, expected):
    start = text.index(value)
    assert kind(text, start, start + len(value)) == expected
