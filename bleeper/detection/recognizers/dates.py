"""Dates in written and spoken form, typed by AssemblyAI's definitions and by what announced them.

A specific calendar day (`December 17th, 1986`, `the 4th of June`, `on the 21st`, `Thursday, July
17th`) is a `date`; broader periods (`in October`, `since 2012`, `the spring of 2021`, `the 1990s`,
`January 1984`, `May 9th to May 23rd`, `2020-2021`) are a `date_interval`. Either is a birth date
after `born`/`birth`/`DOB` and a card's expiry after `expires`/`exp`/`valid thru`; a card's expiry
also comes in shapes that are dates only there (`oh two of twenty-nine`, `twelve twenty-seven`,
`zero two slash two nine`, `March of next year`, `the end of next month`). Relative phrases on their
own (`today`, `last year`, `next month`) are not PII and not found.
"""

from __future__ import annotations

from bisect import bisect_right

import regex as re  # variable-width look-behind; Presidio uses it too

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.quantities import SMALL_RX, TEEN_RX, TENS_RX, UNIT_RX, Quantity, find_quantities
from bleeper.detection.recognizers.result import result

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_FULL_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_ORD_WORDS = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
              r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|"
              r"(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))")
_DAY = rf"(?:[0-3]?\d(?:st|nd|rd|th)?|{_ORD_WORDS})"
_DAYNUM = r"(?:[0-3]?\d(?:st|nd|rd|th)?)"
_NUM_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|" \
            r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|oh|hundred)"
_YEAR_WORDS = rf"(?:(?:nineteen|twenty|two thousand(?: and)?)(?:[- ]{_NUM_WORD}){{0,2}})"
_YEAR = rf"(?:(?:19|20)\d\d|'\d\d|{_YEAR_WORDS})"  # after a month or a day: loosely
# a year on its own must look like one: `2019`, `'08`, `nineteen eighty`, `twenty twelve`, `two thousand one`
_SPOKEN_YEAR = (rf"(?:(?:nineteen|twenty)[- ](?:oh[- ](?:{UNIT_RX})|{TEEN_RX}|(?:{TENS_RX})(?:[- ](?:{UNIT_RX}))?|"
                rf"hundred)|two thousand(?: and)?(?:[- ](?:{SMALL_RX}))?)")
_NOT_YEAR_AFTER = (r"(?!\d|,\d|\s*(?:dollars|bucks|cents|euros|pounds|people|steps|miles|points|calories|units|items|"
                   r"times|transactions|customers|users|accounts|feet|square|mg|milligrams|percent|%|minutes|hours|"
                   r"days|weeks|months|years|[a-z]*-?(?:year|month|day)-old))")
_BARE_YEAR = rf"(?:(?<![\d,.$])(?:19|20)\d\d|'\d\d\b|{_SPOKEN_YEAR}\b){_NOT_YEAR_AFTER}"
_FILLER = r"(?:,? (?:uh|um|like),?)*"
_SEASON = r"(?:spring|summer|winter|autumn)"
_DECADE_WORD = r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
# a year said as its last two digits, only where a year is expected (`spring of twenty-three`,
# `April of thirty`, `June sixth, sixty-eight`)
_SHORT_YEAR = rf"(?:(?:{TENS_RX})(?:[- ](?:{UNIT_RX}))?|{_YEAR})"
_MONTH_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|oh[- ][1-9a-z]+)"
_SEASONS = r"(?:spring|summer|winter|autumn|fall)"

