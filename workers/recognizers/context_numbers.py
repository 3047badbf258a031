"""Numbers named by what was said before them: `the security code is 317`, `my social? 1728`.

One recognizer for every kind of number, because the kinds compete for the same digits: the
context phrase nearest before a run decides what it is (`Expiration is 07/31, security code
518`: 518 is the CVV; on a tie the longer phrase wins: `account ending in` over `ending in`).
Announced, even a fragment counts (`my number is 4-1-5, no wait, 5-1-5…`). Unannounced, the
digits' shape decides (Luhn for cards, NANP for phones, SSN ranges), short runs next to a typed
number take its type (self-corrections, `area code 9 0 4 and then…`), and any other long run is
still redacted as a number sequence: fail closed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate

from presidio_analyzer import EntityRecognizer, RecognizerResult

from workers.recognizers.casing import lowered
from workers.recognizers.digits import luhn_ok
from workers.recognizers.numbers import Run, find_runs
from workers.recognizers.result import result

_STATES = (r"alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|"
           r"idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|"
           r"minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|"
           r"north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|"
           r"south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming")


@dataclass(frozen=True)
class Kind:
    entity: str
    context: str  # regex of phrases that announce this kind
    digits: tuple[int, int]  # accepted digit count right after the phrase (fragments included)
    alnum: bool = False  # letters allowed (ids)
    reach: int = 10  # how many words after the phrase it still applies


KINDS = (
    Kind("CREDIT_CARD_CVV", r"cvv|cvc|csc|cid|security code|(?:three|four|3|4)[- ]digit(?: code)?|"
         r"(?:three|four|3|4) digits on the (?:back|front)|code on the (?:back|front)|card verification|"
         r"verification code|(?:the |little |that )?code(?:'s| is)?", (2, 4), reach=6),
    Kind("CREDIT_CARD_EXPIRATION", r"expir\w*|exp|exp date|valid (?:thru|through)|good (?:thru|through)",
         (3, 6)),
    Kind("DATE_OF_BIRTH", r"born|birth|birthday|birth date|date of birth|dob|d o b", (4, 8)),
    Kind("CREDIT_CARD", r"card(?: number)?|credit|debit|visa|master ?card|amex|american express|discover|"
         r"the card is|new card", (3, 20)),
    Kind("CREDIT_CARD", r"(?:card )?ending in|ends in|last (?:four|4)(?: digits)?(?: of (?:the|your|my) card)?",
         (4, 4), reach=3),
    Kind("US_SSN", r"social(?: security)?(?: number)?|ssn|(?:last (?:four|4) of (?:your|my|the) )social", (3, 10)),
    # longer phrases first: an alternation takes the first that matches, not the longest
    Kind("US_BANK_NUMBER", r"(?:bank |checking |savings )?account (?:ending|ends) in|"
         r"(?:savings|checking) (?:one |account )?(?:ending|ends) in|account and routing|"
         r"(?:bank |checking |savings )?account(?: number)?|routing(?: number)?|aba|checking|savings|wire",
         (3, 17)),
    Kind("ACCOUNT_NUMBER", r"policy(?: number)?|customer (?:id|number)|member(?:ship)? (?:id|number)|"
         r"account id|customer account(?: number)?", (3, 20), alnum=True),
    Kind("HEALTHCARE_NUMBER", r"medicare(?: number| id)?|medicaid(?: number| id)?|(?:insurance|health plan)"
         r"(?: card)?(?: member)? (?:id|number)|member id on the insurance card|beneficiary (?:id|number)",
         (3, 20), alnum=True),
    Kind("US_DRIVER_LICENSE", r"driver'?s licen[cs]e(?: number)?|licen[cs]e(?: number)?|dl(?: number)?",
         (5, 15), alnum=True),
    Kind("US_PASSPORT", r"passport(?: number)?", (6, 10), alnum=True),
    Kind("VEHICLE_ID", r"vin|plate(?: number)?|license plate|tag number", (4, 17), alnum=True),
    Kind("LOCATION", rf"zip(?: code)?|postal code|{_STATES}", (5, 9), reach=6),
    Kind("PHONE_NUMBER", r"phone|cell|mobile|call(?:back)?(?: me)?(?: at)?|reach (?:me|you|him|her)(?: at)?|"
         r"telephone|contact number|work number|home number|text me(?: at)?|fax|area code|"
         r"(?:my|the|your) number", (3, 11)),
    Kind("NUMBER_SEQUENCE", r"confirmation|reference|case|claim|tracking|order|ticket|invoice|id number|"
         r"transaction|serial|\bid\b", (3, 20), alnum=True),
)
FRAGMENT_WORDS = 12  # a short run this close to a typed number is part of the same value
_WORDS = re.compile(r"[\w']+")
_NUMBERISH = re.compile(r"(?i)\d+|zero|oh|o|one|two|three|four|five|six|seven|eight|nine|double|triple|dash|slash")
_EXTENSION = re.compile(r"(?i),?\s*(?:extension|ext\.?|x)\s*")
_MONEY_AFTER = re.compile(r"(?i)\s*(?:dollars?|bucks|cents|percent|%)")


_FRAGMENT_KINDS = {"PHONE_NUMBER", "US_SSN", "CREDIT_CARD", "US_BANK_NUMBER", "ACCOUNT_NUMBER"}


def _nanp(digits: str) -> bool:
    d = digits[1:] if len(digits) == 11 and digits[0] == "1" else digits
    return len(d) == 10 and d[0] in "23456789" and d[3] in "23456789"


_DECIMAL = re.compile(r"\d\.\d")  # versions and decimals, not identifiers


def _counting(digits: str) -> bool:
    """1 2 3 4 5 or 5 4 3 2 1: someone counting."""
    steps = {int(b) - int(a) for a, b in zip(digits, digits[1:])}
    return steps in ({1}, {-1})


def _mmyy(digits: str) -> bool:
    month = int(digits[:-2])
    return 1 <= month <= 12


def _ssn(digits: str) -> bool:
    return len(digits) == 9 and digits[:3] not in {"000", "666"} and digits[0] != "9" and digits[3:5] != "00" \
        and digits[5:] != "0000"


# lower-case phrases, matched in lowered text (casing.py)
_CONTEXTS = [(k, re.compile(rf"\b(?:{k.context})\b")) for k in KINDS]
WINDOW = 160  # characters before a run searched for its phrase


class _Reading:
    """One text, indexed once: where each kind's phrases end and how many words lie between two
    points (every run asks both; scanning the text before each run again was most of the time)."""

    def __init__(self, text: str) -> None:
        low = lowered(text)
        self.phrases = [(kind, [(m.start(), m.end()) for m in rx.finditer(low)]) for kind, rx in _CONTEXTS]
        self.phrase_ends = [[end for _, end in found] for _, found in self.phrases]
        words = list(_WORDS.finditer(text))
        self.word_starts = [m.start() for m in words]
        self.word_ends = [m.end() for m in words]
        self.plain = list(accumulate((not _NUMBERISH.fullmatch(m.group()) for m in words), initial=0))

    def _span(self, start: int, end: int) -> tuple[int, int]:
        return bisect_left(self.word_starts, start), bisect_right(self.word_ends, end)

    def words(self, start: int, end: int) -> int:
        i, j = self._span(start, end)
        return max(0, j - i)

    def distance(self, start: int, end: int) -> int:
        """Words between a phrase and a run, not counting other numbers (self-corrections)."""
        i, j = self._span(start, end)
        return max(0, self.plain[j] - self.plain[i])

    def before(self, run_start: int) -> list[tuple[Kind, int, int]]:
        """(kind, phrase length, distance) of every phrase ending in the window before a run."""
        found = []
        for (kind, spans), ends in zip(self.phrases, self.phrase_ends):
            for k in range(bisect_left(ends, run_start - WINDOW), bisect_right(ends, run_start)):
                start, end = spans[k]
                if start >= run_start - WINDOW:
                    found.append((kind, end - start, self.distance(end, run_start)))
        return found


class ContextNumberRecognizer(EntityRecognizer):
    KINDS = KINDS

    def __init__(self) -> None:
        super().__init__(
            supported_entities=sorted({k.entity for k in KINDS}),
            name="ContextNumberRecognizer",
            supported_language="en",
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        runs = find_runs(text)
        reading = _Reading(text)
        typed: list[tuple[Run, str, float, str] | None] = [self._classify(text, reading, r) for r in runs]
        self._fragments(reading, runs, typed)
        self._extensions(text, runs, typed)
        return [
            result(self, entity, run.start, run.end, score, why)
            for item in typed if item is not None
            for run, entity, score, why in [item] if entity in entities
        ]

    def _classify(self, text: str, reading: _Reading, run: Run) -> tuple[Run, str, float, str] | None:
        if text[:run.start].rstrip().endswith("$") or _MONEY_AFTER.match(text, run.end):
            return None  # money: money.py
        n = run.digit_count
        phrases = reading.before(run.start)
        best: tuple[int, int, Kind] | None = None  # (distance, -phrase length, kind)
        for kind, length, distance in phrases:
            if not kind.digits[0] <= n <= kind.digits[1] or (run.alnum and not kind.alnum):
                continue
            if distance <= kind.reach and (best is None or (distance, -length) < best[:2]):
                best = (distance, -length, kind)
        if best is not None:
            distance, _, kind = best
            # "the expiration date on the card? 09 27": a month-year after an expiry phrase is the
            # expiry even when "card" is nearer
            if kind.entity == "CREDIT_CARD" and n in (3, 4) and _mmyy(run.digits):
                expiry = min((d for k, _, d in phrases if k.entity == "CREDIT_CARD_EXPIRATION"), default=None)
                if expiry is not None and expiry <= 8:
                    return run, "CREDIT_CARD_EXPIRATION", 0.9, "month and year after an expiry phrase"
            if kind.entity == "CREDIT_CARD" and 13 <= n <= 19 and luhn_ok(run.digits):
                return run, kind.entity, 1.0, "card context and Luhn"
            return run, kind.entity, round(0.95 - 0.02 * distance, 3), f"context {distance} words before"
        if run.alnum:
            return (run, "NUMBER_SEQUENCE", 0.5, "alphanumeric id") if n >= 4 and len(run.digits) >= 6 else None
        # no context: the shape of the digits
        if 13 <= n <= 19 and luhn_ok(run.digits):
            return run, "CREDIT_CARD", 0.9, "Luhn-valid digit run"
        if 15 <= n <= 16:
            return run, "CREDIT_CARD", 0.6, "card-length digit run (a digit may be lost)"
        if _nanp(run.digits):
            return run, "PHONE_NUMBER", 0.7, "NANP-shaped digit run"
        if _ssn(run.digits):
            return run, "US_SSN", 0.5, "SSN-shaped digit run"
        if n >= 7 and (run.tokens >= 3 or n >= 9):
            return run, "NUMBER_SEQUENCE", 0.5, "long digit run"
        if n >= 3 and run.tokens == n and not _counting(run.digits) and not _DECIMAL.search(text[run.start:run.end]):
            # read digit by digit ("3-1-7", "three one seven"): people read codes that way, not
            # quantities or amounts
            return run, "NUMBER_SEQUENCE", 0.45, "digits read one by one"
        return None

    @staticmethod
    def _extensions(text: str, runs: list[Run], typed: list[tuple[Run, str, float, str] | None]) -> None:
        """`1-888-276-4410, extension 3`: the extension is part of the phone number."""
        for i in range(len(runs) - 1):
            item, nxt = typed[i], runs[i + 1]
            if item is not None and item[1] == "PHONE_NUMBER" and typed[i + 1] is None \
                    and _EXTENSION.fullmatch(text, item[0].end, nxt.start):
                typed[i] = (replace(item[0], end=nxt.end), *item[1:])

    @staticmethod
    def _fragments(reading: _Reading, runs: list[Run], typed: list[tuple[Run, str, float, str] | None]) -> None:
        """Untyped runs of 3+ digits near a typed number take its type: a self-correction or a
        value read in two goes is still that value."""
        for i, run in enumerate(runs):
            if typed[i] is not None or run.digit_count < 3 or run.alnum:
                continue
            near = []
            for j, other in enumerate(typed):
                if other is None or other[1] not in _FRAGMENT_KINDS:
                    continue
                lo, hi = sorted((run, other[0]), key=lambda r: r.start)
                gap = reading.words(lo.end, hi.start)
                if gap <= FRAGMENT_WORDS:
                    near.append((gap, other[1]))
            if near:
                typed[i] = (run, min(near)[1], 0.5, "fragment next to a typed number")
