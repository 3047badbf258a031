"""Calendar dates in written and spoken form, typed by what announced them: a birth date, a
card expiry, or just a date. Relative phrases (`today`, `last year`) are not PII and not found."""

from __future__ import annotations

import regex as re  # variable-width look-behind; Presidio uses it too

from presidio_analyzer import EntityRecognizer, RecognizerResult

from workers.recognizers.result import result

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_ORD_WORDS = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
              r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|"
              r"(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))")
_DAY = rf"(?:[0-3]?\d(?:st|nd|rd|th)?|{_ORD_WORDS})"
_NUM_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|" \
            r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|oh|hundred)"
_YEAR_WORDS = rf"(?:(?:nineteen|twenty|two thousand(?: and)?)(?:[- ]{_NUM_WORD}){{0,2}})"
_YEAR = rf"(?:(?:19|20)\d\d|'\d\d|{_YEAR_WORDS})"

DATE_PATTERNS = [
    r"\b[01]?\d[/.-][0-3]?\d[/.-](?:\d{4}|\d{2})\b",  # 12/17/2024, 1/3/54
    rf"\b{_MONTH}\.? {_DAY},? {_YEAR}\b",  # December 17th, 1986
    rf"\b(?:the )?{_DAY} (?:of )?{_MONTH},? {_YEAR}\b",  # the 4th of June, 1995
    rf"\b{_MONTH}\.? (?:of )?{_YEAR}\b",  # June of 2029 (an expiry, usually)
    rf"\b{_MONTH}\.? {_DAY}\b(?!:)",  # August 21st
    rf"\b(?:the )?{_DAY} of {_MONTH}\b",  # the 24th of May
    r"\b[01]?\d/(?:\d{4}|\d{2})\b",  # 07/2029, 09/27 (month/year)
    rf"\b{_MONTH} the {_DAY},? {_YEAR}\b",  # June the fourth, two thousand one
    rf"\b{_MONTH} the {_DAY}\b",
    # a day of the month, a weekday or a month named as when something happens (\K: the span
    # starts after the cue and any filler)
    rf"\b(?:on|by|due|until|till|before|after|since|from)(?:,? (?:uh|um),?)? \Kthe {_DAY}\b(?! (?:one|option|"
    rf"time|thing|step|page|floor|place|item|payment|person|call|of (?!{_MONTH})))",
    r"\b(?:on|by|this|next|last|until|till|before|after|since|every)(?:,? (?:uh|um),?)? "
    r"\K(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    r"\b(?:in|since|by|until|till|before|after|early|late|mid|end of|beginning of)(?:,? (?:uh|um),?)? "
    r"\K(?:January|February|March|April|May|June|July|August|September|October|November|December)\b",
]

KINDS = (
    ("DATE_OF_BIRTH", r"born|birth|dob|d\.o\.b|birthday|date of birth"),
    ("CREDIT_CARD_EXPIRATION", r"expir\w*|exp|valid (?:thru|through)|good (?:thru|through)"),
)
WINDOW_CHARS = 80


class DateRecognizer(EntityRecognizer):
    PATTERNS = [re.compile(p, re.IGNORECASE) for p in DATE_PATTERNS]
    CONTEXTS = [(entity, re.compile(rf"\b(?:{rx})\b", re.IGNORECASE)) for entity, rx in KINDS]

    def __init__(self) -> None:
        super().__init__(supported_entities=["DATE_TIME", "DATE_OF_BIRTH", "CREDIT_CARD_EXPIRATION"],
                         name="DateRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        spans: list[tuple[int, int]] = []
        for rx in self.PATTERNS:
            for m in rx.finditer(text):
                if not any(s <= m.start() and m.end() <= e for s, e in spans):
                    spans = [(s, e) for s, e in spans if not (m.start() <= s and e <= m.end())]
                    spans.append((m.start(), m.end()))
        results = []
        for start, end in spans:
            entity = self._kind(text[max(0, start - WINDOW_CHARS):start])
            if entity in entities:
                results.append(result(self, entity, start, end, 0.85 if entity != "DATE_TIME" else 0.6, "date pattern"))
        return results

    def _kind(self, before: str) -> str:
        nearest: tuple[int, str] | None = None
        for entity, rx in self.CONTEXTS:
            for m in rx.finditer(before):
                distance = len(before) - m.end()
                if nearest is None or distance < nearest[0]:
                    nearest = (distance, entity)
        return nearest[1] if nearest else "DATE_TIME"
