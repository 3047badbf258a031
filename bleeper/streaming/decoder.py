"""Whisper over one turn's audio: the words as written, with their times on the session's clock.

A turn is at most BLEEPER_STREAM_MAX_TURN_S long, so each decode is one 30-second window of
Whisper's. The encoder's cost is the same for any audio shorter than 30 s (faster-whisper pads
to 30 s): feeding it less was 2-3x faster, but raised the word error rate of base on the test
calls' turns from 10.5 % to 17-25 % (repetition loops), so bleeper does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

SAMPLE_RATE = 16_000
# Greedy or beam search at temperature 0 only: faster-whisper's fallback samples at higher
# temperatures, so a turn came out differently from run to run ("July 22nd, 1968" once, "2.I 22nd
# 1968" the next), and a second decode costs a turn its latency.
TEMPERATURES = (0.0,)
# Timestamp tokens stay on: without them tiny.en ran on past the end of a turn ("It's 212-555-0147.
# event. and Thank you.") on 2 of the test call's 8 turns, and decoded slower. With them it
# sometimes stops early ("American Express. The number is", 5 s of digits dropped): a decode whose
# words end over MISSED_MS before the audio does is done again without them.
MISSED_MS = 1000


@dataclass(frozen=True)
class StreamWord:
    """A word as Whisper wrote it (leading space kept: `555`, `-201` join as `555-201`), its
    start and end in ms on the session's audio clock, and its probability."""

    text: str
    start: int
    end: int
    probability: float


@dataclass
class Decoded:
    words: list[StreamWord] = field(default_factory=list)
    language: str | None = None
    language_probability: float | None = None


class Decoder(Protocol):
    def decode(self, samples: np.ndarray, offset_ms: int, *, language: str | None, allowed: list[str],
               hotwords: str | None, beam_size: int) -> Decoded: ...


class WhisperDecoder:
    """faster-whisper's model, shared by every session of the process (it is thread-safe; with
    num_workers > 1 that many decodes run at once)."""

    def __init__(self, model) -> None:  # noqa: ANN001 — faster_whisper.WhisperModel
        self.model = model

    def decode(self, samples: np.ndarray, offset_ms: int, *, language: str | None, allowed: list[str],
               hotwords: str | None, beam_size: int) -> Decoded:
        probability = None
        if language is None and allowed:
            _, _, ranked = self.model.detect_language(samples)
            language, probability = max(((code, p) for code, p in ranked if code in allowed),
                                        key=lambda pair: pair[1], default=(allowed[0], 0.0))
        words, no_speech, info = self._transcribe(samples, offset_ms, language, hotwords, beam_size, True)
        end_ms = offset_ms + samples.shape[0] * 1000 // SAMPLE_RATE
        if words and words[-1].end < end_ms - MISSED_MS:
            retry = self._transcribe(samples, offset_ms, language, hotwords, beam_size, False)
            if retry[0] and retry[0][-1].end > words[-1].end:
                words, no_speech, info = retry
        if _nothing_said(words, no_speech):
            words = []
        return Decoded(words, language or info.language,
                       probability if probability is not None else round(float(info.language_probability), 4))

    def _transcribe(self, samples: np.ndarray, offset_ms: int, language: str | None, hotwords: str | None,
                    beam_size: int, timestamps: bool) -> tuple[list[StreamWord], list[float], object]:
        segments, info = self.model.transcribe(
            samples, language=language, beam_size=beam_size, word_timestamps=True, condition_on_previous_text=False,
            without_timestamps=not timestamps, temperature=list(TEMPERATURES), hotwords=hotwords, vad_filter=False)
        words, no_speech = [], []
        for seg in segments:
            no_speech.append(seg.no_speech_prob)
            words += [StreamWord(w.word, offset_ms + int(round(w.start * 1000)), offset_ms + int(round(w.end * 1000)),
                                 round(float(w.probability), 4)) for w in (seg.words or [])]
        return words, no_speech, info


def _nothing_said(words: list[StreamWord], no_speech: list[float]) -> bool:
    """Whisper writes a word or two into noise (" You", probability 0.06, no-speech 0.74 on silence:
    bleeper.asr.whisper.is_silence): a turn with every segment like that said nothing."""
    if not words:
        return True
    mean = sum(w.probability for w in words) / len(words)
    return all(p > 0.6 for p in no_speech) and mean < 0.3


def load_stream_model(name: str, settings, workers: int):  # noqa: ANN001, ANN201
    """The streaming model from the pinned packages (bleeper.asr.models), with `workers` decodes
    allowed at once."""
    from faster_whisper import WhisperModel

    from bleeper.asr.models import model_dir

    model = WhisperModel(str(model_dir(name, settings.model_cache)), device=settings.whisper_device,
                         compute_type=settings.whisper_compute_type, cpu_threads=settings.cpu_threads,
                         num_workers=workers, local_files_only=True)
    model.bleeper_name = name  # type: ignore[attr-defined]
    return model
