"""Clock times said with no `at`/`by` before them, that the words around them make times:
a list of times after one cue (`meds get passed at eight, one, and eight thirty at night`), a
booked slot (`we have a nine forty-five with Dr. Ruiz on Thursday, or a two fifteen`), a range of
hours (`swim is ten fifteen to eleven`, `an appointment window of one to four`).

Each frame asks for more than a number that reads as a clock: hours and minutes said together
(`nine forty-five`, which a count or a model number rarely is), or a word of schedules nearby —
and nothing after it that makes it a count (`two fifteen-minute breaks`, `one to four weeks`).
"""

from __future__ import annotations

import re

from bleeper.detection.recognizers.money import MONEY_CUES
from bleeper.detection.recognizers.quantities import word_after, word_before
from bleeper.detection.recognizers.quantity_readings import Quantity
from bleeper.detection.recognizers.sentences import sentence_start

# between the members of a list: `eight, one, and eight thirty`, `nine or ten`
LIST_GAP = re.compile(r"[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or)[ \t]+")
LIST_CUES = frozenset("at by around from".split())
RANGE_GAP = re.compile(r"[ \t]*(?:to|till|until|-|–)[ \t]*")
# a part of the day or a.m./p.m. right after a number makes it plainly a clock time
PLAIN = re.compile(r"[ \t]*(?:[ap]\.?[ \t]?m\b|in[ \t]+the[ \t]+(?:morning|afternoon|evening)|at[ \t]+night|tonight|"
                   r"o'?clock)")
# a slot is one of these: who and when it is with, or an alternative to another
SLOT_DETERMINERS = frozenset("a an the my your our his her their".split())
SLOT_FOLLOWERS = frozenset("with on or and tomorrow today tonight this next the that if slot appointment opening "
                           "available open instead then".split())
SLOT_TALK = re.compile(
    r"\b(?:appointment|appt|slot|opening|openings|available|availability|schedul\w+|book(?:ed|ing)?|reschedul\w+|"
    r"with (?:dr|doctor|the doctor|nurse|mr|mrs|ms|miss)\b)")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# or, right after the slot, who it is with or when: `a ten forty with Dr. Amari`, `a two fifteen tomorrow`
SLOT_WHEN = re.compile(rf"[ \t]+(?:with[ \t]+(?:(?i:dr|doctor|nurse|mr|mrs|ms|miss)\b|[A-Z])|(?i:tomorrow|today|tonight|"
                       rf"this (?:morning|afternoon|evening)|(?:on|next|this) {_WEEKDAY}|{_WEEKDAY}))")
# a game's score read as a range of hours: `ten fifteen to eleven at halftime`
SCORE_TALK = re.compile(r"\b(?:score[sd]?|scoring|won|win|lost|lose|beat|halftime|inning|quarter|points|game|match|"
                        r"lead|leading|tied|final)\b")
# after a range of hours, words that make it a count: `one to four weeks`, `ten to eleven people`
COUNTED = re.compile(r"[ \t]*-|[ \t]+(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|times|dollars|bucks|"
                     r"percent|people|of|kids|more|other|points?|pounds?|miles?|feet|inches|cents)\b")
# nouns a range of numbers counts or names after them: `sizes ten to twelve`, `problems one to four`
NUMBERED = frozenset("page pages chapter chapters size sizes age ages grade grades level levels problem problems "
                     "question questions item items room rooms number numbers row rows step steps lines verses "
                     "exercises units floors".split())
# a thing that happens at an hour, said to be one: `checkout is 11`, `dinner's seven thirty`
HAPPENS_IS = re.compile(r"\b(?:check-?in|check-?out|pick-?up|drop-?off|appointment|appt|shift|lunch|dinner|breakfast|"
                        r"boarding|departure|arrival|curfew|bedtime|showtime|kickoff|tee time|last call|last seating|"
                        r"last appointment)(?:'s|’s|[ \t]+(?:is|was|will be|would be))[ \t]+$")
