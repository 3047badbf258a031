"""Numbers named by what was said before them: `the security code is 317`, `my social? 1728`.

One recognizer for every kind of number, because the kinds compete for the same digits: the
context phrase nearest before a run decides what it is (`Expiration is 07/31, security code
518`: 518 is the CVV; on a tie the longer phrase wins: `account ending in` over `ending in`).
A generic phrase (`ends in`, `the number`, `ID`) yields to a specific one still in reach
(`social on file ends in 9004` is the SSN). Announced, even a fragment counts (`my number is
4-1-5, no wait, 5-1-5…`), and ids keep their letters (`XJ4-88213`, `K as in kilo, 7, Q…`).
Unannounced, the digits' shape decides (Luhn for cards, NANP for phones, SSN ranges), short runs
next to a typed number take its type (self-corrections, `area code 9 0 4 and then…`), and any
other run of 5+ digits or mixed id is still redacted as a number sequence: fail closed.
The phrases and the policy each announces: number_kinds.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.address import STREET_AFTER
from bleeper.detection.recognizers.casing import lowered
from bleeper.detection.recognizers.digits import luhn_ok
from bleeper.detection.recognizers.number_kinds import (ACCESS, BANK, CARD_TALK, HEALTH, KINDS, NOT_BANK, NOT_HEALTH,
                                                        Kind)
from bleeper.detection.recognizers.number_joins import (GENERIC, Typed, join_extensions, join_fragments,
                                                        join_restarts, with_keys, with_plus)
from bleeper.detection.recognizers.numbers import Run, find_runs
from bleeper.detection.recognizers.result import result

_WORDS = re.compile(r"[\w']+")
_LAST_WORD = re.compile(r"([\w']+)\s+$")
_NUMBERISH = re.compile(r"(?i)\d+|zero|oh|o|one|two|three|four|five|six|seven|eight|nine|double|triple|dash|slash|pound|star|hash")
# money (`dollars`), or a price (`three eighty-nine each`, `forty a month`): money.py's
_MONEY_AFTER = re.compile(r"(?i)\s*(?:dollars?|bucks|cents|percent|%|each\b|apiece|a (?:month|year|week|night)\b|"
                          r"per (?:month|year|week|night)\b)")
# a quantity, not an identifier: `20,000 miles`, `10000 steps`
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
_UNIT_AFTER = re.compile(r"(?i)\s*(?:miles?|steps?|feet|foot|ft|pounds?|lbs?|kilos?|grams?|points?|people|"
                         r"calories|mg|ml|units?|hours?|minutes?|days?|weeks?|months?|years?|times|words|"
                         r"square|sq|gallons?|kwh|watts?|gb|mb|tb|mbps|rpm|btu)\b")
# `PIN for the card`, `social for the store card`, `the ID on the back of the card`: one word may name which
_ON_THE = re.compile(r"\b(?:on|for|of)(?: (?:the|my|your|this|that|his|her|their))?(?: [\w'-]+)? $")
_HEAD_CHARS = 40  # how far before such a phrase the value's own phrase may end
_DECIMAL = re.compile(r"\d\.\d")  # versions and decimals, not identifiers
_YEAR = re.compile(r"(?:19|20)\d\d")
# `since 2019`, `since, like, twenty eleven`, `back in August 2024`
_YEAR_CUE = re.compile(r"(?i)(?<!ending )(?<!ends )\b(?:in|since|until|through|during|of|jan(?:uary)?|feb(?:ruary)?|"
                       r"march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|"
                       r"dec(?:ember)?)[\s,]+(?:(?:like|um|uh|about|around),?\s+)?$")
_SPOKEN_YEAR = re.compile(r"(?i)(?:nineteen|twenty|two thousand)\b")
# an id or a ZIP is said after its street with no verb between; `…Street Dental, the EIN is …` is not one
_VERB = re.compile(r"\b(?:is|was|are|it's|that's|number)\b")
# ends-in may finish the phrase before it: `passport ends in`, `the number ending in`
_ENDS_IN_AFTER = 25
_PAIRED_NOT = {"CREDIT_CARD", "PHONE_NUMBER"}
_SENTENCE_AFTER = re.compile(r"[^.?!]{0,80}")
_DECIMAL_NUMBER = re.compile(r"\d{1,6}\.\d{1,2}")


def _nanp(digits: str) -> bool:
    d = digits[1:] if len(digits) == 11 and digits[0] == "1" else digits
    return len(d) == 10 and d[0] in "23456789" and d[3] in "23456789"


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
CUE_CHARS = 80  # characters before a phrase searched for words that change its kind


class _Reading:
    """One text, indexed once: where each kind's phrases end and how many words lie between two
    points (every run asks both; scanning the text before each run again was most of the time)."""

    def __init__(self, text: str) -> None:
        self.low = lowered(text)
        self.phrases = [(kind, [(m.start(), m.end()) for m in rx.finditer(self.low)
                                if not kind.not_after or not self._after(m.start(), kind.not_after)])
                        for kind, rx in _CONTEXTS]
        self.phrase_ends = [[end for _, end in found] for _, found in self.phrases]
        words = list(_WORDS.finditer(text))
        self.word_starts = [m.start() for m in words]
        self.word_ends = [m.end() for m in words]
        self.plain = list(accumulate((not _NUMBERISH.fullmatch(m.group()) for m in words), initial=0))

    def _after(self, start: int, words: frozenset[str]) -> bool:
        """Is the word just before `start` one of these?"""
        before = _LAST_WORD.search(self.low, max(0, start - 24), start)
        return before is not None and before.group(1) in words

    def _span(self, start: int, end: int) -> tuple[int, int]:
        return bisect_left(self.word_starts, start), bisect_right(self.word_ends, end)

    def words(self, start: int, end: int) -> int:
        i, j = self._span(start, end)
        return max(0, j - i)

    def distance(self, start: int, end: int) -> int:
        """Words between a phrase and a run, not counting other numbers (self-corrections)."""
        i, j = self._span(start, end)
        return max(0, self.plain[j] - self.plain[i])

    def before(self, run_start: int) -> list[tuple[Kind, int, int, int]]:
        """(kind, phrase length, distance, phrase start) of every phrase ending in the window before a run."""
        found = []
        for (kind, spans), ends in zip(self.phrases, self.phrase_ends):
            for k in range(bisect_left(ends, run_start - WINDOW), bisect_right(ends, run_start)):
                start, end = spans[k]
                if start >= run_start - WINDOW:
                    found.append((kind, end - start, self.distance(end, run_start), start))
        return found


def _in_pairs(run: Run) -> bool:
    """Four digits or fewer said as two numbers (`forty-nine ninety-nine`, `twelve fifty`, `eleven
    forty`): how a price or a clock time is read; a card's or a phone's digits are read one by one
    or after `ending in`."""
    return run.spoken and not run.alnum and run.digit_count <= 4 and run.tokens < run.digit_count


def _fits(kind: Kind, run: Run) -> Run | None:
    """The run as this kind reads it: whole for ids; without its edge letters for digit-only kinds."""
    if run.alnum and not kind.alnum:
        run = run.bare if run.bare is not None and not run.bare.alnum else None
        if run is None:
            return None
    n = len(run.digits) if run.alnum else run.digit_count  # an id's letters count towards its length
    if not kind.digits[0] <= n <= kind.digits[1] or (kind.sizes and n not in kind.sizes):
        return None
    return run


class ContextNumberRecognizer(EntityRecognizer):
    KINDS = KINDS

    def __init__(self) -> None:
        super().__init__(
            supported_entities=sorted({k.entity for k in KINDS if k.entity != "ACCOUNT"} | {"ACCOUNT_NUMBER"}),
            name="ContextNumberRecognizer",
            supported_language="en",
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        runs = find_runs(text)
        reading = _Reading(text)
        typed: list[Typed | None] = [self._classify(text, reading, r) for r in runs]
        join_fragments(text, reading.words, runs, typed)
        join_restarts(reading.words, runs, typed)
        join_extensions(text, runs, typed)
        return [result(self, t.entity, t.run.start, t.run.end, t.score, t.why)
                for t in typed if t is not None and t.entity in entities]

    def _classify(self, text: str, reading: _Reading, run: Run) -> Typed | None:
        if text[:run.start].rstrip().endswith("$") or _MONEY_AFTER.match(text, run.end):
            return None  # money: money.py
        year = _YEAR.fullmatch(text, run.start, run.end) or (
            _YEAR.fullmatch(run.digits) and run.tokens <= 4 and _SPOKEN_YEAR.match(text, run.start))
        if year and _YEAR_CUE.search(text, max(0, run.start - 24), run.start):
            return None  # `renews in 2026`, `since 2019`: a year (dates.py), not `ending in 2019`
        if _UNIT_AFTER.match(text, run.end) or _DECIMAL_NUMBER.fullmatch(text, run.start, run.end):
            return None  # a quantity (`my order of 250 units`, `12,000 points`, `the order total was 123.45`)
        phrases = reading.before(run.start)
        candidates: list[tuple[tuple[bool, int, int], Kind, Run, int]] = []  # ((weak, distance, -length), …)
        for kind, length, distance, phrase_start in phrases:
            fitted = _fits(kind, run)
            if fitted is None or distance > kind.reach or self._modifier(reading.low, phrase_start, phrases):
                continue
            if kind.sizes and kind.entity == "LOCATION" and _VERB.search(reading.low, phrase_start + length, run.start):
                continue
            if kind.entity in _PAIRED_NOT and not kind.weak and _in_pairs(fitted):
                continue  # `the fee hit my card, forty-nine ninety-nine`: a price, not the card's digits
            candidates.append(((kind.weak, distance, -length), kind, fitted, phrase_start))
        if not candidates:
            return self._shape(text, run)
        best = min(candidates, key=lambda c: c[0])  # the first of equals: KINDS order
        # `my driver's license is Texas, 4471…`: the state says whose licence, not where a ZIP is
        named = [c for c in candidates if c[1].entity in best[1].yields_to and c[3] < best[3]]
        if named:
            best = min(named, key=lambda c: c[0])
        (weak, distance, _), kind, fitted, phrase_start = best
        if weak and kind.entity == "CREDIT_CARD":
            # `her passport ends in 2218`, `the number ending in 0163`: the phrase before says what ends so
            before = [(k, s, n) for k, n, _, s in phrases
                      if k.entity != "CREDIT_CARD" and 0 <= phrase_start - (s + n) <= _ENDS_IN_AFTER]
            if before:
                named_kind, named_start, _ = max(before, key=lambda b: (b[1] + b[2], b[2]))
                return self._announced(text, reading, fitted, named_kind, distance, named_start, phrases)
        if weak and kind.entity == "NUMBER_SEQUENCE":
            # "their number is 919 684 3027": a generic phrase does not overrule a phone's or a
            # card's own shape
            shaped = self._shape(text, run)
            if shaped is not None and shaped.anchor:
                return shaped
        return self._announced(text, reading, fitted, kind, distance, phrase_start, phrases)

    def _announced(self, text: str, reading: _Reading, run: Run, kind: Kind, distance: int, phrase_start: int,
                   phrases: list[tuple[Kind, int, int, int]]) -> Typed:
        n, entity = run.digit_count, kind.entity
        low = reading.low
        cues = low[max(0, phrase_start - CUE_CHARS):run.start]
        # the rest of the sentence may say whose account it is (`…, it's on top of the statement`)
        around = cues + _SENTENCE_AFTER.match(low, run.end).group()
        if entity == "ACCOUNT":
            # a bank account holds digits only; "the account number on the bill" is the customer's
            entity = "ACCOUNT_NUMBER" if run.alnum or (NOT_BANK.search(around) and not BANK.search(around)) \
                else "US_BANK_NUMBER"
        if entity == "ACCOUNT_NUMBER" and HEALTH.search(cues):
            entity = "HEALTHCARE_NUMBER"  # a health plan's member id or policy number
        elif entity == "HEALTHCARE_NUMBER" and low.startswith(("member", "subscriber"), phrase_start) \
                and NOT_HEALTH.search(around) and not HEALTH.search(around):
            entity = "ACCOUNT_NUMBER"  # `my rewards member ID`, `member ID at the credit union`
        if entity == "CREDIT_CARD_CVV" and kind.not_after \
                and not CARD_TALK.search(low, max(0, phrase_start - WINDOW), run.end + len(around) - len(cues)):
            # a bare `code` with no card in sight: `the lockbox code is 1988`, `the visit code is 7388`;
            # three digits alone are still most likely a card's
            entity = "PASSWORD" if ACCESS.search(cues) else entity if n == 3 else "NUMBER_SEQUENCE"
        if entity == "PASSWORD":
            run = with_keys(text, run)
        # "the expiration date on the card? 09 27": a month-year after an expiry phrase is the
        # expiry even when "card" is nearer
        if entity == "CREDIT_CARD" and n in (3, 4) and not run.alnum and _mmyy(run.digits):
            expiry = min((d for k, _, d, _ in phrases if k.entity == "CREDIT_CARD_EXPIRATION"), default=None)
            if expiry is not None and expiry <= 8:
                return Typed(run, "CREDIT_CARD_EXPIRATION", 0.9, "month and year after an expiry phrase", True)
        if entity == "CREDIT_CARD" and 13 <= n <= 19 and luhn_ok(run.digits):
            return Typed(run, entity, 1.0, "card context and Luhn", True)
        if entity == "PHONE_NUMBER":
            run = with_plus(text, run)
        return Typed(run, entity, round(0.95 - 0.02 * distance - 0.1 * kind.weak, 3),
                     GENERIC if kind.weak else f"context {distance} words before", True)

    @staticmethod
    def _modifier(low: str, start: int, phrases: list[tuple[Kind, int, int, int]]) -> bool:
        """`the driver's license on the claim is …`, `the number on the account is …`, `PIN for the
        card`: a phrase after `on the`/`for the` names where the value is, when the value was
        already named just before it."""
        if not _ON_THE.search(low, max(0, start - 24), start):
            return False
        return any(0 <= start - (other + length) <= _HEAD_CHARS for _, length, _, other in phrases)

    def _shape(self, text: str, run: Run) -> Typed | None:
        """No phrase announced it: what the digits look like."""
        n = run.digit_count
        if run.alnum:
            # an id: a written token of 6+ characters with 3+ digits (`INC0048812`), or letters and
            # digits said one by one (`K as in kilo, 7, Q, R, 2, B`); not a list of short codes
            # (`seats 22A, 22B`)
            whole = run.ids == 1 and run.tokens == 1 and n >= 3
            spelled = run.ids == 0 and (n >= 5 or (run.tokens >= 4 and n >= 2))
            if len(run.digits) >= 6 and (whole or spelled) and not _DECIMAL.search(text, run.start, run.end):
                return Typed(run, "NUMBER_SEQUENCE", 0.5, "alphanumeric id")
            return None
        plus = with_plus(text, run)
        if plus.start != run.start and 10 <= n <= 15:
            return Typed(plus, "PHONE_NUMBER", 0.8, "international number", True)
        if 13 <= n <= 19 and luhn_ok(run.digits):
            return Typed(run, "CREDIT_CARD", 0.9, "Luhn-valid digit run", True)
        if 15 <= n <= 16:
            return Typed(run, "CREDIT_CARD", 0.6, "card-length digit run (a digit may be lost)")
        if _nanp(run.digits):
            return Typed(run, "PHONE_NUMBER", 0.7, "NANP-shaped digit run", True)
        if _ssn(run.digits):
            return Typed(run, "US_SSN", 0.5, "SSN-shaped digit run")
        if n >= 7 and (run.tokens >= 3 or n >= 9):
            return Typed(run, "NUMBER_SEQUENCE", 0.5, "long digit run")
        if STREET_AFTER.match(text, run.end):
            return Typed(run, "LOCATION", 0.8, "house number before its street")  # `6 1 2 0 North Saguaro Drive`
        raw = text[run.start:run.end]
        if n >= 3 and run.tokens == n and not _counting(run.digits) and not _DECIMAL.search(raw):
            # read digit by digit ("3-1-7", "three one seven"): people read codes that way, not
            # quantities or amounts
            return Typed(run, "NUMBER_SEQUENCE", 0.45, "digits read one by one")
        if n >= 5 and not _counting(run.digits) and not _GROUPED.fullmatch(raw) and not _DECIMAL.search(raw):
            return Typed(run, "NUMBER_SEQUENCE", 0.4, "unannounced 5+ digits (fail closed)")
        return None
