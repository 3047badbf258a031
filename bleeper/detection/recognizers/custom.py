"""An account's or a request's own entity types (✚ issue 16), found the way Whisper writes them.

Phrases match case-insensitively on word boundaries, with any punctuation, hyphens or spaces (or
none) between their words and digits, and each digit written or said (`82498-34792` also matches
`82498 34792`, `8 2 4 9 8, 3 4 7 9 2` and `eight two four nine eight three four seven nine two`).
Patterns match case-insensitively as written, and also on each run of digits Whisper wrote with
other grouping (`82498, 34792` for `\\d{5}-\\d{5}`). With context words, a match counts only when
one is said within the 10 words before it or the 2 after (as Presidio's context window here).
Every search runs under a timeout (PatternTimeout), the phrase matchers too.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.custom import patterns
from bleeper.custom.definitions import policy_of
from bleeper.detection.recognizers.numbers import find_runs
from bleeper.detection.recognizers.phrases import PhraseIndex, stream
from bleeper.detection.recognizers.result import merged, result
from bleeper.models import CustomEntity

SCORE = 0.85  # an account said exactly what this is: as sure as a checked pattern
CONTEXT_BEFORE, CONTEXT_AFTER = 10, 2  # words, as the analyzer's CallContextEnhancer
DEFAULT_TIMEOUT = 2.0
_WORDS = re.compile(r"\w+")
MAX_REGROUPED = 20  # digits said one by one are tried in every grouping of up to three groups


class TextViews:
    """What every custom recognizer of one job reads of the same transcript (its letters-and-digits
    stream, its digit runs), made once. Lives as long as the recognizers of one detection, so no
    transcript outlives the job in a worker's memory (hence no module-level cache)."""

    def __init__(self) -> None:
        self._text: str | None = None
        self._views: dict[str, object] = {}

    def get(self, text: str, name: str, make):  # noqa: ANN001, ANN201
        if text is not self._text and text != self._text:
            self._text, self._views = text, {}
        if name not in self._views:
            self._views[name] = make(text)
        return self._views[name]


def _regrouped(digits: str) -> list[str]:
    """`digits` cut into two or three groups at every place, joined by a hyphen or a space: the
    shapes a pattern may expect of a number said digit by digit (`\\d{5}-\\d{5}`)."""
    n, out = len(digits), []
    for i in range(1, n):
        for sep in "- ":
            out.append(digits[:i] + sep + digits[i:])
            out += [digits[:i] + sep + digits[i:j] + sep + digits[j:] for j in range(i + 1, n)]
    return out


class CustomEntityRecognizer(EntityRecognizer):
    """One definition's matcher; `custom:<NAME>` is its Presidio entity type and its policy."""

    def __init__(self, entity: CustomEntity, timeout: float = DEFAULT_TIMEOUT, views: TextViews | None = None
                 ) -> None:
        self.entity = entity
        self.timeout = timeout
        self.views = views or TextViews()
        self.phrases = PhraseIndex(entity.phrases)
        self.pattern = patterns.compiled(entity.pattern) if entity.pattern else None
        self.width = patterns.width(entity.pattern) if entity.pattern else (0, 0)
        self.cues = PhraseIndex(entity.context, plural=True)
        super().__init__(supported_entities=[policy_of(entity.name)], name="CustomEntityRecognizer",
                         supported_language="en", context=[])

    def load(self) -> None:
        pass

    def _left(self) -> float:
        """Seconds left of this search's budget: the timeout covers the whole of one entity's search
        of one text (phrases, pattern, digit runs, context), not each call."""
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise patterns.PatternTimeout(self.entity.name)
        return left

    def _search(self, pattern: regex.Pattern[str], text: str) -> list[tuple[int, int]]:
        return [m.span() for m in patterns.finditer(pattern, text, self._left(), self.entity.name)
                if m.end() > m.start()]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the entity is said: non-overlapping (start, end) offsets, in order."""
        self._deadline = time.monotonic() + self.timeout
        found: list[tuple[int, int]] = []
        if self.phrases:
            found += self.phrases.spans(self.views.get(text, "stream", stream), self._left)
        if self.pattern is not None:
            found += self._search(self.pattern, text)
            found += self._digit_runs(text)
        if self.cues and found:
            found = self._near_context(text, found)
        return [(s, e) for s, e, _ in merged([(s, e, SCORE) for s, e in found])]

    def _digit_runs(self, text: str) -> list[tuple[int, int]]:
        """Digit runs that match the pattern once their grouping is written another way."""
        out, (shortest, longest) = [], self.width
        for run in self.views.get(text, "runs", find_runs):
            # a shape has the run's digits and at most two separators: skip runs it cannot fit
            if run.alnum or run.digit_count < 2 or run.digit_count > longest or run.digit_count + 2 < shortest:
                continue
            groups = re.findall(r"\d+", text[run.start:run.end])
            shapes = {run.digits}
            if not run.spoken and len(groups) > 1:
                shapes |= {"-".join(groups), " ".join(groups)}
            # said digit by digit, or written as one block: its grouping is lost
            if (run.spoken or len(groups) == 1 or max(map(len, groups)) == 1) and run.digit_count <= MAX_REGROUPED:
                shapes |= set(_regrouped(run.digits))
            for shape in (s for s in shapes if shortest <= len(s) <= longest):
                try:
                    hit = self.pattern.fullmatch(shape, timeout=self._left())
                except TimeoutError:
                    raise patterns.PatternTimeout(self.entity.name) from None
                if hit:
                    out.append((run.start, run.end))
                    break
        return out

    def _near_context(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        words = [m.span() for m in _WORDS.finditer(text)]
        starts, ends = [s for s, _ in words], [e for _, e in words]
        cues = self.cues.spans(self.views.get(text, "stream", stream), self._left)
        kept = []
        for start, end in found:
            first = max(0, bisect_right(ends, start) - CONTEXT_BEFORE)
            last = min(len(words), bisect_left(starts, end) + CONTEXT_AFTER)
            lo = words[first][0] if first < len(words) else start
            hi = words[last - 1][1] if last > 0 else end
            # a cue inside the match itself does not count: "code" in "code 12" near nothing else
            if any(lo <= cs and ce <= hi and (ce <= start or cs >= end) for cs, ce in cues):
                kept.append((start, end))
        return kept

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        entity = policy_of(self.entity.name)
        if entities and entity not in entities:
            return []
        return [result(self, entity, s, e, SCORE, "custom entity") for s, e in self.spans(text)]


def recognizers_for(entities: list[CustomEntity] | None, timeout: float = DEFAULT_TIMEOUT
                    ) -> list[CustomEntityRecognizer]:
    views = TextViews()
    return [CustomEntityRecognizer(e, timeout, views) for e in entities or []]