HAPPENS_FOLLOWERS = frozenset("and or but so tomorrow today tonight on then if sharp though now every".split())
_SENTENCE_END = re.compile(r"(?<!\bdr)(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bst)[.?!;]\s")  # not `Dr. Ruiz`


def _minutes(q: Quantity) -> bool:
    """Hours and minutes said together, as a clock reads: `nine forty-five`, `ten oh five`."""
    clock = q.clock()
    return clock is not None and q.spoken and len(q.groups) == 2 and 1 <= clock[0] <= 12


def _hour(q: Quantity) -> bool:
    clock = q.clock()
    return clock is not None and 1 <= clock[0] <= 12 and (len(q.groups) == 1 or _minutes(q))


def _sentence(low: str, start: int, end: int) -> tuple[int, int]:
    cut = sentence_start(low, start, 120, _SENTENCE_END)
    stop = _SENTENCE_END.search(low, end)
    return cut, min(stop.start() if stop else len(low), end + 120)


def framed(text: str, low: str, quantities: tuple[Quantity, ...], schedule: re.Pattern[str]
           ) -> list[tuple[int, int, float]]:
    """(start, end, score) of every time these frames find; `schedule` is clock.py's SCHEDULE."""
    spans: list[tuple[int, int, float]] = []
    n = len(quantities)
    i = 0
    while i < n:
        q = quantities[i]
        # a list after one cue: every member a clock reading, one of them plainly a time
        if word_before(low, q.start) in LIST_CUES and _hour(q):
            members = [q]
            while i + len(members) < n and _hour(quantities[i + len(members)]) \
                    and LIST_GAP.fullmatch(low, members[-1].end, quantities[i + len(members)].start):
                members.append(quantities[i + len(members)])
            if len(members) >= 2 and not COUNTED.match(low, members[-1].end) \
                    and any(_minutes(m) or PLAIN.match(low, m.end) for m in members):
                spans += [(m.start, m.end, 0.5) for m in members]
                i += len(members)
                continue
        # a range of hours: `ten fifteen to eleven`, `a window of one to four`
        if i + 1 < n and _hour(q) and _hour(quantities[i + 1]) and RANGE_GAP.fullmatch(low, q.end, quantities[i + 1].start):
            r = quantities[i + 1]
            a, b = q.clock(), r.clock()
            later = 0 < ((b[0] * 60 + b[1]) - (a[0] * 60 + a[1])) % 720 <= 600  # type: ignore[index]
            cut, _ = _sentence(low, q.start, r.end)
            context = _minutes(q) or _minutes(r) or schedule.search(low, max(cut, q.start - 60), q.start)
            _, stop = _sentence(low, q.start, r.end)
            if later and context and not MONEY_CUES.search(low, cut, r.end) and not SCORE_TALK.search(low, cut, stop) and not COUNTED.match(low, r.end) and word_before(low, q.start) not in NUMBERED:
                spans.append((q.start, r.end, 0.5))
                i += 2
                continue
        # `checkout is 11`: a thing that happens at an hour said to be one
        if _hour(q) and HAPPENS_IS.search(low, max(0, q.start - 30), q.start) and not COUNTED.match(low, q.end) \
                and (word_after(text, q.end) in HAPPENS_FOLLOWERS or not word_after(text, q.end)):
            spans.append((q.start, q.end, 0.5))
            i += 1
            continue
        # a slot: `a nine forty-five with Dr. Ruiz`, `or a two fifteen the following week`
        if _minutes(q) and word_before(low, q.start) in SLOT_DETERMINERS and not COUNTED.match(low, q.end) \
                and (word_after(text, q.end) in SLOT_FOLLOWERS or not word_after(text, q.end)):
            cut, stop = _sentence(low, q.start, q.end)
            # `a two fifty on Monday` where something was bought is a price
            if (SLOT_TALK.search(low, cut, stop) or SLOT_WHEN.match(text, q.end)) and not MONEY_CUES.search(low, cut, stop):
                spans.append((q.start, q.end, 0.5))
        i += 1
    return spans
