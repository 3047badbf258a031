"""Quantities as people say them and Whisper writes them, read as values: `forty-two hundred`,
`a hundred and five`, `two thousand twenty-nine`, `one fifty`, `$1,250.00`, `2.5k`, `four point
five`, `sixty-something`, `fiftyish`, `a couple hundred`, `seventeen hundred and some change`.

numbers.py reads digit strings, where every digit counts and none is a quantity (phones, cards);
this reads amounts, ages, years and clock times. Cardinals said one after another stay apart as
groups: `forty nine ninety nine` is (49, 99), which a price, a clock time or a year reads its
own way (`Quantity.price`, `.clock`, `.year`, `.month_year`, in quantity_readings.py). One pass
over the words, so it is linear in the text; the word tables are numbers.py's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bleeper.detection.recognizers.numbers import TEENS, TENS, UNITS
from bleeper.detection.recognizers.quantity_readings import Group, Quantity

SMALL = {**{w: int(d) for w, d in UNITS.items() if w != "o"}, **{w: int(d) for w, d in TEENS.items()},
         **{w: int(d) * 10 for w, d in TENS.items()}}
MAGNITUDES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
VAGUE = {"couple": 2, "few": 3, "several": 3}  # "a couple hundred": a number, roughly
SUFFIX_K = {"k": 1_000, "bn": 1_000_000_000}  # not "m": 5m is as often minutes or metres
HEDGES = {"about", "around", "roughly", "approximately", "almost", "nearly", "over", "under", "like", "maybe",
          "least", "than"}

# regex pieces for patterns elsewhere (dates, times): 1-99 said in words
UNIT_RX = "one|two|three|four|five|six|seven|eight|nine"
TEEN_RX = "|".join(TEENS)
TENS_RX = "|".join(TENS)
SMALL_RX = rf"(?:(?:{TENS_RX})(?:[- ](?:{UNIT_RX}))?|{TEEN_RX}|{UNIT_RX})"

# words and numbers; a hyphen or an apostrophe splits them (`forty-two`, `she's`)
_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?[A-Za-z]*|[A-Za-z]+")
_DIGITS = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-z]*)")
_SPACE = re.compile(r"\s*-\s*|\s+")
_STRUCTURE = set("/:-(")  # digits glued to these belong to a date, a time, a phone number


class _Reader:
    """The state of one cardinal being read word by word."""

    def __init__(self) -> None:
        self.total = 0.0  # thousands and up, done
        self.current = 0.0  # below a thousand, in progress
        self.last = ""  # kind of the last word: small, tens, hundred, magnitude, and, digits
        self.words = 0
        self.zero_led = False

    @property
    def started(self) -> bool:
        return self.words > 0

    def group(self) -> Group:
        return Group(self.total + self.current, self.zero_led, self.words)


def _small(word: str) -> int | None:
    return SMALL.get(word)


def _suffix_value(word: str) -> tuple[int | None, bool]:
    """`fiftyish` (50, approximate), `twentysomething` (20, approximate)."""
    for suffix in ("ish", "something"):
        if word.endswith(suffix) and word[:-len(suffix)] in SMALL:
            return SMALL[word[:-len(suffix)]], True
    return None, False


@lru_cache(maxsize=4)  # money, age, dates, durations and times all read the same text in turn
def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in `text`, in order, none overlapping. Digits glued to `/`, `:`, `-` or a
    letter (`12/15`, `9:30`, `610-265-1714`, `22A`) are left to the recognizers of those shapes."""
    tokens = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)]
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        q, i = _read(text, tokens, i)
        if q is not None:
            found.append(q)
    return tuple(found)


