"""Clock times, by AssemblyAI's definition "expressions indicating clock times": `10:15`, `2:15
a.m. Pacific`, `6 p.m.`, `10pm EST`, `9 to 11 a.m.`, `8 tonight`, `five forty in the evening`,
`leaves at seventeen forty`, `three o'clock`, `half past four`, `check-in is at 4`.

Digits with a colon or a.m./p.m. are times wherever they stand; a number said without them is a
time only after `at`/`by`/`around`… with hours and minutes (`at seven thirty`), a part of the day
(`by 8 tonight`), or, for a bare hour (`at 4`), a word about coming, opening or leaving nearby.
The number is a quantity read by quantities.py, its reading checked as a clock (hours ≤ 24,
minutes < 60: `at forty-nine ninety-nine` is not a time).
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.casing import lowered
from bleeper.detection.recognizers.clock_frames import framed
from bleeper.detection.recognizers.quantities import find_quantities, word_after, word_before
from bleeper.detection.recognizers.result import result

_AMPM = r"(?:[ap]\.[ \t]?m\b\.?|[ap]m\b|[ap][ \t]m\b)"
_ZONE = (r"(?:(?:pacific|eastern|central|mountain|atlantic|hawaii|alaska)(?:[ \t]+(?:standard[ \t]+|daylight[ \t]+)?"
         r"time)?|[ecmp][sd]?t\b|gmt\b|utc\b|zulu\b|local[ \t]+time|your[ \t]+time|our[ \t]+time)")
_PART = (r"(?:in[ \t]+the[ \t]+(?:morning|afternoon|evening)|at[ \t]+night|tonight|this[ \t]+(?:morning|afternoon|"
         r"evening)|tomorrow[ \t]+(?:morning|afternoon|evening|night)|sharp)")
# what may follow a time and belongs to it
QUALIFIER = re.compile(rf"(?:[ \t]*{_AMPM})?(?:,?[ \t]+{_ZONE})?(?:,?[ \t]+{_PART})?")
WRITTEN = re.compile(
    rf"(?<![\d:.])(?:(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?|(?:1[0-2]|0?[1-9])(?=[ \t]*{_AMPM}))(?![\d:])")
SPOKEN_AFTER = re.compile(rf"[ \t]*(?:{_AMPM}|o'?clock\b|{_PART})")
PAST_TO = re.compile(r"\b(?:half[ \t]+past|(?:a[ \t]+)?quarter[ \t]+(?:past|after|to|till)|"
                     r"(?:five|ten|twenty|twenty-five)(?:[ \t]+minutes)?[ \t]+(?:past|after))[ \t]+"
                     r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight|\d{1,2})\b"
                     r"(?![ \t]+(?:minutes|hours|days|weeks|months|years|dollars|percent))")
RANGE_BEFORE = re.compile(r"(?:(?<=\s)|^)(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?|one|two|three|four|five|six|seven|eight|"
                          r"nine|ten|eleven|twelve)[ \t]*(?:to|-|–|until|till|and)[ \t]*$")
NOON = re.compile(r"\b(?:at|around|by|until|till|before|after|past|from|and|to)[ \t]+(noon|midnight|midday)\b")
RANGE_GAP = re.compile(r"[ \t]*(?:to|-|–|until|till|and|through)[ \t]*")
CUE_BEFORE = frozenset("at by around after before until till from between about @ since".split())
# words that hedge a time said with its part of the day: `like eleven at night`, `maybe seven in the morning`
HEDGES = frozenset("like maybe roughly approximately almost nearly just".split())
# said before a time, part of it: `a little after five thirty`, `sometime after three`, `around noon`
HEDGE_BEFORE = re.compile(r"\b(?:(?:a little|a bit|just|right|shortly|sometime|some time|anytime|any time)[ \t]+)?"
                          r"(?:after|before|around|about|roughly|approximately|past)[ \t]*,?[ \t]*$")
# the end of a range after a time: `between nine and eleven`, `from 9 to 11`, `five thirty and seven tonight`
RANGE_END = re.compile(rf"[ \t]*(?:to|-|–|until|till|and)[ \t]*((?:[01]?\d|2[0-3])(?::[0-5]\d)?|"
                       rf"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                       rf"(?:[ \t-](?:oh[ \t-](?:one|two|three|four|five|six|seven|eight|nine)|fifteen|thirty|"
                       rf"forty-five|forty|fifty|twenty|ten|o'?clock))?)\b(?![ \t]*(?:minutes|hours|days|weeks|months|years|"
                       rf"dollars|bucks|percent|people|of|times|kids|more|other|%|\d))")
_FILLED_CUE = re.compile(r"\b(at|by|around|until|till|after|before|from)[ \t]*,?(?:[ \t]+(?:uh|um|like),?)+[ \t]+$")
RANGE_START = re.compile(r"\b(?:between|from)[ \t]+$")
# words that make a bare `at 4` a time: something happens at an hour
SCHEDULE = re.compile(
    r"\b(?:appointment|come|comes|coming|came|arrive[sd]?|arrival|open|opens|close[sd]?|start[s]?|starting|"
    r"leave[s]?|leaving|meet|meeting|pick(?:ed)? (?:up|you)|pickup|call(?:ed)?|check-?in|check-?out|schedul\w+|"
    r"flight|train|bus|shift|home|back|ready|finish(?:es)?|begin[s]?|end[s]?|boarding|depart\w*|land[s]?|wake|"
    r"dinner|lunch|breakfast|reservation|slot|window|deliver\w*|technician|tech|visit|available|free|book(?:ed)?|"
    r"show up|be there|get there|be here|get here|outage|started|happened|went out|tomorrow|today|tonight|"
    r"gets? (?:out|off)|got (?:out|off)|out of (?:school|work|class)|off (?:work|shift)|pick(?:s|ed)? (?:her|him|them) up)\b")


class ClockTimeRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["TIME"], name="ClockTimeRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "TIME" not in entities:
            return []
        low = lowered(text)
        spans = [(m.start(), QUALIFIER.match(low, m.end()).end(), 0.7) for m in WRITTEN.finditer(low)]
        spans += [(m.start(), m.end(), 0.6) for m in PAST_TO.finditer(low)]
        spans += [(m.start(1), m.end(1), 0.55) for m in NOON.finditer(low)]
        spans += [s for q in find_quantities(text) if (s := self._spoken(text, low, q.start, q.end, q)) is not None]
        # times with no cue before them that a list, a slot or a range of hours makes times
        spans += [(s, QUALIFIER.match(low, e).end(), score) for s, e, score in framed(text, low, find_quantities(text),
                                                                                       SCHEDULE)]
        spans.sort()
        kept: list[tuple[int, int, float]] = []
        for s, e, score in spans:
            # overlapping, or a range of two times ("between eight and noon"): one time
            if kept and (s < kept[-1][1] or RANGE_GAP.fullmatch(low, kept[-1][1], s)):
                kept[-1] = (kept[-1][0], max(e, kept[-1][1]), max(score, kept[-1][2]))
                continue
            # "9 to 11 a.m.", "from 9 to 11": the range is one time
            before = RANGE_BEFORE.search(low, max(0, s - 16), s)
            kept.append((before.start() if before and _has_ampm(low, s, e) else s, e, score))
        return [result(self, "TIME", *self._widened(low, s, e), score, "clock time") for s, e, score in kept]

    @staticmethod
    def _widened(low: str, start: int, end: int) -> tuple[int, int]:
        """A time with its range's end (`between nine and eleven`, `from 9 to 11`: after `between`
        or `from`) and the words that hedge it (`a little after five thirty`, `after three`)."""
        hedge = HEDGE_BEFORE.search(low, max(0, start - 28), start)
        if RANGE_START.search(low, max(0, start - 10), start):
            rest = RANGE_END.match(low, end)
            if rest:
                end = QUALIFIER.match(low, rest.end()).end()
        return hedge.start() if hedge else start, end

    @staticmethod
    def _spoken(text: str, low: str, start: int, end: int, q) -> tuple[int, int, float] | None:  # noqa: ANN001
        clock = q.clock()
        if clock is None:
            return None
        before = word_before(low, start)
        filled = _FILLED_CUE.search(low, max(0, start - 24), start)  # `at, uh, three forty`
        before = filled.group(1) if filled else before
        cued = before in CUE_BEFORE
        said = SPOKEN_AFTER.match(low, end)
        if said and before in HEDGES and "m" not in said.group()[:3]:
            cued = True  # `like eleven at night`: a hedge and a part of the day
        # a.m./p.m. or o'clock make a time; a part of the day only after a cue ("by 8 tonight",
        # not "take one in the morning")
        if said and (clock[0] <= 12 or "m" not in said.group()) and (cued or re.match(rf"[ \t]*(?:{_AMPM}|o)",
                                                                                        said.group())):
            return start, QUALIFIER.match(low, said.end()).end(), 0.65
        if not cued:
            return None
        if len(q.groups) == 2 and q.spoken:
            return start, QUALIFIER.match(low, end).end(), 0.55  # "at seven thirty", "at seventeen forty"
        nxt = word_after(text, end)
        ranged = before in ("from", "between") and nxt in ("to", "till", "until")  # `from 1 to 3`
        if 1 <= clock[0] <= 12 and (not nxt or ranged or nxt in ("and", "or", "on", "tomorrow", "today", "then", "so",
                                                                 "if", "but", "when", "please", "instead", "okay", "ok")) \
                and SCHEDULE.search(low, max(0, start - 60), start):
            return start, end, 0.45  # "check-in is at 4"
        return None


def _has_ampm(low: str, start: int, end: int) -> bool:
    return re.search(_AMPM, low[start:end]) is not None
