"""Amounts said with no currency and no money word before them, that a frame makes prices:
another amount said after one in the same sentence (`valet is thirty-eight dollars, self-park is
twenty`; `her pension's eighteen hundred a month and social security is maybe twenty-two
something`), a count of things bought for a sum (`twelve sessions for, um, seven twenty`), a flat
rate (`parking is a flat thirty-five`). And the frames that make a number no amount even where
money is talked about: a person's age (`I'm forty-four` in a quote for life insurance), a count
of hours after `after` (`time and a half after forty`).
"""

from __future__ import annotations

import re

from bleeper.detection.recognizers.quantities import word_after, word_before
from bleeper.detection.recognizers.quantity_readings import Quantity
from bleeper.detection.recognizers.sentences import CLAUSE_END

# what is said right before an amount that stands for another (`it's`, `is more like`, `maybe`)
RESTATED_BEFORE = frozenset("is was it's that's now like maybe another about around only just roughly "
                            "probably".split())
# `<count> <things> for <amount>`: the things are not a stretch of time (`three weeks for twenty`)
BOUGHT_FOR = re.compile(r"[ \t]+(?!(?:minutes?|hours?|days?|weeks?|months?|years?|times|of)\b)[a-z]+[ \t]+for"
                        r"(?:[ \t]*,?[ \t]*(?:uh|um|like|just|only))*[ \t]*,?[ \t]*$")
FLAT_BEFORE = re.compile(r"\ba[ \t]+flat[ \t]+$")
# a person is the number: `I'm forty-four`, `he's seventy`
PERSON_IS = frozenset("i'm im he's she's".split())
HOURS_AFTER = frozenset("after before until".split())
# a pay said in tens of thousands by its decade: `paid mid-forties`, `making in the low sixties`
SALARY_DECADE = re.compile(
    r"\b(?:paid|pays|paying|pay|making|made|make|makes|earn(?:s|ed|ing)?|offer(?:s|ed|ing)?|salary (?:was|is)|"
    r"income (?:was|is)|wages? (?:was|is|were|are))[ \t]*,?[ \t]*(?:(?:like|about|around|maybe|um|uh|somewhere)"
    r"[ \t]*,?[ \t]*)*(?:in[ \t]+the[ \t]+)?"
    r"((?:low|mid|high|upper|lower)[- ](?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b")


def same_sentence(low: str, end: int, start: int) -> bool:
    return CLAUSE_END.search(low, end, start) is None


def restated(text: str, low: str, q: Quantity, previous_end: int | None) -> bool:
    """Another amount after an amount found earlier in the sentence, said as its like."""
    return previous_end is not None and previous_end <= q.start and same_sentence(low, previous_end, q.start) \
        and q.start - previous_end <= 90 and word_before(low, q.start) in RESTATED_BEFORE


def bought_for(low: str, q: Quantity, quantities: tuple[Quantity, ...]) -> bool:
    """`twelve sessions for seven twenty`, `two tickets for ninety`."""
    return any(p.end < q.start and q.start - p.end <= 40 and BOUGHT_FOR.fullmatch(low, p.end, q.start)
               for p in quantities)


def flat_rate(low: str, q: Quantity) -> bool:
    return FLAT_BEFORE.search(low, max(0, q.start - 12), q.start) is not None


def no_amount(text: str, low: str, q: Quantity) -> bool:
    """A number that names a person's age or a count of hours however much money is talked of."""
    v = q.whole
    if v is None or v >= 120 or len(q.groups) != 1:
        return False
    before = word_before(low, q.start)
    nxt = word_after(text, q.end)
    return before in PERSON_IS or (before in HOURS_AFTER and v < 100 and nxt not in ("dollars", "bucks"))
