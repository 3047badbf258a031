"""Find runs of spoken or written digits and read them as a digit string.

Whisper writes the same speech as `610-265-1714`, `6 1 0, 2 6 5…`, `6102651714`, `six one zero…`,
mixes in `oh` for zero, `double four`, fillers (`nine one two, uh, zero…`) and spelled letters of
ids (`H O dash 4 4 1 8`), and sometimes drops or adds a digit (shared/notes/asr-and-detection.md).
Recognizers classify the digit string, not the spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

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
               "NO", "OR", "AND", "THE", "MR", "MRS", "MS", "DR", "AT", "IT", "IS", "ON", "IN", "TO", "CID", "CSC",
               # the names of the numbers said next to them (`account 3 3 0 1…, ABA 1 2 2…`)
               "ABA", "IBAN", "BIC", "SWIFT", "MRN", "NPI", "EIN", "TIN", "ITIN", "KTN", "PNR", "RMA", "RX", "EXT"}

# the spelling alphabet callers use for the letters of an id (`K as in kilo`, `seven quebec`)
NATO = {"alpha", "alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
        "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
        "uniform", "victor", "whiskey", "whisky", "x-ray", "xray", "yankee", "zulu"}
# "A" and "I" are words far more often than letters: one counts as a letter only at the head of
# a run of single digits (`A 3 1 4 0 9 7 5 2`, a passport read out)
WORD_LETTERS = {"A", "I"}

_UNIT_ALT = "one|two|three|four|five|six|seven|eight|nine"
_WORD = "|".join(sorted([*UNITS, *TEENS, *TENS, *REPEAT], key=len, reverse=True))
_NATO = "|".join(sorted(NATO, key=len, reverse=True))
TOKEN = re.compile(
    # ids written as one token: `HO-4418`, `XJ4-88213`, `W268-441-093-KP`, `INC0048812`, `1Z`
    r"(?P<id>\b[A-Z]{1,4}-[A-Z0-9]*\d[A-Z0-9]*\b"
    r"|\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)+\b"
    r"|\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,}\b)"
    r"|(?P<digits>\+?\(?\d+\)?)"
    # a letter named by a word: `K as in kilo`, `B as in boy` (the word must start with the letter)
    r"|(?P<spelled>(?i:\b[a-z],?\s(?:as in|like in)\s[a-z][a-z'-]*\b))"
    rf"|(?P<word>(?i:\b(?:{_WORD})(?:-(?:{_UNIT_ALT}))?\b))"
    rf"|(?P<nato>(?i:\b(?:{_NATO})\b))"
    r"|(?P<letters>\b[A-Z]{1,3}\b(?!['’]))"
    # a lower-case letter of an id (`x j 4 8 8…`); not "a", "i" or "o", which are words or zero
    r"|(?P<lower>(?<!['’])\b[b-hj-np-z]\b(?![-'’]))"
)
_LETTER_KINDS = {"letters", "spelled", "nato", "lower"}
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
    bare: Run | None = None  # the run without the letters at its edges, when it has some
    ids: int = 0  # tokens written as one id (`XJ4-88213`, `22A`)

    @property
    def alnum(self) -> bool:
        return not self.digits.isdigit()

    @cached_property  # asked for by every kind a run is tried as
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


def _letter(tok: re.Match[str]) -> str:
    """The letter a letter token stands for ("" for a spelled word that does not fit its letter)."""
    text = tok.group()
    if tok.lastgroup == "spelled":
        word = text.split()[-1]
        return text[0].upper() if word[0].lower() == text[0].lower() else ""
    if tok.lastgroup in {"nato", "lower"}:
        return text[0].upper()
    return text


def _single(tok: re.Match[str]) -> bool:
    """One character of an id: a digit, a letter, a number word for one digit, a spelled letter."""
    kind = tok.lastgroup
    if kind in {"digits", "letters"}:
        return len(tok.group()) == 1 and tok.group() not in WORD_LETTERS
    return kind in {"spelled", "nato", "lower"} or tok.group().lower() in UNITS


def _tokens(text: str) -> list[re.Match[str]]:
    found = [m for m in TOKEN.finditer(text)
             if not (m.lastgroup == "letters" and m.group() in NOT_LETTERS - WORD_LETTERS)
             and not (m.lastgroup == "spelled" and not _letter(m))]
    # "A"/"I" stay only amid single characters of an id: before two (`A 3 1`), or after one
    # (`7 A B C`); "I" after a letter only (`…2.3.1 I think`)
    return [m for i, m in enumerate(found)
            if m.group() not in WORD_LETTERS or m.lastgroup != "letters"
            or (i > 0 and _single(found[i - 1]) and _joined(text, found[i - 1], m)
                and (m.group() == "A" or found[i - 1].lastgroup in _LETTER_KINDS))
            or (i + 2 < len(found) and all(_single(t) for t in found[i + 1:i + 3])
                and _joined(text, m, found[i + 1]) and _joined(text, found[i + 1], found[i + 2]))]


_SENTENCE_END = re.compile(r"[.?!]\s")


def _joined(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    gap = text[a.end():b.start()]
    if not GAP.match(gap):
        return False
    # a letter across a sentence end is a word (`…is 4418. Mike, can you…`), not part of the id
    return not (_SENTENCE_END.search(gap) and (a.lastgroup in _LETTER_KINDS or b.lastgroup in _LETTER_KINDS))


def find_runs(text: str) -> list[Run]:
    """Maximal runs of number tokens joined by spaces, punctuation, `dash`/`slash` or fillers."""
    tokens = _tokens(text)
    runs: list[Run] = []
    i = 0
    while i < len(tokens):
        j = i
        while j + 1 < len(tokens) and _joined(text, tokens[j], tokens[j + 1]):
            j += 1
        run = _read_run(text, tokens[i:j + 1])
        if run is not None:
            runs.append(run)
        i = j + 1
    return runs


def _trailing_letter(text: str, toks: list[re.Match[str]]) -> bool:
    """Is the last token a letter said after the number rather than a letter of it? A word of
    capitals (`PA`) is; so is a spelling-alphabet word after punctuation (`4418, Mike`)."""
    last = toks[-1]
    if last.lastgroup == "letters":
        return len(last.group()) > 1
    if last.lastgroup in {"nato", "lower"}:
        return len(toks) < 2 or not text[toks[-2].end():last.start()].isspace()
    return False


def _read_run(text: str, toks: list[re.Match[str]]) -> Run | None:
    # letters belong to a run only next to digits: trim words said after the number
    while toks and (toks[-1].lastgroup in _LETTER_KINDS and not any(t.lastgroup not in _LETTER_KINDS for t in toks)
                    or _trailing_letter(text, toks)):
        toks = toks[:-1]
    run = _build(toks)
    if run is None:
        return None
    # a plain letter or two before fewer than 3 digits is a word (`B 2`, `the K 9 unit`)
    if toks[0].lastgroup in {"letters", "nato", "lower"} and run.digit_count < 3 and len(toks) <= 3:
        toks = toks[1:]
        run = _build(toks)
        if run is None:
            return None
    # the run without letters at its edges, for kinds that hold digits only (`…1714, B`)
    a, b = 0, len(toks)
    while a < b and toks[a].lastgroup in _LETTER_KINDS:
        a += 1
    while b > a and toks[b - 1].lastgroup in _LETTER_KINDS:
        b -= 1
    if (a, b) != (0, len(toks)) and a < b:
        return replace(run, bare=_build(toks[a:b]))
    return run


def _build(toks: list[re.Match[str]]) -> Run | None:
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
        elif kind in _LETTER_KINDS:
            piece = _letter(toks[k])
            spoken = spoken or kind != "letters"
        else:
            piece = tok.strip("+()").upper().replace("-", "")
        digits += piece * repeat if repeat > 1 and len(piece) == 1 else piece
        repeat = 1
        k += 1
    if not any(c.isdigit() for c in digits):
        return None
    # letters whose only "digits" are O's are a spelled word (`Q-U-I-R-O-G-A`, `O B I`)
    if any(t.lastgroup in _LETTER_KINDS for t in toks) and all(
            t.group().lower() in {"o", "oh"} for t in toks if t.lastgroup not in _LETTER_KINDS):
        return None
    # a lone number word ("one of them", "oh") is ordinary speech, not a number
    if spoken and len(toks) == 1 and len(digits) <= 2:
        return None
    return Run(start=toks[0].start(), end=toks[-1].end(), digits=digits, tokens=len(toks), spoken=spoken,
               ids=sum(t.lastgroup == "id" for t in toks))
