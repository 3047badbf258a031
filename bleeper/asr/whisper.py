"""Whisper over a recording's pieces: each piece's segments and words on the recording's clock
(`transcribe_piece`), put together into one Transcript whose word offsets index its text
(`assemble`). A piece is a task of its own in the pipeline (workers/transcribe.py), so a long
call is transcribed by several workers and a lost worker loses one piece; `transcribe_audio` runs
them one after the other in this process."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bleeper.asr.pcm import SAMPLE_RATE, pcm_chunks
from bleeper.models import Segment, Transcript, Word


@dataclass
class Piece:
    """What Whisper heard in one piece: segments of (text as written, start ms, end ms, probability)
    words, times on the recording's clock; the language it heard; where the piece ends (ms)."""

    segments: list[dict] = field(default_factory=list)
    language: str | None = None
    end_ms: int = 0

    def to_json(self) -> dict:
        return {"segments": self.segments, "language": self.language, "end_ms": self.end_ms}

    @classmethod
    def from_json(cls, data: dict) -> Piece:
        return cls(data["segments"], data["language"], data["end_ms"])


def transcribe_piece(samples: np.ndarray, offset_s: float, model, *, language: str | None,  # noqa: ANN001
                     beam_size: int) -> Piece:
    segments_iter, info = model.transcribe(
        samples, language=language, beam_size=beam_size, word_timestamps=True, condition_on_previous_text=False
    )
    segments = []
    for seg in segments_iter:
        words = [[w.word, int(round((offset_s + w.start) * 1000)), int(round((offset_s + w.end) * 1000)),
                  round(float(w.probability), 4)] for w in (seg.words or [])]
        segments.append({"start": int(round((offset_s + seg.start) * 1000)),
                         "end": int(round((offset_s + seg.end) * 1000)),
                         "no_speech_prob": round(float(seg.no_speech_prob), 4), "words": words})
    end_ms = int(round((offset_s + samples.shape[0] / SAMPLE_RATE) * 1000))
    return Piece(segments, language or info.language, end_ms)


def assemble(pieces: list[Piece], language: str | None) -> Transcript:
    """The pieces in order as one transcript: text built from the words, so char offsets line up."""
    words: list[Word] = []
    segments: list[Segment] = []
    text = ""
    for piece in pieces:
        for seg in piece.segments:
            first = len(words)
            seg_start = len(text)
            for i, (written, start, end, probability) in enumerate(seg["words"]):
                if not text:
                    written = written.lstrip()
                elif i == 0 and not written.startswith(" "):
                    written = " " + written  # keep segments apart when Whisper gives no leading space
                start_char = len(text) + len(written) - len(written.lstrip())
                text += written
                words.append(Word(text=written.strip(), start=start, end=end, confidence=probability,
                                  char_start=start_char, char_end=len(text)))
            if len(words) > first:
                segments.append(Segment(start=seg["start"], end=seg["end"], text=text[seg_start:].strip(),
                                        first_word=first, last_word=len(words),
                                        no_speech_prob=seg["no_speech_prob"]))
    return Transcript(text=text, language=language or "en", duration_ms=pieces[-1].end_ms if pieces else 0,
                      words=words, segments=segments)


def transcribe_audio(audio: Path, model, *, language: str | None, beam_size: int) -> Transcript:  # noqa: ANN001
    """Run Whisper with word timestamps over 5-minute pieces, one after the other. The language
    heard in the first piece is kept for the rest."""
    pieces: list[Piece] = []
    for offset, samples in pcm_chunks(audio):
        pieces.append(transcribe_piece(samples, offset, model, language=language, beam_size=beam_size))
        language = language or pieces[-1].language
    return assemble(pieces, language)

def is_silence(transcript: Transcript) -> bool:
    """Whisper writes a word or two into silence (" You", probability 0.06, no-speech 0.74 on 4 s
    of digital silence): the file has no speech when every segment looks like that."""
    for seg in transcript.segments:
        words = transcript.words[seg.first_word:seg.last_word]
        mean = sum(w.confidence for w in words) / len(words) if words else 0.0
        if (seg.no_speech_prob or 0.0) <= 0.6 or mean >= 0.3:
            return False
    return True


def empty(transcript: Transcript) -> Transcript:
    return transcript.model_copy(update={"text": "", "words": [], "segments": []})
