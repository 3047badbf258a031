"""A recording as Whisper hears it: 16 kHz mono float32, in pieces of about five minutes cut where
it is quietest, on the clock of decoded samples (the redacted audio's clock too)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np

from bleeper.media import decoded, first_audio, open_media

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
