"""Scoring a PII detector against a labelled set (format of shared/eval/pii_dev.jsonl), and
transcripts made from text for testing and benchmarking the text stages."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bleeper.models import Segment, Transcript, Word

Span = tuple[int, int, str]  # start, end, policy


@dataclass
class PolicyScore:
    gold: int = 0
    found_same: int = 0  # gold spans overlapped by a prediction of the same policy
    found_any: int = 0  # gold spans overlapped by any prediction
    predicted: int = 0
    predicted_right: int = 0  # predictions overlapping a gold span of the same policy

    @property
    def recall(self) -> float | None:
        return self.found_same / self.gold if self.gold else None

    @property
    def recall_any(self) -> float | None:
        return self.found_any / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.predicted_right / self.predicted if self.predicted else None


@dataclass
class Report:
    policies: dict[str, PolicyScore] = field(default_factory=lambda: defaultdict(PolicyScore))
    overall: PolicyScore = field(default_factory=PolicyScore)
    pii_chars: int = 0
    visible_chars: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    crashes: list[dict[str, Any]] = field(default_factory=list)  # items the detector raised on

    @property
    def visible_share(self) -> float:
        return self.visible_chars / self.pii_chars if self.pii_chars else 0.0

    def as_dict(self) -> dict[str, Any]:
        def row(s: PolicyScore) -> dict[str, Any]:
            return {"gold": s.gold, "predicted": s.predicted, "precision": s.precision, "recall": s.recall,
                    "recall_any": s.recall_any}

        return {"overall": {**row(self.overall), "visible_char_share": round(self.visible_share, 4),
                            "crashes": len(self.crashes)},
                "policies": {p: row(s) for p, s in sorted(self.policies.items())}}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(items: Iterable[dict[str, Any]], predict: Callable[[str], list[Span]]) -> Report:
    report = Report()
    for item in items:
        text = item["text"]
        gold = [(s["start"], s["end"], s["label"]) for s in item["spans"]]
        try:
            pred = predict(text)
        except Exception as exc:  # noqa: BLE001 — counted, and scored as finding nothing (fail closed is the pipeline's job)
            report.crashes.append({"id": item.get("id"), "error": type(exc).__name__})
            pred = []
        covered = [False] * len(text)
        for start, end, _ in pred:
            for i in range(start, min(end, len(text))):
                covered[i] = True
        for g in gold:
            ps = report.policies[g[2]]
            same = any(p[2] == g[2] and _overlaps(p[:2], g[:2]) for p in pred)
            anyp = any(_overlaps(p[:2], g[:2]) for p in pred)
            for s in (ps, report.overall):
                s.gold += 1
                s.found_same += same
                s.found_any += anyp
            report.pii_chars += sum(1 for i in range(g[0], g[1]) if not text[i].isspace())
            report.visible_chars += sum(1 for i in range(g[0], g[1]) if not covered[i] and not text[i].isspace())
            if not anyp:
                report.misses.append({"id": item.get("id"), "policy": g[2]})
        for p in pred:
            ps = report.policies[p[2]]
            right = any(g[2] == p[2] and _overlaps(p[:2], g[:2]) for g in gold)
            for s in (ps, report.overall):
                s.predicted += 1
                s.predicted_right += right
            if not any(_overlaps(p[:2], g[:2]) for g in gold):
                report.false_positives.append({"id": item.get("id"), "policy": p[2]})
    return report


def load(path: Path) -> list[dict[str, Any]]:
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def read_aloud(sentences: Iterable[str], *, word_ms: int = 400, step_ms: int = 500, timed: bool = True) -> Transcript:
    """The transcript of `sentences` read at an even pace: one segment per sentence, one word per
    whitespace token, a word starting every `step_ms` and lasting `word_ms`. Untimed, every word is
    at 0 (as Whisper leaves words it could not align); segments keep their times."""
    text, words, segments, t = "", [], [], 0
    for sentence in sentences:
        first = len(words)
        for token in sentence.split():
            text += " " if text else ""
            start, t = t, t + step_ms
            times = (start, start + word_ms) if timed else (0, 0)
            words.append(Word(text=token, start=times[0], end=times[1], confidence=0.9, char_start=len(text),
                              char_end=len(text) + len(token)))
            text += token
        segments.append(Segment(start=first * step_ms, end=t - step_ms + word_ms, text=sentence, first_word=first,
                                last_word=len(words)))
    return Transcript(text=text, language="en", duration_ms=t, words=words, segments=segments)
