"""Numbers that belong to a typed number beside them: a phone's extension, a said `plus` or keypad
key, and short runs near a typed value (a self-correction, a value read in two goes) that take its type. Used by
context_numbers.py once every run is typed."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace

from bleeper.detection.recognizers.numbers import Run

FRAGMENT_WORDS = 12  # a short run this close to a typed number is part of the same value
RESTART_WORDS = 4  # a value begun and said again whole this soon after
# a keypad's keys said with a code: `pound, four four seven one`, `1 9 9 2 star`
_KEY_BEFORE = re.compile(r"(?i)\b(?:pound|star|hash)\s*,?\s*$")
_KEY_AFTER = re.compile(r"(?i)\s*,?\s*(?:pound|star|hash)\b")
_PLUS = re.compile(r"(?i)\bplus\s+$")  # `plus 44 7700 900 812`: the country code's sign, said
_EXTENSION = re.compile(r"(?i),?\s*(?:extension|ext\.?|x)\s*")
_FRAGMENT_KINDS = {"PHONE_NUMBER", "US_SSN", "CREDIT_CARD", "US_BANK_NUMBER", "ACCOUNT_NUMBER", "PASSWORD",
                   "HEALTHCARE_NUMBER", "US_PASSPORT", "US_DRIVER_LICENSE"}
_FRAGMENT = "fragment next to a typed number"
_CORRECTION = re.compile(r"(?i)\b(?:no|wait|sorry|actually|i mean|correction|scratch that|rather|make that)\b")
GENERIC = "generic phrase before it"  # `the number`, `ID`: announced, but no kind of its own


@dataclass(frozen=True)
class Typed:
    run: Run
    entity: str
    score: float
    why: str
    anchor: bool = False  # typed by its phrase, a checksum or a phone's shape


def join_extensions(text: str, runs: list[Run], typed: list[Typed | None]) -> None:
    """`1-888-276-4410, extension 3`: the extension is part of the phone number."""
    for i in range(len(runs) - 1):
        item, nxt = typed[i], runs[i + 1]
        if item is not None and item.entity == "PHONE_NUMBER" and typed[i + 1] is None \
                and _EXTENSION.fullmatch(text, item.run.end, nxt.start):
            typed[i] = replace(item, run=replace(item.run, end=nxt.end))


def join_restarts(words: Callable[[int, int], int], runs: list[Run], typed: list[Typed | None]) -> None:
    """`I think it's two eight, something, two eight four`: a value begun, dropped and said again
    whole is that value, both times (a two-digit start is found nowhere else)."""
    for i in range(len(runs) - 1):
        run, nxt, mine = runs[i], runs[i + 1], typed[i + 1]
        if typed[i] is None and mine is not None and run.digit_count >= 2 and not run.alnum and not nxt.alnum \
                and len(nxt.digits) > len(run.digits) and nxt.digits.startswith(run.digits) \
                and words(run.end, nxt.start) <= RESTART_WORDS:
            typed[i] = Typed(run, mine.entity, 0.5, "begun and said again")


def join_fragments(text: str, words: Callable[[int, int], int], runs: list[Run], typed: list[Typed | None]) -> None:
    """Runs of 3+ digits that no phrase typed (or only their shape, as a number sequence), near
    a typed number, take its type: a self-correction or a value read in two goes is still
    that value."""
    anchors = [(i, t) for i, t in enumerate(typed)
               if t is not None and t.entity in _FRAGMENT_KINDS and t.why != _FRAGMENT]
    if not anchors:
        return
    starts = [t.run.start for _, t in anchors]
    for i, run in enumerate(runs):
        mine = typed[i]
        # a run only a generic phrase typed (`my new number is 509 555 0127, no wait, 0172`) is
        # still the typed value beside it when a correction is said between them
        generic = mine is not None and mine.entity == "NUMBER_SEQUENCE" and mine.why == GENERIC
        if (mine is not None and (mine.anchor or mine.entity != "NUMBER_SEQUENCE") and not generic) \
                or run.digit_count < 3 or run.alnum:
            continue
        near = []
        # anchors are in text order: only the few on either side can be within reach
        k = bisect_left(starts, run.start)
        for _, other in anchors[max(0, k - 2):k + 2]:
            lo, hi = sorted((run, other.run), key=lambda r: r.start)
            gap = words(lo.end, hi.start)
            if gap <= FRAGMENT_WORDS and (not generic or _CORRECTION.search(text, lo.end, hi.start)):
                near.append((gap, other.entity))
        if near:
            typed[i] = Typed(run, min(near)[1], 0.5, _FRAGMENT)


def with_keys(text: str, run: Run) -> Run:
    """A code with the keypad keys said around it."""
    before = _KEY_BEFORE.search(text, max(0, run.start - 8), run.start)
    after = _KEY_AFTER.match(text, run.end)
    return replace(run, start=before.start() if before else run.start, end=after.end() if after else run.end)


def with_plus(text: str, run: Run) -> Run:
    """A phone number with its country code's plus, said."""
    plus = _PLUS.search(text, max(0, run.start - 8), run.start)
    return replace(run, start=plus.start()) if plus else run
