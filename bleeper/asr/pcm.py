"""A recording as Whisper hears it: 16 kHz mono float32, in pieces of about five minutes cut where
it is quietest, on the clock of decoded samples (the redacted audio's clock too); the channels
mixed (`pcm_chunks`) or each on its own (`channel_chunks`, for multichannel jobs)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np

from bleeper.media import decoded, first_audio, open_media

SAMPLE_RATE = 16_000
CHUNK_S = 300  # Whisper's features for a whole 20-minute call took 1.4 GB; 5-minute pieces ~0.65 GB
SEARCH_S = 20  # where to look for a quiet place to cut, before the chunk's end
QUIET_PEAK = 1e-3  # -60 dBFS: a piece that never gets louder has nothing to transcribe


def _quiet_cut(samples: np.ndarray, chunk_s: int) -> int:
    """The middle of the quietest 100 ms in the last SEARCH_S seconds before chunk_s."""
    lo, hi = (chunk_s - SEARCH_S) * SAMPLE_RATE, chunk_s * SAMPLE_RATE
    window = SAMPLE_RATE // 10
    region = samples[lo:hi]
    energy = np.convolve(region ** 2, np.ones(window, dtype=np.float32), mode="valid")
    return lo + int(np.argmin(energy)) + window // 2


def quiet(samples: np.ndarray) -> bool:
    return not samples.size or float(np.max(np.abs(samples))) < QUIET_PEAK


class _Cutter:
    """One stream of 16 kHz samples cut into pieces of about chunk_s, where it is quietest."""

    def __init__(self, chunk_s: int, offset: float = 0.0) -> None:
        self.chunk_s, self.offset = chunk_s, offset
        self.pending: list[np.ndarray] = []
        self.size = 0

    def feed(self, samples: np.ndarray) -> Iterator[tuple[float, np.ndarray]]:
        self.pending.append(samples)
        self.size += samples.shape[0]
        if self.size >= self.chunk_s * SAMPLE_RATE:
            data = np.concatenate(self.pending)
            cut = _quiet_cut(data, self.chunk_s)
            yield self.offset, data[:cut]
            self.offset += cut / SAMPLE_RATE
            self.pending, self.size = [data[cut:]], data.shape[0] - cut

    def rest(self) -> Iterator[tuple[float, np.ndarray]]:
        if self.size:
            yield self.offset, np.concatenate(self.pending)
            self.pending, self.size = [], 0


def pcm_chunks(path: Path, chunk_s: int = CHUNK_S) -> Iterator[tuple[float, np.ndarray]]:
    """(offset in seconds, 16 kHz mono float32 samples), about chunk_s long, cut where it is
    quietest, decoded as they are needed so a 4-hour file never sits in memory whole. The
    clock is the count of decoded samples, as in the redacted audio (damaged packets skipped)."""
    cutter = _Cutter(chunk_s)
    with open_media(path) as container:
        for frame in _frames_16k(decoded(container, first_audio(container))):
            yield from cutter.feed(_mix(frame))
    yield from cutter.rest()


def channel_chunks(path: Path, chunk_s: int = CHUNK_S) -> Iterator[tuple[int, float, np.ndarray]]:
    """(channel, offset in seconds, 16 kHz float32 samples of that channel alone): each channel
    cut into pieces as `pcm_chunks` cuts the mix, from one decoding of the file. At most one
    piece per channel is held at a time (a 60-minute stereo call: two 5-minute pieces, not two
    hours of samples). Same clock as `pcm_chunks`. A channel that appears part way through (an
    mp3 joined from a mono and a stereo file) starts its pieces there; while one is missing it
    yields nothing (what it had is cut off as a piece)."""
    cutters: list[_Cutter] = []
    position = 0  # samples decoded so far, per channel
    with open_media(path) as container:
        for frame in _frames_16k(decoded(container, first_audio(container))):
            while len(cutters) < frame.shape[1]:
                cutters.append(_Cutter(chunk_s, position / SAMPLE_RATE))
            for channel in range(frame.shape[1]):
                for offset, samples in cutters[channel].feed(np.ascontiguousarray(frame[:, channel])):
                    yield channel, offset, samples
            for channel in range(frame.shape[1], len(cutters)):  # gone quiet: cut what it said
                for offset, samples in cutters[channel].rest():
                    yield channel, offset, samples
                cutters[channel].offset = (position + frame.shape[0]) / SAMPLE_RATE
            position += frame.shape[0]
    for channel, cutter in enumerate(cutters):
        for offset, samples in cutter.rest():
            yield channel, offset, samples


def _frames_16k(frames: Iterator[av.AudioFrame]) -> Iterator[np.ndarray]:
    """Each frame as 16 kHz float32 samples, one column per channel. A new resampler whenever the
    frames change format, layout or rate (an mp3 joined from a mono and a stereo file), as
    ffmpeg's filters do."""
    resampler, setup = None, None
    for frame in frames:
        if (frame.format.name, frame.layout.name, frame.sample_rate) != setup:
            if resampler is not None:
                yield from _columns(resampler.resample(None))
            # packed float keeping every channel: swresample's own mono downmix drops an LFE
            # channel (4th of 6 or 8, 3rd of 3), and a speaker recorded alone there would go
            # untranscribed, and so unredacted
            resampler = av.AudioResampler(format="flt", rate=SAMPLE_RATE)
            setup = (frame.format.name, frame.layout.name, frame.sample_rate)
        frame.pts = None  # the resampler keeps its own clock
        yield from _columns(resampler.resample(frame))
    if resampler is not None:
        yield from _columns(resampler.resample(None))


def _columns(frames: list[av.AudioFrame]) -> Iterator[np.ndarray]:
    for frame in frames:
        yield frame.to_ndarray().reshape(-1, frame.layout.nb_channels)


def _mix(samples: np.ndarray) -> np.ndarray:
    """One or two channels averaged (as swresample mixes them); more are summed, so a speaker
    alone on one of eight tracks is as loud as recorded (float: nothing clips)."""
    mixed = samples.mean(axis=1) if samples.shape[1] <= 2 else samples.sum(axis=1)
    return mixed.astype(np.float32, copy=False)
