"""Find runs of spoken or written digits and read them as a digit string.

Whisper writes the same speech as `610-265-1714`, `6 1 0, 2 6 5…`, `6102651714`, `six one zero…`,
mixes in `oh` for zero, `double four`, fillers (`nine one two, uh, zero…`) and spelled letters of
ids (`H O dash 4 4 1 8`), and sometimes drops or adds a digit (shared/notes/asr-and-detection.md).
Recognizers classify the digit string, not the spelling.
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
NUMBER_WORDS = {*UNITS, *TEENS, *TENS}
# capitals that are words, not letters of an id
NOT_LETTERS = {"I", "A", "SSN", "DOB", "CVV", "CVC", "ID", "DL", "PIN", "VIN", "IP", "PO", "OK", "AM", "PM", "TV",
               "US", "USA", "ZIP", "EXP", "MRI", "CT", "ER", "IRS", "ATM", "ACH", "DC", "MD", "ST", "APT", "LTE",
               "NO", "OR", "AND", "THE", "MR", "MRS", "MS", "DR", "AT", "IT", "IS", "ON", "IN", "TO"}

_UNIT_ALT = "one|two|three|four|five|six|seven|eight|nine"
_WORD = "|".join(sorted([*UNITS, *TEENS, *TENS, *REPEAT], key=len, reverse=True))
TOKEN = re.compile(
    r"(?P<id>\b[A-Z]{1,4}-[A-Z0-9]*\d[A-Z0-9]*\b|\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,}\b)"
    r"|(?P<digits>\+?\(?\d+\)?)"
    rf"|(?P<word>(?i:\b(?:{_WORD})(?:-(?:{_UNIT_ALT}))?\b))"
    r"|(?P<letters>\b[A-Z]{1,3}\b(?!['’]))"
)
_FILLER = r"(?:uh+|um+|er|ah|hmm)"
_SEP_WORD = r"(?:dash|hyphen|slash)"
# what may sit between two tokens of one run
GAP = re.compile(rf"^(?:\s*[,.\-/]\s*|\s+|\s*,?\s*(?:{_SEP_WORD}|{_FILLER}),?\s*)*$", re.IGNORECASE)


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

    @property
    def digit_count(self) -> int:
        return sum(c.isdigit() for c in self.digits)


def _word(word: str) -> str:
    return UNITS.get(word) or TEENS.get(word) or (TENS[word] + "0" if word in TENS else "")


def _hyphenated(word: str) -> str:
    """`forty-two` → 42; any other pair (`eleven-two`, `oh-five`, `double-four`) reads each part:
    Whisper hyphenates digits said in one breath, not only tens and units."""
    first, second = word.split("-", 1)
    if first in TENS and second in UNITS and UNITS[second] != "0":
        return TENS[first] + UNITS[second]
    if first in REPEAT:
        return _word(second) * REPEAT[first] if len(_word(second)) == 1 else _word(second)
    return _word(first) + _word(second)


def _tokens(text: str) -> list[re.Match[str]]:
    return [m for m in TOKEN.finditer(text) if not (m.lastgroup == "letters" and m.group() in NOT_LETTERS)]


def find_runs(text: str) -> list[Run]:
    """Maximal runs of number tokens joined by spaces, punctuation, `dash`/`slash` or fillers."""
    tokens = _tokens(text)
    runs: list[Run] = []
    i = 0
    while i < len(tokens):
        j = i
        while j + 1 < len(tokens) and GAP.match(text[tokens[j].end():tokens[j + 1].start()]):
            j += 1
        run = _read_run(tokens[i:j + 1])
        if run is not None:
            runs.append(run)
        i = j + 1
    return runs


def _read_run(toks: list[re.Match[str]]) -> Run | None:
    # letters belong to a run only next to digits: trim them off a run that has too few
    while toks and toks[-1].lastgroup == "letters":
        toks = toks[:-1]
    if not toks:
        return None
    digits = ""
    spoken = False
    repeat = 1
    k = 0
    while k < len(toks):
        tok, kind = toks[k].group(), toks[k].lastgroup
        low = tok.lower()
        if kind == "word" and low in REPEAT:
            repeat, spoken = REPEAT[low], True
            k += 1
            continue
        if kind == "word":
            spoken = True
            if "-" in low:
                piece = _hyphenated(low)
            elif low in TENS:
                nxt = toks[k + 1].group().lower() if k + 1 < len(toks) else ""
                if nxt in UNITS and nxt not in {"zero", "oh", "o"}:
                    piece = TENS[low] + UNITS[nxt]
                    k += 1
                else:
                    piece = TENS[low] + "0"
            else:
                piece = UNITS.get(low) or TEENS[low]
        elif kind == "letters":
            piece = tok
        else:
            piece = tok.strip("+()").upper().replace("-", "")
        digits += piece * repeat if repeat > 1 and len(piece) == 1 else piece
        repeat = 1
        k += 1
    if not any(c.isdigit() for c in digits):
        return None
    # a lone number word ("one of them", "oh") is ordinary speech, not a number
    if spoken and len(toks) == 1 and len(digits) <= 2:
        return None
    letters_first = toks[0].lastgroup == "letters" and sum(c.isdigit() for c in digits) < 3
    first = toks[1] if letters_first and len(toks) > 1 else toks[0]
    if letters_first:
        digits = digits[len(toks[0].group()):]
    return Run(start=first.start(), end=toks[-1].end(), digits=digits, tokens=len(toks), spoken=spoken)
