"""Phrases found the way Whisper writes them: case, punctuation and spacing ignored, each digit
written or said (`82498-34792` ~ `8 2 4 9 8, 3 4 7 9 2` ~ `eight two four nine eight …`).

Text and phrases are both read as one stream of lower-case letters and digits, number words
`zero`…`nine` and `oh` read as their digit. A phrase matches where its stream occurs starting at
the start of a word and ending at the end of one, so `Rocket Mini` does not match inside `Rocket
Minimal`, nor `82498` inside `182498` or `82498A`. The lookup is a dict of the
phrases' first characters, tried at each word start: 1000 phrases over a 61k-character
transcript (about an hour of speech) took 0.15 s, where one regex alternation of them took 0.9 s
and 40 ms to compile.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bleeper.detection.recognizers.numbers import UNITS

_TOKEN = re.compile(r"[^\W_]+")  # a word: letters and digits together (`X5` is one word)
_DIGITS = {word: digit for word, digit in UNITS.items() if word != "o"}  # "o" is a letter far more often
KEY = 4  # phrases are indexed by their first KEY characters (or all of them, when shorter)
PLURAL = ("s", "es")


@dataclass(frozen=True)
class Stream:
    """A text as letters and digits, each with the span of the original characters it stands for."""

    chars: str
    starts: list[int]  # per char: where it begins in the text
    ends: list[int]  # per char: where it ends in the text
    token_starts: tuple[int, ...]  # stream positions where a word begins, in order
    token_ends: frozenset[int]  # stream positions just after a word


def stream(text: str) -> Stream:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    token_starts: list[int] = []
    token_ends: set[int] = set()
    for m in _TOKEN.finditer(text):
        token_starts.append(len(chars))
        word = m.group().lower()
        if word in _DIGITS:
            chars.append(_DIGITS[word])
            starts.append(m.start())
            ends.append(m.end())
        else:
            for i, c in enumerate(m.group()):
                lower = c.lower()
                chars.append(lower if len(lower) == 1 else c)  # `İ` lowers to two characters
                starts.append(m.start() + i)
                ends.append(m.start() + i + 1)
        token_ends.add(len(chars))
    return Stream("".join(chars), starts, ends, tuple(token_starts), frozenset(token_ends))


def normalized(phrase: str) -> str:
    return stream(phrase).chars


class PhraseIndex:
    """Many phrases, found together in one pass over a text."""

    def __init__(self, phrases: list[str], plural: bool = False) -> None:
        self.plural = plural
        self.index: dict[str, list[str]] = {}
        for p in {normalized(p) for p in phrases} - {""}:
            self.index.setdefault(p[:KEY], []).append(p)
        for group in self.index.values():
            group.sort(key=len, reverse=True)  # the longest phrase at a place wins

    def __bool__(self) -> bool:
        return bool(self.index)

    def spans(self, text: str | Stream, check: Callable[[], object] = lambda: None) -> list[tuple[int, int]]:
        """(start, end) offsets in the text (or its stream, made once for many indexes) of every
        phrase, in order, not overlapping. `check` is called now and then (a deadline)."""
        s = text if isinstance(text, Stream) else stream(text)
        out: list[tuple[int, int]] = []
        covered = 0
        for n, at in enumerate(s.token_starts):
            if n % 512 == 0:
                check()
            if at < covered:
                continue
            end = self._match(s, at)
            if end is not None:
                out.append((s.starts[at], s.ends[end - 1]))
                covered = end
        return out

    def _match(self, s: Stream, at: int) -> int | None:
        for k in range(min(KEY, len(s.chars) - at), 0, -1):
            for phrase in self.index.get(s.chars[at:at + k], ()):
                end = at + len(phrase)
                if s.chars.startswith(phrase, at):
                    if end in s.token_ends:
                        return end
                    if self.plural:
                        for suffix in PLURAL:
                            if s.chars.startswith(suffix, end) and end + len(suffix) in s.token_ends:
                                return end + len(suffix)
        return None
