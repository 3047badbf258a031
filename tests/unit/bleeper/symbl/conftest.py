"""A conversation made from lines of text: one segment per line, words 400 ms apart, and the
entities given as (policy, value) found in order."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bleeper.models import Entity, Segment, Transcript, Word
from bleeper.symbl.messages import Conversation

STARTED_AT = 1_700_000_000.0  # 2023-11-14T22:13:20Z


def conversation_of(lines: list[str], values: list[tuple[str, str]], speakers: list[dict] | None = None,
                    speaker_of_line: list[int | None] | None = None, channels: list[int | None] | None = None,
                    text_only: bool = False) -> Conversation:
    text = " ".join(lines)
    words, segments, at = [], [], 0
    for n, line in enumerate(lines):
        first = len(words)
        for m in re.finditer(r"\S+", line):
            i = len(words)
            words.append(Word(text=m.group(), start=i * 400, end=i * 400 + 300, confidence=0.91,
                              char_start=at + m.start(), char_end=at + m.end()))
        segments.append(Segment(start=first * 400, end=len(words) * 400 - 100, text=line, first_word=first,
                                last_word=len(words),
                                speaker=speaker_of_line[n] if speaker_of_line else None,
                                channel=channels[n] if channels else None))
        at += len(line) + 1
    transcript = Transcript(text=text, language="en", duration_ms=len(words) * 400, words=words, segments=segments)
    entities, pos = [], 0
    for policy, value in values:
        start = text.index(value, pos)
        covered = [w for w in words if w.char_end > start and w.char_start < start + len(value)]
        entities.append(Entity(policy=policy, start=start, end=start + len(value), start_ms=covered[0].start,
                               end_ms=covered[-1].end, score=0.9, recognizer="test"))
        pos = start + len(value)
    return Conversation(id="conv1", started_at=STARTED_AT, transcript=transcript, entities=entities,
                        speakers=speakers or [], text_only=text_only)


@pytest.fixture
def make_conversation() -> Callable[..., Conversation]:
    return conversation_of
