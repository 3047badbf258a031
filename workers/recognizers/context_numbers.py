"""Numbers named by what was said before them: `the security code is 317`, `my social? 1728`.

One recognizer for every kind of number, because the kinds compete for the same digits: the
context phrase nearest before a run decides what it is (`Expiration is 07/31, security code
518`: 518 is the CVV). Without context, the digits' shape decides (Luhn for cards, NANP shape for
phones) and any other long run is still redacted as a number sequence: fail closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from workers.recognizers.digits import luhn_ok
from workers.recognizers.numbers import Run, find_runs


@dataclass(frozen=True)
class Kind:
    entity: str
    context: str  # regex of phrases that announce this kind
    digits: tuple[int, int]  # accepted digit count when announced
    alnum: bool = False  # letters allowed (ids)


KINDS = (
    Kind("CREDIT_CARD_CVV", r"cvv|cvc|csc|cid|security code|(?:three|four|3|4)[- ]digit code|code on the back|"
         r"card verification|verification code", (3, 4)),
    Kind("CREDIT_CARD_EXPIRATION", r"expir\w*|exp date|valid (?:thru|through)|good (?:thru|through)", (3, 6)),
    Kind("CREDIT_CARD", r"card(?: number)?|credit|debit|visa|master ?card|amex|american express|discover", (12, 20)),
    Kind("CREDIT_CARD", r"(?:card )?ending in|last (?:four|4)(?: digits)?(?: of (?:the|your) card)?", (4, 4)),
    Kind("US_SSN", r"social(?: security)?(?: number)?|ssn|last (?:four|4) of (?:your|my|the) social", (4, 10)),
    Kind("US_BANK_NUMBER", r"(?:bank |checking |savings )?account(?: number)?|routing(?: number)?|aba|"
         r"account and routing", (6, 17)),
    Kind("US_DRIVER_LICENSE", r"driver'?s licen[cs]e(?: number)?|licen[cs]e(?: number)?|\bdl\b(?: number)?", (5, 15),
         alnum=True),
    Kind("US_PASSPORT", r"passport(?: number)?", (6, 10), alnum=True),
    Kind("LOCATION", r"zip(?: code)?|postal code", (5, 9)),
    Kind("PHONE_NUMBER", r"phone|cell|mobile|call(?:back)?(?: me)?(?: at)?|reach (?:me|you|him|her)(?: at)?|"
         r"telephone|contact number|work number|home number|text me|fax", (7, 11)),
    Kind("NUMBER_SEQUENCE", r"confirmation|reference|case|claim|tracking|order|ticket|member(?:ship)? id|"
         r"member number|policy|invoice|id number|customer number|account id|\bid\b", (4, 20), alnum=True),
)
WINDOW_WORDS = 10
_WORDS = re.compile(r"[\w']+")


def _nanp(digits: str) -> bool:
    d = digits[1:] if len(digits) == 11 and digits[0] == "1" else digits
    return len(d) == 10 and d[0] in "23456789" and d[3] in "23456789"


class ContextNumberRecognizer(EntityRecognizer):
    KINDS = KINDS
    CONTEXTS = [(k, re.compile(rf"\b(?:{k.context})\b", re.IGNORECASE)) for k in KINDS]

    def __init__(self) -> None:
        super().__init__(
            supported_entities=sorted({k.entity for k in KINDS}),
            name="ContextNumberRecognizer",
            supported_language="en",
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        results = []
        for run in find_runs(text):
            found = self._classify(text, run)
            if found and found[0] in entities:
                entity, score, why = found
                results.append(RecognizerResult(
                    entity, run.start, run.end, score,
                    analysis_explanation=AnalysisExplanation(self.name, score, textual_explanation=why),
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                          RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
                ))
        return results

    def _classify(self, text: str, run: Run) -> tuple[str, float, str] | None:
        n = len(run.digits)
        before = text[:run.start]
        window_start = max(0, len(before) - 120)
        words_before = _WORDS.findall(before[window_start:])
        # nearest announcing phrase for each kind that accepts this many digits
        best: tuple[int, Kind] | None = None
        for kind, rx in self.CONTEXTS:
            if not kind.digits[0] <= n <= kind.digits[1] or (run.alnum and not kind.alnum):
                continue
            for m in rx.finditer(before, window_start):
                distance = len(_WORDS.findall(before[m.end():]))
                if distance <= WINDOW_WORDS and (best is None or distance < best[0]):
                    best = (distance, kind)
        if best is not None:
            distance, kind = best
            if kind.entity == "CREDIT_CARD" and 13 <= n <= 19 and luhn_ok(run.digits):
                return kind.entity, 1.0, "card context and Luhn"
            return kind.entity, round(0.95 - 0.02 * distance, 3), f"context {distance} words before"
        if run.alnum:
            return None
        # no context: the shape of the digits
        if 13 <= n <= 19 and luhn_ok(run.digits):
            return "CREDIT_CARD", 0.9, "Luhn-valid digit run"
        if _nanp(run.digits):
            return "PHONE_NUMBER", 0.7, "NANP-shaped digit run"
        if re.fullmatch(r"\d{3}-\d{2}-\d{4}", text[run.start:run.end]):
            return "US_SSN", 0.7, "SSN-shaped"
        if n >= 7 and (run.tokens >= 3 or n >= 9):
            return "NUMBER_SEQUENCE", 0.5, "long digit run"
        return None
