"""A value said on one channel of a stereo call is beeped on both: the other side's channel, which
may carry an echo or the other speaker repeating it, gets the tone too (issue 16)."""

from __future__ import annotations

import wave
from pathlib import Path

import av
import numpy as np
import pytest

from bleeper.media import probe
from bleeper.models import Entity
from bleeper.redaction.audio import plan_intervals, render_audio

RATE, SPEECH_HZ, BEEP_HZ = 16_000, 300, 1000


def _call(path: Path) -> Path:
    """4 s stereo: the caller (left) 'speaks' (a 300 Hz tone) from 1 s to 3 s; the agent (right) is silent."""
    t = np.arange(4 * RATE) / RATE
    left = np.where((t >= 1) & (t < 3), 0.3 * np.sin(2 * np.pi * SPEECH_HZ * t), 0.0)
    frames = (np.stack([left, np.zeros_like(left)], axis=1) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames.tobytes())
    return path


def _channels(path: Path) -> np.ndarray:
    with av.open(str(path)) as c:
        stream = c.streams.audio[0]
        frames = [f.to_ndarray() for f in c.decode(stream)]
        channels = stream.codec_context.channels
    return np.concatenate([f.reshape(-1, channels) if f.shape[0] == 1 else f.T for f in frames]).astype(np.float64)


def _level_at(x: np.ndarray, hz: float) -> float:
    """Amplitude of the `hz` component (a sine of amplitude a reads about a)."""
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x)))) * 4 / len(x)
    freqs = np.fft.rfftfreq(len(x), 1 / RATE)
    return float(spectrum[np.abs(freqs - hz) <= 15].max())


@pytest.mark.parametrize("quality", ["mp3", "wav"])
def test_a_value_said_on_one_channel_is_beeped_on_both(tmp_path, quality):
    source = _call(tmp_path / "call.wav")
    said = Entity(policy="phone_number", start=0, end=12, start_ms=1800, end_ms=2400, score=1.0, recognizer="test")
    intervals = plan_intervals([said], 4000, 0)
    out = tmp_path / f"redacted.{quality}"
    written = render_audio(source, out, intervals, probe(source), quality=quality)
    assert written.channels == 2
    x = _channels(out)
    span = x[int(1.95 * RATE):int(2.3 * RATE)]  # inside the entity, clear of the edges
    before = x[int(1.2 * RATE):int(1.6 * RATE)]
    for channel, who in ((0, "the speaker's"), (1, "the silent side's")):
        assert _level_at(span[:, channel], BEEP_HZ) > 0.2, f"no beep on {who} channel"
        assert _level_at(span[:, channel], SPEECH_HZ) < 0.01, f"the value is still audible on {who} channel"
        assert _level_at(before[:, channel], BEEP_HZ) < 0.01
    assert _level_at(before[:, 0], SPEECH_HZ) > 0.2  # the rest of the call is untouched
    assert np.max(np.abs(before[:, 1])) < 0.01
