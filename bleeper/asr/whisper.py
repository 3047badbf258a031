"""Whisper over a recording's pieces: each piece's segments and words on the recording's clock
(`transcribe_piece`), put together into one Transcript whose word offsets index its text
(`assemble`). A piece is a task of its own in the pipeline (workers/transcribe.py), so a long
call is transcribed by several workers and a lost worker loses one piece; `transcribe_audio` runs
them one after the other in this process."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bleeper.asr.channels import interleave, silent_segment
from bleeper.asr.pcm import SAMPLE_RATE, channel_chunks, pcm_chunks, quiet
from bleeper.models import Segment, Transcript, Word


@dataclass
class Piece:
    """What Whisper heard in one piece: segments of (text as written, start ms, end ms, probability)
    words, times on the recording's clock; the language it heard; where the piece ends (ms)."""

    segments: list[dict] = field(default_factory=list)
    language: str | None = None
    end_ms: int = 0
    channel: int | None = None  # 0-based, when the channels are transcribed apart (multichannel)

    def to_json(self) -> dict:
        return {"segments": self.segments, "language": self.language, "end_ms": self.end_ms, "channel": self.channel}

    @classmethod
    def from_json(cls, data: dict) -> Piece:
        return cls(data["segments"], data["language"], data["end_ms"], data.get("channel"))


def transcribe_piece(samples: np.ndarray, offset_s: float, model, *, language: str | None,  # noqa: ANN001
                     beam_size: int, channel: int | None = None) -> Piece:
    """What Whisper hears in `samples` (a piece starting `offset_s` into the recording). A channel
    piece with nothing above QUIET_PEAK is not run through Whisper (it would write a "You" into
    the silence): the other side of a call is often silent for minutes."""
    end_ms = int(round((offset_s + samples.shape[0] / SAMPLE_RATE) * 1000))
    if channel is not None and quiet(samples):
        return Piece([], language, end_ms, channel)
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
    return Piece(segments, language or info.language, end_ms, channel)


def _in_order(pieces: list[Piece]) -> list[tuple[int | None, dict]]:
    """(channel, segment): the pieces' segments in order; the channels' interleaved by time."""
    if all(p.channel is None for p in pieces):
        return [(None, seg) for piece in pieces for seg in piece.segments]
    channels: dict[int, list[dict]] = {}
    for piece in pieces:
        channels.setdefault(piece.channel or 0, []).extend(piece.segments)
    return interleave({c: channels[c] for c in sorted(channels)})


def assemble(pieces: list[Piece], language: str | None) -> Transcript:
    """The pieces in order as one transcript: text built from the words, so char offsets line up.
    Pieces of several channels (multichannel) are interleaved by time (bleeper.asr.channels);
    their words and segments carry their channel."""
    words: list[Word] = []
    segments: list[Segment] = []
    text = ""
    for channel, seg in _in_order(pieces):
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
                              char_start=start_char, char_end=len(text), channel=channel))
        if len(words) > first:
            segments.append(Segment(start=seg["start"], end=seg["end"], text=text[seg_start:].strip(),
                                    first_word=first, last_word=len(words),
                                    no_speech_prob=seg["no_speech_prob"], channel=channel))
    return Transcript(text=text, language=language or "en", duration_ms=max((p.end_ms for p in pieces), default=0),
                      words=words, segments=segments)


def transcribe_audio(audio: Path, model, *, language: str | None, beam_size: int,  # noqa: ANN001
                     multichannel: bool = False) -> Transcript:
    """Run Whisper with word timestamps over 5-minute pieces, one after the other (each channel's
    apart with `multichannel`). The language heard in the first piece with speech is kept for
    the rest."""
    pieces: list[Piece] = []
    chunks = channel_chunks(audio) if multichannel else ((None, o, s) for o, s in pcm_chunks(audio))
    for channel, offset, samples in chunks:
        pieces.append(transcribe_piece(samples, offset, model, language=language, beam_size=beam_size,
                                       channel=channel))
        language = language or pieces[-1].language
    return assemble(pieces, language)


def is_silence(transcript: Transcript) -> bool:
    """Whisper writes a word or two into silence (" You", probability 0.06, no-speech 0.74 on 4 s
    of digital silence): the file has no speech when every segment looks like that."""
    return all(silent_segment(seg.no_speech_prob, [w.confidence for w in transcript.words[seg.first_word:seg.last_word]])
               for seg in transcript.segments)


def empty(transcript: Transcript) -> Transcript:
    return transcript.model_copy(update={"text": "", "words": [], "segments": []})