DAY, INTERVAL, EXPIRY = "day", "interval", "expiry"  # EXPIRY: a date only after an expiry phrase
DATE_PATTERNS = [
    # 12/17/2024, 1/3/54, 12.17.2024; not an IP address or a version (10.0.12.7, 1.12.10)
    (DAY, r"(?<![\d.:/-])\b(?:[01]?\d([/-])[0-3]?\d\1(?:\d{4}|\d{2})|[01]?\d\.[0-3]?\d\.\d{4})\b(?![./:-]?\d)"),
    (DAY, r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b"),  # 2024-12-17
    (DAY, rf"\b(?:{_WEEKDAY},? )?{_MONTH}\.? {_DAY},? {_YEAR}\b"),  # December 17th, 1986
    (DAY, rf"\b(?:the )?{_DAY} (?:of{_FILLER} )?{_MONTH},? {_YEAR}\b"),  # the 4th of June, 1995
    (DAY, rf"\b{_MONTH}\.? {_DAY}, {_SHORT_YEAR}\b{_NOT_YEAR_AFTER}"),  # June sixth, sixty-eight
    (DAY, rf"\b{_MONTH}\.? {_DAY} of (?:next|this|last|the following) year\b"),  # January 15th of next year
    # twelve slash three slash two thousand fifteen
    (DAY, rf"\b{_MONTH_WORDS} (?:slash|dash) (?:{SMALL_RX}) (?:slash|dash) {_SHORT_YEAR}\b"),
    (DAY, rf"\b(?:{_WEEKDAY},? )?{_MONTH}\.? {_DAY}\b(?!:)"),  # Thursday, July 17th
    (DAY, rf"\b(?:the )?{_DAY} of {_MONTH}\b"),  # the 24th of May
    (DAY, rf"\b{_MONTH} the {_DAY}(?:,? {_YEAR})?\b"),  # June the fourth, two thousand one
    (DAY, r"\b[01]?\d/\d{2}\b"),  # 09/27: a day, or a card's month and year (typed by context)
    (INTERVAL, r"\b[01]?\d/(?:19|20)\d\d\b"),  # 07/2029
    (INTERVAL, rf"\b{_MONTH}\.?,? (?:of )?{_YEAR}\b"),  # June of 2029, January 1984
    # a day of the month, a weekday or a month named as when something happens (\K: the span
    # starts after the cue and any filler)
    (DAY, rf"\b(?:on|by|due|until|till|before|after|since|from|through|for|around|do|how about|what about|make it|"
          rf"move it to|push it to|change it to){_FILLER} \Kthe{_FILLER} {_DAY}\b(?! (?:one|option|time|thing|step|page|floor|"
          rf"place|item|payment|person|call|o'?clock|[ap]\.?m\b|of (?!{_MONTH})))(?!:)"),
    # `move the draft to the fifteenth`: after a bare `to` only where the clause ends (not `to the first round`)
    (DAY, rf"\bto{_FILLER} \Kthe{_FILLER} {_DAY}(?=[ \t]*(?:[.,?!;]|$|(?:instead|please|and|or|if|so|because|then|"
          rf"of {_MONTH})\b))"),
    (DAY, rf"\b(?:on|by|this|next|last|until|till|before|after|since|every){_FILLER} \K{_WEEKDAY}\b"),
    (DAY, rf"\b{_WEEKDAY},? the {_DAY}\b"),  # Tuesday the 9th
    # (`May` and `March` only in capitals: "this may take a while")
    (INTERVAL, rf"\b(?:in|since|by|until|till|before|after|during|through|early|late|mid|end of|beginning of|"
               rf"start of|middle of|month of|of|from|every|this|next|last|back in|around|into){_FILLER}"
               rf"[ -]\K(?:(?-i:May|March)|january|february|april|june|july|august|september|october|november|"
               rf"december)\b"),
    # the part of a month, a season said with its year or which one: `early February`, `the end of June`,
    # `mid-September`, `spring of twenty-three`, `last spring`, `in the fall`, `the fall semester`
    (INTERVAL, rf"\b(?:(?:early|late|mid)[ -]?|(?:the )?(?:end|beginning|start|middle) of )(?:(?-i:May|March)|january|"
               rf"february|april|june|july|august|september|october|november|december)\b"),
    (INTERVAL, rf"\b{_SEASONS},? of {_SHORT_YEAR}\b|\b{_FULL_MONTH} of (?:{TENS_RX})(?:[- ](?:{UNIT_RX}))?\b"),
    (INTERVAL, rf"\b(?:this|last|next|past|early|late|mid)[ -]?(?:spring|summer|winter|autumn)\b"),
    (INTERVAL, r"\b(?:in|to|until|till|by|through|during|over|since|before) the \Kfall\b"
               r"(?! (?:from|off|down|over|out|on|and|i|she|he|was|broke|hurt|injured)\b)|"
               r"\bfall(?= (?:semester|term|quarter|session|break|classes|enrollment|season)\b)"),
    # ranges said in one breath: 5-9 May, May 5th to 9th, from the 5th to the 9th, 2020-2021
    (INTERVAL, rf"\b{_DAYNUM} ?(?:-|–|to|through) ?{_DAYNUM} (?:of )?{_MONTH}\b"),
    (INTERVAL, rf"\b{_MONTH}\.? {_DAY} ?(?:-|–|to|through|thru|until|till) ?(?:the )?{_DAY}\b(?! {_MONTH})"),
    (INTERVAL, rf"\bthe {_DAY} (?:-|to|through|thru|until|till) the {_DAY}\b"),
    (INTERVAL, rf"(?<![\w-]){_SPOKEN_YEAR} (?:to|through|thru|until|till) {_SPOKEN_YEAR}\b"),  # twenty-twenty to twenty-twenty-two
    (INTERVAL, rf"(?<![\d,.$])(?:19|20)\d\d ?(?:-|–|to|through|thru|until|till|and) ?(?:(?:19|20)\d\d|\d\d)\b"
               rf"{_NOT_YEAR_AFTER}"),
    # a span named by a date in it or two months: `the week of June 5th`, `from March to June`
    (INTERVAL, rf"\b(?:the )?(?:(?:first|second|third|last|whole|entire|same) )?(?:week|weekend)s? of (?:the )?"
               rf"(?:{_MONTH}\.? {_DAY}|{_DAY}(?: of {_MONTH})?)\b"),
    (INTERVAL, rf"\b(?:the )?(?:first|last|second|third|final) (?:(?:two|three|four|few|couple of) )?(?:weeks|days) "
               rf"of {_FULL_MONTH}\b|\b{_FULL_MONTH} (?:to|through|thru|till|until|-|–) {_FULL_MONTH}\b"),
    # years, seasons and decades
    (INTERVAL, rf"\b(?:in|since|from|until|till|by|before|after|during|around|circa|through|thru|back in|early|late|"
               rf"mid|class of|the year|year|end of|beginning of|start of|middle of|{_SEASON}|fall|"
               # what befell someone in a year: `diagnosed, um, twenty twenty-two`, `widowed 2009`
               rf"diagnosed|married|divorced|widowed|retired|graduated|born){_FILLER}"
               rf"[ -](?:of )?\K{_BARE_YEAR}"),
    # a year said as `oh-nine` after a word that wants a year: `widowed since oh-nine`
    (INTERVAL, rf"\b(?:since|back in|class of|until|till){_FILLER} \Koh[- ](?:{UNIT_RX})\b{_NOT_YEAR_AFTER}"),
    (INTERVAL, rf"\b(?:in|during|over|through|since|until|till|by|before|after|this|last|next|early|late|mid|of|"
               rf"for|around){_FILLER} (?:the )?(?:early |late |mid-?)?\K{_SEASON}\b(?:,? (?:of )?{_BARE_YEAR})?"),
    (INTERVAL, rf"\b(?:this|last|next) \Kfall\b|\b(?:{_SEASON}|fall),? (?:of )?{_BARE_YEAR}"),
    (INTERVAL, r"\b(?:the )?(?:early |late |mid-?)?(?:19|20)\d0['’]?s\b"),
    (INTERVAL, rf"\b(?:back in|during|since|through|throughout|from|of) the (?:early |late |mid-?)?\K"
               rf"(?:['’]\d0s|\d0['’]s|{_DECADE_WORD})\b(?! (?:degrees|today|outside|tonight|tomorrow))"),
    # a card's expiry said relative to now: dates only after an expiry phrase
    (EXPIRY, rf"\b(?:(?:the )?(?:end|beginning|start|middle) of )?(?:next|this|the following) (?:month|year)\b|"
             rf"\b{_FULL_MONTH} (?:of )?(?:next|this|the following) year\b"),
]

# a month named with its day or year, or a full numeric date: a date whatever else is near
STRONG = re.compile(rf"(?<![\d.:/-])\b\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b(?![./:-]?\d)|\b{_MONTH}\.?,? (?:the |of )?(?:{_DAY}|{_YEAR})\b|"
                    rf"\b{_DAY} (?:of )?{_MONTH}\b", re.IGNORECASE)

KINDS = (
    ("DATE_OF_BIRTH", r"born|birth|dob|d\.o\.b|birthday|date of birth"),
    ("CREDIT_CARD_EXPIRATION", r"expir\w*|exp|(?:valid|good) (?:thru|through|until|till)"),
)
WINDOW_CHARS = 80  # a birth or expiry phrase types the dates this far after it
EXPIRY_REACH = 50  # an expiry-only shape must follow its phrase this closely
# between the month and the year of an expiry said in two numbers: "oh two of twenty-nine"
_MONTH_YEAR_GAP = re.compile(r"[ \t]*,?[ \t]*(?:of|slash|/|dash|-|–)?[ \t]*,?[ \t]*", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*,?\s*(?:to|through|thru|until|till|and|-|–)\s*(?:the\s+)?", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)
_CHANGE = re.compile(r"\b(?:chang|mov|switch|push|reschedul|bump|updat|correct|fix|swap)\w*\b[^.?!]*$", re.IGNORECASE)
_CORRECTION = re.compile(r"\b(?:no|sorry|wait|mean|actually|rather|correction|or)\b", re.IGNORECASE)


# things other than a card that expire or are good through a date: `my passport expires in 2031`
# is a date, not a card's expiry (unless a card is named after them)
_NOT_CARD = re.compile(r"\b(?:passport|licen[cs]e|id|registration|lease|policy|coverage|quote|estimate|offer|warranty|"
                       r"membership|subscription|contract|permit|tags?|plates?|prescription|coupon|voucher|points|miles|"
                       r"benefits|certificate|certification|rate|price|deal|promotion|trial|green card|visa (?:status|"
                       r"stamp))\b", re.IGNORECASE)
_CARD = re.compile(r"\b(?:card|credit|debit|amex|mastercard|discover)\b", re.IGNORECASE)
NOT_CARD_CHARS = 100  # how far before an expiry phrase the thing that expires is named


class DateRecognizer(EntityRecognizer):
    PATTERNS = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in DATE_PATTERNS]
    CONTEXTS = [(entity, re.compile(rf"\b(?:{rx})\b", re.IGNORECASE)) for entity, rx in KINDS]
    ENTITIES = {DAY: "DATE_TIME", INTERVAL: "DATE_INTERVAL"}

    def __init__(self) -> None:
        super().__init__(supported_entities=["DATE_TIME", "DATE_INTERVAL", "DATE_OF_BIRTH", "CREDIT_CARD_EXPIRATION"],
                         name="DateRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        cues = sorted((m.start(), m.end(), entity) for entity, rx in self.CONTEXTS for m in rx.finditer(text))
        expiry_ends = [end for _, end, entity in cues if entity == "CREDIT_CARD_EXPIRATION"]
        results, previous_end, k = [], -1, 0
        nearest: tuple[int, int, str] | None = None
        for start, end, kind in self._spans(text, expiry_ends):
            while k < len(cues) and cues[k][1] <= start:
                nearest, k = cues[k], k + 1
            entity = self._entity(text, kind, start, nearest, previous_end)
            previous_end = end
            if entity in entities:
                score = 0.75 if kind == EXPIRY else 0.85 if entity not in self.ENTITIES.values() \
                    else 0.8 if STRONG.search(text, start, end) else 0.6
                results.append(result(self, entity, start, end, score, f"{kind} pattern"))
        return results

    def _entity(self, text: str, kind: str, start: int, cue: tuple[int, int, str] | None, previous_end: int) -> str:
        """A birth or expiry phrase before the date types it, unless another date came between
        them that was not corrected (`born in 1971 and moved here in 2019`: 2019 is a date)."""
        typed = cue is not None and start - cue[1] <= WINDOW_CHARS \
            and (previous_end <= cue[1] or bool(_CORRECTION.search(text, previous_end, start)))
        if typed and cue[2] == "CREDIT_CARD_EXPIRATION" and _other_thing(text, cue[0]):
            # `my passport expires in September`, `the quote is good through the 23rd`
            return "DATE_INTERVAL" if kind == EXPIRY and STRONG.search(text, start, start + 40) \
                else self.ENTITIES.get(kind, "")
        if kind == EXPIRY:
            return "CREDIT_CARD_EXPIRATION" if typed and cue[2] == "CREDIT_CARD_EXPIRATION" else ""
        return cue[2] if typed else self.ENTITIES.get(kind, "")

    def _spans(self, text: str, expiry_ends: list[int]) -> list[tuple[int, int, str]]:
        """Every pattern's matches, those inside a longer one dropped, ranges joined, in order.
        Expiry-only shapes count only just after an expiry phrase."""
        found = [(m.start(), m.end(), kind) for kind, rx in self.PATTERNS
                 if kind != EXPIRY or expiry_ends for m in rx.finditer(text)
                 if m.end() > m.start() and (kind != EXPIRY or _follows(expiry_ends, m.start()))]
        if expiry_ends:
            found += _spoken_expiries(text, expiry_ends)
        found.sort(key=lambda s: (s[0], -s[1]))
        spans: list[tuple[int, int, str]] = []
        for start, end, kind in found:
            if spans and start < spans[-1][1]:
                if end > spans[-1][1]:  # overlapping: one span, the broader kind
                    s, _, k = spans[-1]
                    spans[-1] = (s, end, EXPIRY if EXPIRY in (k, kind) else INTERVAL if INTERVAL in (k, kind) else k)
                continue
            spans.append((start, end, kind))
        return _join_ranges(text, spans)


def _other_thing(text: str, cue_start: int) -> bool:
    """Is what expires named just before the phrase, and not a card?"""
    window = text[max(0, cue_start - NOT_CARD_CHARS):cue_start]
    cut = max((m.end() for m in re.finditer(r"[.?!]\s", window)), default=0)
    things = [m.end() for m in _NOT_CARD.finditer(window, cut)]
    cards = [m.end() for m in _CARD.finditer(window, cut)]
    return bool(things) and (not cards or things[-1] > cards[-1])


def _spoken_expiries(text: str, expiry_ends: list[int]) -> list[tuple[int, int, str]]:
    """A month and a year said as numbers after an expiry phrase: `oh four twenty-six`, `twelve
    twenty-seven`, `oh two of twenty-nine`, `zero two slash two nine`, `eleven, twenty-eight`.
    (Digits Whisper writes, `0 8 2 7`, `10 29`, are digit runs: context_numbers.py's.)"""
    found: list[tuple[int, int, str]] = []
    previous: Quantity | None = None
    for q in find_quantities(text):
        if _follows(expiry_ends, q.start):
            month = previous.digits() if previous is not None else ""
            year = q.digits()
            if month and 1 <= int(month) <= 12 and len(year) == 2 and 10 <= int(year) <= 49 \
                    and _MONTH_YEAR_GAP.fullmatch(text, previous.end, q.start):
                found.append((previous.start, q.end, EXPIRY))
            elif q.month_year():
                found.append((q.start, q.end, EXPIRY))
        previous = q
    return found


def _follows(ends: list[int], start: int) -> bool:
    i = bisect_right(ends, start)
    return i > 0 and start - ends[i - 1] <= EXPIRY_REACH


def _join_ranges(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """`May 9th to May 23rd`, `between March 2nd and March 9th`: one interval. Not `change it
    from the 30th to June 1st`: two dates."""
    joined: list[tuple[int, int, str]] = []
    for span in spans:
        if joined and joined[-1][2] != EXPIRY and span[2] != EXPIRY:
            a = joined[-1]
            gap = _RANGE_GAP.fullmatch(text, a[1], span[0])
            if gap and ("and" not in gap.group().lower() or _BETWEEN.search(text, max(0, a[0] - 12), a[0])) \
                    and not _CHANGE.search(text, max(0, a[0] - 40), a[0]):
                joined[-1] = (a[0], span[1], INTERVAL)
                continue
        joined.append(span)
    return joined
