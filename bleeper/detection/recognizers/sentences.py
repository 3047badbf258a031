"""Where the sentence holding a word starts, for recognizers that read only the words of its own
sentence before it (an age's cue, a money word, a statistic's medical word, a time's schedule)."""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"[.?!]\s")
CLAUSE_END = re.compile(r"[.?!;]\s")  # a semicolon ends the talk of a number as well
# each sentence or clause of a text, with its closing marks: what a health word is read within
CLAUSES = re.compile(r"[^.?!;]+[.?!;]*")


def sentence_start(text: str, at: int, reach: int | None = None, ends: re.Pattern[str] = SENTENCE_END) -> int:
    """The offset after the last sentence end before `at`, looking back at most `reach` characters
    (all of `text` when None); where there is none, the start of what was looked at."""
    lo = 0 if reach is None else max(0, at - reach)
    return max((m.end() for m in ends.finditer(text, lo, at)), default=lo)
