"""Which kind of place a detected `location` is, in Symbl's finer names.

The detector reports a place as one `location` (its recognizers are bleeper/detection's address
rules, spaCy's GPE/LOC/FAC and the learned tagger); this module reads the value and the words right
after it:

- LOCATION_ZIP: five or nine digits, written or said (`90210`, `nine oh two one oh`);
- LOCATION_ADDRESS: a street line with its house number, a unit, a PO box, a house or unit
  number on its own (address.py's and context_numbers.py's spans), or address parts detected as
  one span (`Arkansas 71801`, `Austin, TX`);
- LOCATION_ADDRESS_STREET: a street, an intersection or a highway named without a number;
- LOCATION_STATE: a US state or Canadian province, by name or postal abbreviation (pycountry's
  ISO 3166-2 subdivisions);
- LOCATION_COUNTRY: a country by name, official or common name, or three-letter code (pycountry's
  ISO 3166-1), and the usual spoken names (`America`, `the UK`, `England`);
- LOCATION_CITY: a place followed by a state (`Hope, Arkansas`, `Austin TX`), or named `… City`;
- LOCATION: anything else (a neighbourhood, a landmark, a city said on its own): bleeper does not
  guess, and excluding `LOCATION` shows every kind.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry

from bleeper.detection.recognizers.numbers import find_runs

_STREET_SUFFIX = (r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|circle|cir|place|pl|way|"
                  r"terrace|ter|parkway|pkwy|highway|hwy|trail|square|sq|loop|pike|alley")
_STREETISH = re.compile(rf"\b(?:{_STREET_SUFFIX})\b\.?|\b(?:I-\d+|interstate|route|exit|hwy|highway)\b"
                        r"|\b(?:and|&)\b", re.IGNORECASE)
_UNIT_OR_BOX = re.compile(r"\b(?:apt|apartment|suite|ste|unit|p\.? ?o\.? box|post office box)\b", re.IGNORECASE)
_STARTS_WITH_NUMBER = re.compile(
    r"^\s*(?:\d|(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred)\b)", re.IGNORECASE)
_CITY_WORD = re.compile(r"\bcity\b", re.IGNORECASE)
_SPOKEN_COUNTRIES = {"america", "the states", "the us", "the usa", "the uk", "uk", "usa", "u.s.", "u.s.a.",
                     "england", "scotland", "wales", "northern ireland", "britain", "great britain", "holland",
                     "south korea", "north korea", "russia", "iran", "vietnam", "laos", "syria", "bolivia",
                     "venezuela", "tanzania", "taiwan", "the netherlands", "the philippines", "czech republic"}


@cache
def _states() -> tuple[frozenset[str], frozenset[str]]:
    """(lower-case names, upper-case postal codes) of US states, DC and territories, and Canadian
    provinces and territories."""
    names, codes = set(), set()
    for country in ("US", "CA"):
        for sub in pycountry.subdivisions.get(country_code=country) or ():
            names.add(sub.name.lower())
            codes.add(sub.code.split("-", 1)[1])
    return frozenset(names), frozenset(codes)


@cache
def _countries() -> frozenset[str]:
    names = set(_SPOKEN_COUNTRIES)
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(value.lower())
                names.add(f"the {value.lower()}")
    return frozenset(names)


def is_state(value: str) -> bool:
    names, codes = _states()
    bare = value.strip().rstrip(".,")
    return bare.lower() in names or bare in codes


def is_country(value: str) -> bool:
    bare = value.strip().rstrip(".,")
    if bare.upper() == bare and len(bare) == 3 and pycountry.countries.get(alpha_3=bare):
        return True
    return bare.lower() in _countries()


_STATE_AFTER = re.compile(r"^,?\s+([A-Z]{2}\b|[A-Z][a-z]+(?: [A-Z][a-z]+)?)")


def _state_follows(text: str, end: int) -> bool:
    found = _STATE_AFTER.match(text[end:end + 40])
    if not found:
        return False
    words = found.group(1)
    return is_state(words) or is_state(words.split(" ")[0])


_DIGIT = re.compile(r"\d")


def _city_and_state(value: str) -> bool:
    head, _, tail = value.strip().rstrip(".").replace(",", " ").rpartition(" ")
    if not head.strip():
        return False
    if is_state(tail):
        return True
    head2, _, tail2 = head.strip().rpartition(" ")  # a state of two words: `Austin, New Mexico`
    return bool(head2.strip()) and is_state(f"{tail2} {tail}")


def _digits(value: str) -> str | None:
    """The digits of a value made only of a number, written or said; None otherwise."""
    runs = find_runs(value)
    covered = sum(r.end - r.start for r in runs)
    if runs and covered >= len(value.strip()) * 0.9 and all(r.digits.isdigit() for r in runs):
        return "".join(r.digits for r in runs)
    return None


def kind(text: str, start: int, end: int) -> str:
    """The Symbl name of the place at text[start:end]."""
    value = text[start:end]
    digits = _digits(value)
    if digits is not None:
        return "LOCATION_ZIP" if len(digits) in (5, 9) else "LOCATION_ADDRESS"
    if _UNIT_OR_BOX.search(value) or (_STARTS_WITH_NUMBER.match(value) and _STREETISH.search(value)):
        return "LOCATION_ADDRESS"
    if (_DIGIT.search(value) and not _STREETISH.search(value)) or _city_and_state(value):
        return "LOCATION_ADDRESS"  # parts merged into one span: `Arkansas 71801`, `Austin, TX`
    if is_state(value):
        return "LOCATION_STATE"
    if is_country(value):  # before streets: `Bosnia and Herzegovina` is no intersection
        return "LOCATION_COUNTRY"
    if _STREETISH.search(value):
        return "LOCATION_ADDRESS_STREET"
    if _state_follows(text, end) or _CITY_WORD.search(value):
        return "LOCATION_CITY"
    return "LOCATION"
