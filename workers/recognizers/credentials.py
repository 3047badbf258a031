"""Secrets a caller reads out: passwords, PINs, usernames — the value after the announcing phrase."""

from presidio_analyzer import EntityRecognizer, RecognizerResult

from workers.recognizers.result import result

import re

# the value: up to a clause end, at most six words (passwords are read word by word)
_VALUE = r"((?:[\w@#$%&*!.+-]+(?: exclamation point| at sign| hashtag| dollar sign| underscore)?[ ]?){1,6}?)"
_END = r"(?=[,.;?]\s|[,.;?]$|$| but | and | no | sorry| right\b| okay\b| if )"
_LEAD = r"(?:is|was|it's|its|is like|was like)?[, ]*(?:um|uh)?[, ]*(?:it's|its)?[, ]*"
RULES = [
    ("PASSWORD", re.compile(rf"\b(?:password|passcode|pass code|pin(?: number)?|security answer)\b[, ]*{_LEAD}"
                            rf"{_VALUE}{_END}", re.IGNORECASE)),
    ("USERNAME", re.compile(rf"\b(?:username|user name|user id|login|handle)\b(?: for (?:the |your |my )?\w+)?[?,. ]*{_LEAD}"
                            rf"{_VALUE}{_END}", re.IGNORECASE)),
]
NOT_VALUES = {"the", "a", "my", "your", "it", "that", "this", "same", "wrong", "right", "correct", "reset",
              "changed", "expired", "locked", "again", "for", "please", "and", "to", "on", "in", "sorry", "no", "yes",
              "um", "uh", "is", "was"}


class CredentialRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["PASSWORD", "USERNAME"], name="CredentialRecognizer",
                         supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        out = []
        for entity, rx in RULES:
            if entity not in entities:
                continue
            for m in rx.finditer(text):
                value = m.group(1).strip()
                if not value or value.split()[0].lower() in NOT_VALUES:
                    continue
                start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
                out.append(result(self, entity, start, start + len(value), 0.7, "announced secret"))
        return out
