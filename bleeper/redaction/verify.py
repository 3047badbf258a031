"""Verification: PII candidates left in a redacted text, and redacted values heard again in a new
transcription of the redacted audio near where they were said. Counts only, never values."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from bleeper.detection import find_pii
from bleeper.detection.recognizers.numbers import find_runs
from bleeper.models import Entity, Transcript


# glue of spoken emails and addresses, and words too common to say a value was heard
_NOT_EVIDENCE = frozenset("at dot com net org the and sir mam for you your with".split())
SLACK_MS = 1500  # Whisper's word times are off by up to ~0.5 s, more around a beep


def _evidence(text: str) -> tuple[str, set[str]]:
    """The digits said in `text` (spoken or written, in order) and its content words."""
    digits = "".join(run.digits for run in find_runs(text) if not run.alnum)
    words = {w for w in re.findall(r"[^\W\d_]{3,}", text.lower()) if w not in _NOT_EVIDENCE}
    return digits, words


def heard_again(transcript: Transcript, entities: list[Entity], heard: Transcript) -> dict[str, int]:
    """Redacted values heard again in a transcription of the redacted audio, per policy: a value's
    content word, or 4 of its digits in a row (all of them if it has fewer), among the words heard
    within SLACK_MS of where it was said. This looks for the values themselves, so a word Whisper
    makes up around a beep ("Hi, my." where a name was) is not counted as a leak."""
    counts: dict[str, int] = {}
    starts, ends = [w.start for w in heard.words], [w.end for w in heard.words]
    for e in entities:
        digits, words = _evidence(transcript.text[e.start:e.end])
        # the words heard within SLACK_MS of it: one bisect slice, not a scan per entity (a long call
        # has thousands of words and hundreds of entities)
        near = " ".join(w.text for w in heard.words[bisect_left(ends, e.start_ms - SLACK_MS):
                                                      bisect_right(starts, e.end_ms + SLACK_MS)])
        near_digits, near_words = _evidence(near)
        n = min(4, len(digits))
        leaked = bool(words & near_words) or (n > 0 and any(digits[i:i + n] in near_digits
                                                             for i in range(len(digits) - n + 1)))
        if leaked:
            counts[e.policy] = counts.get(e.policy, 0) + 1
    return counts


def candidates(text: str, analyzer, wanted: tuple[str, ...],  # noqa: ANN001
               min_scores: dict[str, float] | None = None) -> dict[str, int]:
    """PII candidates per policy in a text, ignoring the redaction marks themselves, at the same
    thresholds as the detect stage."""
    counts: dict[str, int] = {}
    for f in find_pii(text, analyzer, wanted, min_scores):
        if text[f.start:f.end].strip("#-., []") == "":
            continue
        counts[f.policy] = counts.get(f.policy, 0) + 1
    return counts
