"""A scripted call for the streaming engine: what is "said" when, heard by a VAD and a Whisper
stand-in that read the script (real implementations of the session's Decoder and VAD protocols,
no models), so turn cutting, the hold-back and the messages can be tested to the millisecond.
Also used by tests/unit/api/test_streaming_ws.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bleeper.detection.analyzer import Found
from bleeper.streaming.decoder import Decoded, StreamWord
from bleeper.streaming.vad import WINDOW

RATE = 16_000


@dataclass
class Said:
    text: str  # as Whisper would write it, leading space included
    start: int  # ms
    end: int


def script(*turns: tuple[int, str], ms_per_word: int = 300) -> list[Said]:
    """Turns as (start ms, text): each word takes ms_per_word, one after the other."""
    out = []
    for start, text in turns:
        for i, word in enumerate(text.split(" ")):
            written = word if word.startswith("-") else " " + word  # Whisper writes "555", "-201"
            out.append(Said(written, start + i * ms_per_word, start + (i + 1) * ms_per_word - 40))
    return out


class ScriptedVad:
    """Speech (0.9) in every 32 ms window that overlaps a word of the script, silence (0.02) elsewhere."""

    def __init__(self, said: list[Said]) -> None:
        self.said = said
        self.seen = 0
        self.pending = 0

    def __call__(self, samples: np.ndarray) -> np.ndarray:
        total = self.pending + samples.shape[0]
        count, self.pending = divmod(total, WINDOW)
        probs = []
        for _ in range(count):
            lo, hi = self.seen * 1000 // RATE, (self.seen + WINDOW) * 1000 // RATE
            probs.append(0.9 if any(w.start < hi and w.end > lo for w in self.said) else 0.02)
            self.seen += WINDOW
        return np.array(probs, dtype=np.float32)


class ScriptedDecoder:
    """Whisper as a script reader: the words whose middle lies in the decoded audio."""

    def __init__(self, said: list[Said], language: str = "en") -> None:
        self.said = said
        self.language = language
        self.calls: list[tuple[int, int, int]] = []  # (from ms, to ms, beam)

    def decode(self, samples, offset_ms, *, language, allowed, hotwords, beam_size) -> Decoded:  # noqa: ANN001
        end_ms = offset_ms + samples.shape[0] * 1000 // RATE
        self.calls.append((offset_ms, end_ms, beam_size))
        words = [StreamWord(w.text, w.start, w.end, 0.9) for w in self.said if offset_ms <= (w.start + w.end) // 2 < end_ms]
        return Decoded(words, language or self.language, 0.97)


_DIGITS = re.compile(r"\d(?:[\d\s,.-]*\d)?")


def digit_runs(text: str) -> list[Found]:
    """A stand-in detector: every run of 7+ digits (however grouped) is a number_sequence."""
    return [Found("number_sequence", m.start(), m.end(), 0.9, "test")
            for m in _DIGITS.finditer(text) if sum(c.isdigit() for c in m.group()) >= 7]


def silence(ms: int) -> bytes:
    return bytes(ms * RATE // 1000 * 2)


def run(session: Session, total_ms: int, frame_ms: int = 100) -> list[str]:
    out = []
    for _ in range(total_ms // frame_ms):
        out += session.feed(silence(frame_ms))
    return out
