"""Whisper over one turn's audio: the words as written, with their times on the session's clock.

A turn is at most BLEEPER_STREAM_MAX_TURN_S long, so each decode is one window of Whisper's.
faster-whisper pads every window to 30 s, and the encoder's cost grows with what it is fed: the
streaming model (`ShortWindowWhisper`) feeds it the turn padded to at least BLEEPER_STREAM_MIN_WINDOW_S
(10 s) instead (30: Whisper's whole window, as the batch pipeline). Measured on the 54 turns of the natural-voice calls with `base` (CPU time of one
decode, one run, busy machine): 30 s 1.51 s, 15 s 0.62 s, 10 s 0.48 s; word error rate 5.0 %,
4.7 %, 4.7 %. Fed just the turn (no minimum) it had raised the word error rate from 10.5 % to
17-25 % on the tuning call (repetition loops): the minimum is what keeps it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
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
# Whisper's own test for a repetition loop ("4, 1, 1, 1, 1, 1, …" on a card read digit by digit):
# text that compresses this well is decoded again over the whole 30-s window
LOOP_RATIO = 2.4


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
        if info.looped and hasattr(self.model, "whole_window"):
            with self.model.whole_window():  # a repetition loop: the short window's failure mode
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
        words, no_speech, looped = [], [], False
        for seg in segments:
            no_speech.append(seg.no_speech_prob)
            looped = looped or seg.compression_ratio > LOOP_RATIO
            words += [StreamWord(w.word, offset_ms + int(round(w.start * 1000)), offset_ms + int(round(w.end * 1000)),
                                 round(float(w.probability), 4)) for w in (seg.words or [])]
        info.looped = looped
        return words, no_speech, info


def _nothing_said(words: list[StreamWord], no_speech: list[float]) -> bool:
    """Whisper writes a word or two into noise (" You", probability 0.06, no-speech 0.74 on silence:
    bleeper.asr.whisper.is_silence): a turn with every segment like that said nothing."""
    if not words:
        return True
    mean = sum(w.probability for w in words) / len(words)
    return all(p > 0.6 for p in no_speech) and mean < 0.3


FRAMES_PER_S = 100  # Whisper's feature frames are 10 ms
PAD_FRAMES = 50  # after the turn's last frame (0.5 s), so its last word is never at the window's edge


def window_frames(features: np.ndarray, least: int) -> int:
    """How many of a 30-s window's feature frames to encode: the audio's own frames (faster-whisper
    pads the window with all-zero frames; a frame of audio, even silence, is never all zero) plus
    PAD_FRAMES, at least `least`, at most the window."""
    total = features.shape[-1]
    heard = np.flatnonzero(np.any(features.reshape(-1, total) != 0, axis=0))
    used = int(heard[-1]) + 1 if heard.size else 0
    return min(total, max(least, used + PAD_FRAMES))


def load_stream_model(name: str, settings, workers: int):  # noqa: ANN001, ANN201
    """The streaming model from the pinned packages (bleeper.asr.models), with `workers` decodes
    allowed at once, encoding each turn's window shortened (`ShortWindowWhisper`)."""
    from faster_whisper import WhisperModel

    from bleeper.asr.models import model_dir

    least = int(settings.stream_min_window_s * FRAMES_PER_S)

    class ShortWindowWhisper(WhisperModel):
        """Encodes the turn padded to `least` frames, or Whisper's whole window inside
        `whole_window()` (per thread: sessions share the model)."""

        whole = threading.local()

        @contextmanager
        def whole_window(self) -> Iterator[None]:
            self.whole.on = True
            try:
                yield
            finally:
                self.whole.on = False

        def encode(self, features: np.ndarray):  # noqa: ANN201 — ctranslate2.StorageView
            if getattr(self.whole, "on", False):
                return super().encode(features)
            return super().encode(features[..., :window_frames(features, least)])

    model = ShortWindowWhisper(str(model_dir(name, settings.model_cache)), device=settings.whisper_device,
                         compute_type=settings.whisper_compute_type, cpu_threads=settings.cpu_threads,
                         num_workers=workers, local_files_only=True)
    model.bleeper_name = name  # type: ignore[attr-defined]
    return model