def _gap(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> str | None:
    """The kind of space between two tokens: " " (spaces), "-" (a hyphen), None (anything else)."""
    between = text[a[1]:b[0]]
    if not between:
        return None
    if between.isspace():
        return " "
    return "-" if _SPACE.fullmatch(between) else None


def _digits_token(text: str, tok: tuple[int, int, str]) -> tuple[float, float] | None:
    """(value, multiplier) of a written number, or None if it is glued to a structure or letters."""
    start, end, word = tok
    m = _DIGITS.fullmatch(word)
    if m is None:
        return None
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    nxt = text[end + 1] if end + 1 < len(text) else " "
    if before in _STRUCTURE or (before in ".'’" and start > 1 and text[start - 2].isdigit()):
        return None
    if after in "/:" or (after in "-.'’\"" and nxt.isdigit()) or after == ")":
        return None
    if m.group(3) and m.group(3) not in SUFFIX_K:
        return None  # 22A, 5G, 4th
    return float(m.group(1).replace(",", "") + (m.group(2) or "")), SUFFIX_K.get(m.group(3), 1)


def _read(text: str, tokens: list[tuple[int, int, str]], i: int) -> tuple[Quantity | None, int]:
    """Read the quantity starting at token i, if one does; return it and the next token to read."""
    start_tok = tokens[i]
    word = start_tok[2]
    n = len(tokens)
    groups: list[Group] = []
    r = _Reader()
    approximate = False
    spoken = False
    j = i
    end = start_tok[1]

    def close() -> None:
        nonlocal r
        if r.started:
            groups.append(r.group())
        r = _Reader()

    def nxt(k: int) -> str:
        """Token k's word if it continues the quantity (joined by a space or a hyphen), else ""."""
        return tokens[k][2] if 0 < k < n and _gap(text, tokens[k - 1], tokens[k]) is not None else ""

    # "a hundred", "a couple hundred", "a few thousand", "several hundred"
    if word in ("a", "an") or word in VAGUE:
        k, vague = (j, word) if word in VAGUE else (j + 1, None)
        if vague is None and nxt(k) in VAGUE:
            vague, k = nxt(k), k + 1
        elif vague is not None:
            k += 1
        if vague is not None and nxt(k) == "of":
            k += 1
        if nxt(k) != "hundred" and nxt(k) not in MAGNITUDES:
            return None, i + 1
        r.current = VAGUE[vague] if vague else 1
        r.words, r.last, spoken, approximate = k - j, "small", True, vague is not None
        j = k
    while j < n:
        tok = tokens[j]
        word = tok[2]
        if j > i and _gap(text, tokens[j - 1], tok) is None:
            break
        small = _small(word)
        suffixed, approx = _suffix_value(word)
        digits = _digits_token(text, tok) if word[0].isdigit() else None
        if word[0].isdigit() and digits is None:
            break
        if word in ("oh", "zero") or (word == "o" and j > i):
            # a zero read as a digit: "oh two", "ten oh five", "nineteen oh four"
            following = nxt(j + 1)
            if _small(following) and _small(following) < 10 and _small(following) > 0:
                close()
                r.zero_led, r.current, r.words, r.last, spoken = True, _small(following), 2, "small", True
                end, j = tokens[j + 1][1], j + 2
                continue
            if word == "zero" and not r.started and not groups:
                r.current, r.words, r.last, spoken = 0, 1, "small", True
                end, j = tok[1], j + 1
                continue
            break
        if small is not None or suffixed is not None:
            v = small if small is not None else suffixed
            spoken = True
            if r.last == "tens" and 1 <= v <= 9 and small is not None:
                r.current += v
                r.last = "small"
            elif r.last in ("hundred", "magnitude", "and") and (r.current % 100 == 0):
                r.current += v
                r.last = "tens" if v >= 20 and v % 10 == 0 else "small"
            else:
                close()
                r.current, r.last = v, "tens" if v >= 20 and v % 10 == 0 else "small"
            r.words += 1
            end = tok[1]
            j += 1
            if approx:
                approximate = True
                close()
                break
            continue
        if digits is not None:
            if r.last == "digits" or (groups and not spoken):
                # "4532 0151 1283": a digit run, numbers.py's; none of it is a quantity
                while j < n and _gap(text, tokens[j - 1], tokens[j]) == " " and tokens[j][2][0].isdigit():
                    j += 1
                return None, j
            close()
            r.current, r.last, r.words = digits[0] * digits[1], "digits", 1
            r.zero_led = word[0] == "0" and len(word) > 1
            end = tok[1]
            j += 1
            continue
        if word == "hundred" and r.started and r.last in ("small", "tens", "digits") and r.current < 100:
            r.current = (r.current or 1) * 100
            r.last, r.words, end, j = "hundred", r.words + 1, tok[1], j + 1
            continue
        if word in MAGNITUDES and r.started and r.last in ("small", "tens", "digits", "hundred") \
                and r.total == 0:
            r.total, r.current = (r.current or 1) * MAGNITUDES[word], 0
            r.last, r.words, end, j = "magnitude", r.words + 1, tok[1], j + 1
            continue
        if word == "and" and r.last in ("hundred", "magnitude", "small", "tens", "digits"):
            after = nxt(j + 1)
            if after in ("a", "an") and nxt(j + 2) == "half" and r.last != "magnitude":
                r.current += 0.5
                r.words, end, j = r.words + 3, tokens[j + 2][1], j + 3
                continue
            # `and change`, `and some change`, `twelve hundred and something`
            if after in ("change", "something") or (after == "some" and nxt(j + 2) == "change"):
                k = j + 1 if after in ("change", "something") else j + 2
                approximate, end, j = True, tokens[k][1], k + 1
                break
            # `between eight hundred and twelve hundred`: the `and` of a range, not of one number
            if r.last == "hundred" and _small(after) and "hundred" in (nxt(j + 2), nxt(j + 3) if _small(nxt(j + 2))
                                                                       else ""):
                break
            if r.last in ("hundred", "magnitude") and (_small(after) or after[:1].isdigit()):
                r.last, r.words, j = "and", r.words + 1, j + 1
                continue
            break
        if word == "point" and r.started and r.last != "and":
            k, decimals = j + 1, ""
            while k < n and nxt(k) and (nxt(k) in UNITS and nxt(k) != "o"):
                decimals += UNITS[tokens[k][2]]
                k += 1
            if decimals:
                r.current += float("0." + decimals)
                r.words, end, j = r.words + k - j, tokens[k - 1][1], k
                continue
            break
        if word in ("ish", "something", "odd") and r.started and _gap(text, tokens[j - 1], tok) is not None \
                and r.last in ("tens", "small", "digits", "hundred", "magnitude"):
            approximate, end, j = True, tok[1], j + 1
            close()
            break
        break
    close()
    if not groups:
        return None, max(j, i + 1)
    hedged = word_before(text, start_tok[0]) in HEDGES
    return Quantity(start_tok[0], end, tuple(groups), spoken, approximate or hedged), max(j, i + 1)


_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z][A-Za-z'’.]*|[$€£%]|\d)?")
_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z'’]*)[ \t,]*$")


def word_after(text: str, end: int) -> str:
    """The next word after `end`, lowered ("" at the end of a sentence or the text)."""
    m = _NEXT_WORD.match(text, end)
    if m is None or m.group(1) is None:
        return ""  # punctuation, a line break or the end: the clause ends here
    return m.group(1).lower().rstrip(".")


def word_before(text: str, start: int) -> str:
    """The word just before `start`, lowered (a comma may sit between)."""
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m else ""
