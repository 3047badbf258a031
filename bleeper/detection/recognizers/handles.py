"""Usernames and handles known by their shape, where no phrase announced them: a caller reading
what they typed (`I tried molar underscore mama and then molarmama2`, `on the leaderboard I'm
PaceyMcPaceface`, `log in as beaulieu underscore gus`, `my old account was under Gr8fulDad1971`).

credentials.py reads the value after `username`, `login`, `handle`…; this reads values that look
like nothing but a handle — words joined by a said `underscore`, or one written token that mixes
letters and digits or runs words together in CamelCase — when the talk is of accounts. Such a
token in other talk (`covid19`, `iPhone`) stays clear, and one after a password's phrase is left
to the password rules.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.result import merged, result

# words joined by a said underscore, digits and number words allowed: `beaulieu underscore gus`,
# `molar underscore mama 22`, `the underscore real underscore deal`
_PIECE = r"[a-z][a-z0-9'-]*|\d+"
SPOKEN = re.compile(rf"(?i)(?<![\w'’])(?:{_PIECE})(?: (?:underscore|under score)(?: (?:{_PIECE}))+?)+"
                    rf"(?: \d+| (?:one|two|three|four|five|six|seven|eight|nine|zero|oh))*\b")
# one written token: letters then digits (`jmarchetti7`), letters and digits mixed (`Gr8fulDad1971`),
# or two humps of CamelCase after the first (`PaceyMcPaceface`); underscores and dots inside
WRITTEN = re.compile(r"(?<![\w@.-])(?:[A-Za-z]{4,}[\w.]*\d[\w.]*|[A-Za-z]+\d+[A-Za-z]+\w*|"
                     r"[A-Z]?[a-z]+(?:[A-Z][a-z]+){2,}\d*|[a-z]+_[\w.]+)(?![\w@-]|\.\w)")
# the talk is of accounts: within the sentence around the value
ACCOUNT_TALK = re.compile(
    r"(?i)\b(?:user ?names?|usernames?|log(?:ged|ging)? ?in|login|sign(?:ed|ing)? (?:in|up)|account|portal|"
    r"app|profile|handle|leaderboard|screen ?name|online|website|site|platform|gamertag|tagged|dm|followers?|"
    r"channel|server|email|taken|available)\b")
# a password's value is the password rules' (credentials.py), even when shaped like a handle
SECRET_BEFORE = re.compile(r"(?i)\b(?:password|passcode|pass code|pin|passphrase|security (?:answer|word))\b[^.?!]{0,40}$")
# the local part of an email said on (`patrick underscore o n e i l l at yahoo dot com`)
EMAIL_AFTER = re.compile(r"(?i)^(?:\s+[a-z0-9]+){0,8}?\s*(?:\bat\b|@)\s*(?:[a-z]+\s*(?:dot|\.)\s*[a-z]+|"
                         r"(?:gmail|yahoo|hotmail|outlook|aol|icloud|proton\w*|comcast|verizon|att)\b)")
# written tokens that are codes, not handles: `COVID19`, `B12`, `MP3`, model and form numbers
NOT_HANDLES = re.compile(r"(?i)^(?:covid\d*|h\d+n\d+|mp\d|w\d+|a1c|[a-z]{1,3}\d{1,3})$")
_SENTENCE = re.compile(r"(?:[^.?!]|[.?!](?=\w))*[.?!]*")  # a dot inside a token (`mina.k`) ends nothing


class HandleRecognizer(EntityRecognizer):
    """USERNAME: handles by their shape in talk of accounts."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["USERNAME"], name="HandleRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "USERNAME" not in entities:
            return []
        found: list[tuple[int, int, float]] = []
        for sentence in _SENTENCE.finditer(text):
            s, e = sentence.span()
            if s == e or not ACCOUNT_TALK.search(text, s, e) and "underscore" not in text[s:e].lower():
                continue
            for m in [*SPOKEN.finditer(text, s, e), *WRITTEN.finditer(text, s, e)]:
                if SECRET_BEFORE.search(text[s:m.start()]) or EMAIL_AFTER.match(text[m.end():e]):
                    continue
                if m.re is WRITTEN and (NOT_HANDLES.match(m.group()) or not ACCOUNT_TALK.search(text, s, e)
                                        or m.group().upper() == m.group()):  # `XJ4882`: an id's shape
                    continue
                found.append((m.start(), m.end(), 0.6 if m.re is SPOKEN else 0.55))
        return [result(self, "USERNAME", a, b, score, "shaped like a handle, in talk of accounts")
                for a, b, score in merged(found)]
