"""Entities placed in time: each found span gets the start and end of the words it was said in,
widened where Whisper stamped a many-word token short, or its whole segment when a word has no
timestamp (fail closed)."""

from __future__ import annotations

import logging
import re
import traceback
from bisect import bisect_left, bisect_right

from presidio_analyzer import AnalyzerEngine

from bleeper.custom.patterns import PatternTimeout
from bleeper.detection.analyzer import find_pii
from bleeper.detection.recognizers.custom import DEFAULT_TIMEOUT
from bleeper.errors import DetectionFailed
from bleeper.models import CustomEntity, Entity, Transcript

log = logging.getLogger("bleeper.detect")


class Timeline:
    """A transcript's words and segments found by character offset (bisect, not a scan: a long
    call has thousands of words and hundreds of entities)."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        words = transcript.words
        self.word_starts, self.word_ends = [w.char_start for w in words], [w.char_end for w in words]
        self.segments = [s for s in transcript.segments if s.last_word > s.first_word]
        self.segment_starts = [words[s.first_word].char_start for s in self.segments]
        self.segment_ends = [words[s.last_word - 1].char_end for s in self.segments]

    def place(self, start: int, end: int) -> tuple[int, int, bool]:
        """The time span of the words a char span touches. If any of them has no timestamp, every
        segment the span touches is redacted whole (fail closed): a word printed redacted must not
        stay audible."""
        words = self.transcript.words[bisect_right(self.word_ends, start):bisect_left(self.word_starts, end)]
        if words and all(w.end > w.start for w in words):
            first, last = min(w.start for w in words), max(w.end for w in words)
            # A written token can stand for many spoken words (`sarah.jennings@gmail.com`, a card
            # number as one word), and Whisper stamps such a token poorly: a natural voice's spoken
            # email was stamped 0.9 s after it began (bench/calls.json). When the stamps are shorter
            # than the text takes to say at an ordinary rate, widen them by the difference on both
            # sides (fail closed: a neighbour beeped beats a value heard).
            short = spoken_ms(" ".join(w.text for w in words)) - (last - first)
            if short > 0:
                first, last = max(0, first - short), max(last, min(self.transcript.duration_ms, last + short))
            return first, last, True
        touched = self.segments[bisect_right(self.segment_ends, start):bisect_left(self.segment_starts, end)]
        if touched:
            return min(s.start for s in touched), max(s.end for s in touched), False
        return 0, self.transcript.duration_ms, False  # nowhere to place it: redact the whole file


# An ordinary speaking rate per spoken unit (a digit, a word, a spoken `dot`/`at`/`underscore`),
# ~3.3 a second: the natural-voice email above took 2.85 s for 9 units. 180 ms (a fast speaker)
# widened nothing there; ordinary words move by a few tens of ms at most.
MS_PER_SPOKEN_UNIT = 300
_SPOKEN_UNITS = re.compile(r"\d|[^\W\d_]+|(?<=[^\W_])[.@_](?=[^\W_])")  # a dot between words is said


def spoken_ms(text: str) -> int:
    """The time `text` takes to say at an ordinary rate: digits one by one, a dot or at between words
    as a word, a letter run over ten letters as several words."""
    units = 0
    for unit in _SPOKEN_UNITS.findall(text):
        units += -(-len(unit) // 10) if unit.isalpha() else 1  # a run of two words written as one
    return units * MS_PER_SPOKEN_UNIT


def place_in_time(transcript: Transcript, start: int, end: int) -> tuple[int, int, bool]:
    return Timeline(transcript).place(start, end)


def detect_pii(transcript: Transcript, analyzer: AnalyzerEngine, wanted: tuple[str, ...],
               min_scores: dict[str, float] | None = None, custom: list[CustomEntity] | None = None,
               pattern_timeout: float = DEFAULT_TIMEOUT, shown: list[CustomEntity] | None = None) -> list[Entity]:
    """Entities placed in time, the `custom` entity types' among them. Fails closed: if any
    recognizer raises, or a custom pattern runs over `pattern_timeout`, DetectionFailed — a
    transcript is never delivered as redacted when part of detection did not run."""
    found, timeline = [], Timeline(transcript)
    try:
        candidates = find_pii(transcript.text, analyzer, wanted, min_scores, custom, pattern_timeout, shown)
    except PatternTimeout as exc:
        log.error("detection stopped: custom entity %s ran over its %.1f s pattern timeout", exc.name, pattern_timeout)
        raise DetectionFailed(
            f"PII detection failed on this transcript: the custom entity {exc.name} took longer than "
            f"{pattern_timeout:g} s (BLEEPER_CUSTOM_PATTERN_TIMEOUT) to search it, so the job was stopped rather than "
            "deliver a transcript that may not be fully redacted; simplify its pattern or phrases, or raise the timeout"
        ) from None
    except Exception as exc:  # noqa: BLE001 — any recognizer's bug; its message may quote the text
        log.error("detection raised %s\n%s", type(exc).__name__, "".join(traceback.format_tb(exc.__traceback__)))
        raise DetectionFailed(
            f"PII detection failed on this transcript ({type(exc).__name__}), so the job was stopped rather than "
            "deliver a transcript that may not be fully redacted; the operator's worker log has the details"
        ) from None
    for f in candidates:
        start_ms, end_ms, placed = timeline.place(f.start, f.end)
        found.append(
            Entity(policy=f.policy, start=f.start, end=f.end, start_ms=start_ms, end_ms=end_ms, score=f.score,
                   recognizer=f.recognizer, placed=placed, doubtful=f.doubtful)
        )
    return found
