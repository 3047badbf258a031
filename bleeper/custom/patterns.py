"""Custom entity patterns: refused at definition time when they can take catastrophic time, run
with a timeout at detection time.

A pattern is checked twice before it is accepted:

1. Statically, on the parse tree of Python's own `re` parser (so only the common Perl/`re` syntax
   is accepted), by bleeper.custom.backtracking.
2. By a probe: matched against long adversarial strings made of the characters it names, each
   under a short timeout (the `regex` package stops a match after `timeout=` seconds).

At detection time every pattern runs under BLEEPER_CUSTOM_PATTERN_TIMEOUT; a timeout stops the job
(fail closed: a transcript is never delivered as redacted with an entity skipped).
"""

from __future__ import annotations

import re
import re._parser as sre_parse
import warnings
from functools import lru_cache

import regex

from bleeper.custom.backtracking import chars, nullable, static_problem
from bleeper.errors import InvalidRequest

MAX_PATTERN_LENGTH = 500
PROBE_LENGTH = 3000  # adversarial probe strings: a few long utterances
PROBE_TIMEOUT = 0.2  # seconds per probe string; ordinary patterns take microseconds
FLAGS = regex.IGNORECASE | regex.VERSION0  # Whisper's casing of codes and names is not stable


class PatternTimeout(Exception):
    """A custom pattern ran over its time on a text. Carries the entity's name, never the text."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _refuse(field: str, problem: str) -> InvalidRequest:
    # the pattern itself is never echoed: an account's pattern may describe its customers' data
    return InvalidRequest(f"{field}: {problem}")


def _probes(tree) -> list[str]:  # noqa: ANN001
    """Long strings of the characters the pattern names, each followed by a character that makes a
    match fail late: what makes backtracking patterns slow."""
    taken = chars(tree)
    # one sample per kind of character the pattern takes (a digit, a letter, a space, a sign each)
    kinds: dict[str, str] = {}
    for c in sorted(taken):
        kind = "d" if c.isdigit() else "a" if c.isalpha() else "s" if c.isspace() else c
        kinds.setdefault(kind, c)
    # letters, digits and spaces first: `.` takes every sign too, and they are what calls are made of
    units = sorted(kinds.values(), key=lambda c: (not c.isalnum() and not c.isspace(), c))[:10] or ["a"]
    bodies = [c * PROBE_LENGTH for c in units]
    bodies.append(("".join(units) * PROBE_LENGTH)[:PROBE_LENGTH])
    bodies += [(a + b) * (PROBE_LENGTH // 2) for i, a in enumerate(units[:5]) for b in units[i + 1:5]]
    return [body + end for body in bodies for end in ("!", "\n")]


def check(pattern: str, field: str = "pattern") -> regex.Pattern[str]:
    """The compiled pattern, or InvalidRequest saying what to change."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise _refuse(field, "the pattern is empty; give a regular expression or leave the field out")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise _refuse(field, f"the pattern is longer than {MAX_PATTERN_LENGTH} characters; shorten it")
    problem = _problem(pattern)
    if problem:
        raise _refuse(field, problem)
    return _compile(pattern)


@lru_cache(maxsize=1024)  # an account's patterns are checked again with each job it submits
def _problem(pattern: str) -> str | None:
    try:
        with warnings.catch_warnings():  # "possible nested set": a client's pattern, not our code
            warnings.simplefilter("ignore", FutureWarning)
            tree = sre_parse.parse(pattern, 0)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"not a regular expression Python's `re` accepts ({getattr(exc, 'msg', None) or 'it does not parse'})"
    problem = static_problem(tree)
    if problem:
        return problem
    if nullable(tree):
        return "the pattern can match an empty string; make it match at least one character"
    try:
        compiled = _compile(pattern)
    except InvalidRequest as exc:
        return exc.message.removeprefix("pattern: ")
    for probe in _probes(tree):
        try:
            compiled.search(probe, timeout=PROBE_TIMEOUT)
        except TimeoutError:
            return ("the pattern takes too long on long inputs (nested or overlapping repeats); simplify it so that "
                    "each part can match a piece of text in only one way")
    return None


@lru_cache(maxsize=512)
def _compile(pattern: str) -> regex.Pattern[str]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            return regex.compile(pattern, FLAGS)
    except regex.error as exc:
        raise _refuse("pattern", f"not a regular expression ({exc.msg})") from None


def compiled(pattern: str) -> regex.Pattern[str]:
    """A pattern already accepted by `check` (definitions are checked when they are made)."""
    return _compile(pattern)


@lru_cache(maxsize=512)
def width(pattern: str) -> tuple[int, int]:
    """The shortest and longest text an accepted pattern matches (re's own estimate)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return sre_parse.parse(pattern, 0).getwidth()


def finditer(pattern: regex.Pattern[str], text: str, timeout: float, name: str):  # noqa: ANN201
    """All matches of `pattern` in `text`; PatternTimeout if they take over `timeout` seconds."""
    try:
        return list(pattern.finditer(text, timeout=timeout))
    except TimeoutError:
        raise PatternTimeout(name) from None
