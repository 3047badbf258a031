"""Durations, by AssemblyAI's definition "periods of time, specified as a number and a unit of
time": `ten days`, `forty-five minutes`, `3 to 5 business days`, `a 30-day window`, `two and a half
weeks`, `an hour and a half`, `thirty-two weeks pregnant`, `six hours`.

The number is a quantity read by quantities.py (or `a`/`an` after a word that measures time: `for
an hour`, `took a week`). Not a duration: an age (`six months old`: age.py), a frequency with no
number (`twice a day`, `every month`), and the fillers `one second`, `a minute`.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.casing import lowered
from bleeper.detection.recognizers.quantities import Quantity, find_quantities, word_before
from bleeper.detection.recognizers.result import result

_UNIT = (r"(?:(?:business|calendar|working|school|full|straight|whole|long|more|additional|extra|consecutive|"
         r"or so|plus|odd)[ \t]+)*"
         r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|wks?|months?|mos?|years?|yrs?|"
         r"decades?|centuries|century|fortnights?)\b")
UNIT_AFTER = re.compile(rf"[ \t]*-?[ \t]*{_UNIT}(?:[ \t]+and[ \t]+a[ \t]+half\b)?(?![- ](?:old|of age)\b)")
# "3 to 5 business days", "two or three days", "between three and five days"
RANGE_GAP = re.compile(r"[ \t]*(?:to|or|and|-|–|through)[ \t]+")
# "for an hour", "took a week", "half an hour", "a year and a half"
A_UNIT = re.compile(
    r"\b(?:for|in|about|around|over|within|after|took|takes|take|taking|last|lasted|lasts|past|almost|nearly|than|"
    r"another|only|just|whole|entire|half|spent|wait(?:ed|ing)?|been)[ \t]*,?[ \t]+(?:(?:like|about|um|uh),?[ \t]+)?"
    r"(a(?:n)?[ \t]+(?:hour|day|week|month|year|decade|fortnight)(?:[ \t]+and[ \t]+a[ \t]+half)?|"
    r"a[ \t]+couple(?:[ \t]+of)?[ \t]+(?:hours|days|weeks|months|years|decades))\b(?![- ](?:old|of age)\b)",
    re.IGNORECASE)
_FILLER_UNITS = ("sec", "second", "minute", "min", "moment")
# `an hour ahead of your Eastern`, `a day late`: a difference of time is a duration too
A_UNIT_APART = re.compile(r"\b(an?[ \t]+(?:hour|day|week|month|year)|half[ \t]+an[ \t]+hour)[ \t]+"
                          r"(?:ahead|behind|early|late|later|earlier|ago|apart|off)\b", re.IGNORECASE)
# parts of one duration: `three hours and forty minutes`, `an hour, ten minutes`
PARTS_GAP = re.compile(r"[ \t]*(?:,[ \t]*)?(?:and[ \t]+)?")
# words that hedge or repeat a duration: `about thirty seconds`, `every two weeks`, `for another ten days`
HEDGE_BEFORE = re.compile(r"\b(?:about|around|roughly|approximately|almost|nearly|over|under|like|maybe|just|"
                          r"every|another|more than|less than|at least|at most|up to|only)[ \t]*,?[ \t]*$")


class DurationRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["DURATION"], name="DurationRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "DURATION" not in entities:
            return []
        low = lowered(text)
        spans: list[tuple[int, int, float]] = []
        previous: Quantity | None = None
        for q in find_quantities(text):
            span = self._duration(low, q)
            if span is not None:
                start = span[0]
                if previous is not None and RANGE_GAP.fullmatch(low, previous.end, q.start) \
                        and previous.value is not None and (not spans or spans[-1][1] <= previous.start):
                    start = previous.start  # the range is one duration
                spans.append((start, span[1], span[2]))
            previous = q
        spans += [(m.start(1), m.end(1), 0.5) for m in A_UNIT.finditer(low)]
        spans += [(m.start(), m.end(), 0.5) for m in A_UNIT_APART.finditer(low)]
        spans.sort()
        kept: list[tuple[int, int, float]] = []
        for s, e, score in spans:
            hedge = HEDGE_BEFORE.search(low, max(0, s - 16), s)
            s = hedge.start() if hedge and not (kept and hedge.start() < kept[-1][1]) else s
            if kept and (s < kept[-1][1] or PARTS_GAP.fullmatch(low, kept[-1][1], s)):
                kept[-1] = (kept[-1][0], max(e, kept[-1][1]), max(score, kept[-1][2]))
            else:
                kept.append((s, e, score))
        return [result(self, "DURATION", s, e, score, "a number and a unit of time") for s, e, score in kept]

    @staticmethod
    def _duration(low: str, q: Quantity) -> tuple[int, int, float] | None:
        if q.value is None or q.value <= 0:
            return None
        unit = UNIT_AFTER.match(low, q.end)
        if unit is None:
            return None
        said = unit.group().strip(" \t-")
        if q.value == 1 and said.startswith(_FILLER_UNITS) and word_before(low, q.start) not in ("for", "took", "takes",
                                                                                                  "than", "lasted"):
            return None  # "hold on one second", "give me one minute"
        return q.start, unit.end(), 0.6
