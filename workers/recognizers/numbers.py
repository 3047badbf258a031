"""Find runs of spoken or written digits and read them as a digit string.

Whisper writes the same speech as `610-265-1714`, `6 1 0, 2 6 5…`, `6102651714`, `six one zero…`,
mixes in `oh` for zero and `double four`, and sometimes drops or adds a digit
(shared/notes/asr-and-detection.md). Recognizers work on the digit string, not the spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
         "six": "6", "seven": "7", "eight": "8", "nine": "9"}
TEENS = {"ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15",
         "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19"}
TENS = {"twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6", "seventy": "7", "eighty": "8",
        "ninety": "9"}
REPEAT = {"double": 2, "triple": 3}

_WORD = "|".join(sorted([*UNITS, *TEENS, *TENS, *REPEAT], key=len, reverse=True))
# a token: digits (optionally in parentheses), a number word (tens may carry -one…-nine), or an
# uppercase alphanumeric id with at least one digit (KD-1965217, B4V43855)
TOKEN = re.compile(
    rf"\(?\d+\)?|\b(?:{_WORD})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?\b"
    r"|\b[A-Z]{1,4}-[A-Z0-9]*\d[A-Z0-9]*\b"
    r"|\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,}\b",
)
_CASELESS_WORD = re.compile(rf"(?i)\b(?:{_WORD})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?\b")
# what may sit between two tokens of one run
GAP = re.compile(r"[ \t]*(?:[,.\-/][ \t]*|[ \t]+)$|^$")


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    digits: str  # the digits read (letters kept for alphanumeric ids)
    tokens: int
    spoken: bool  # at least one token was a word

    @property
    def alnum(self) -> bool:
        return not self.digits.isdigit()


def _read(token: str, nxt: str | None) -> tuple[str, bool]:
    """Digits for one token; second value: the next token was consumed (tens + unit)."""
    t = token.lower().strip("()")
    if t.isdigit():
        return t, False
    if t in UNITS:
        return UNITS[t], False
    if t in TEENS:
        return TEENS[t], False
    if "-" in t and t.split("-", 1)[0] in TENS:
        tens, unit = t.split("-", 1)
        return TENS[tens] + UNITS[unit], False
    if t in TENS:
        if nxt and nxt.lower() in UNITS and nxt.lower() not in {"zero", "oh", "o"}:
            return TENS[t] + UNITS[nxt.lower()], True
        return TENS[t] + "0", False
    return token.upper(), False  # alphanumeric id


def find_runs(text: str) -> list[Run]:
    """Maximal runs of number tokens joined by spaces, commas, dashes, dots or slashes."""
    tokens = sorted([*TOKEN.finditer(text), *_CASELESS_WORD.finditer(text)], key=lambda m: m.start())
    tokens = [t for i, t in enumerate(tokens) if not i or t.start() >= tokens[i - 1].end()]
    runs: list[Run] = []
    i = 0
    while i < len(tokens):
        j = i
        while j + 1 < len(tokens) and GAP.match(text[tokens[j].end():tokens[j + 1].start()]):
            j += 1
        runs.extend(_split_run(text, tokens[i:j + 1]))
        i = j + 1
    return runs


def _split_run(text: str, toks: list[re.Match[str]]) -> list[Run]:
    words = [t.group() for t in toks]
    digits = ""
    spoken = False
    k = 0
    repeat = 1
    start = end = None
    while k < len(words):
        w = words[k].lower()
        if w in REPEAT:
            repeat = REPEAT[w]
            spoken = True
            k += 1
            if start is None:
                start = toks[k - 1].start()
            continue
        if w == "o" and not (k and words[k - 1].lower() in {*UNITS, *TEENS, *TENS}):
            k += 1  # a lone "o" is a letter, not a zero
            continue
        piece, consumed = _read(words[k], words[k + 1] if k + 1 < len(words) else None)
        spoken |= bool(_CASELESS_WORD.fullmatch(words[k]))
        digits += piece[0] * repeat + piece[1:] if repeat > 1 and len(piece) == 1 else piece
        repeat = 1
        if start is None:
            start = toks[k].start()
        k += 1 + consumed
        end = toks[k - 1].end()
    if start is None or end is None or not digits:
        return []
    # a run that is only the word "one" or "oh" is ordinary speech, not a number
    if spoken and len(digits) == 1 and len(toks) == 1:
        return []
    return [Run(start=start, end=end, digits=digits, tokens=len(toks), spoken=spoken)]
