"""The Silero VAD fed frame by frame gives faster-whisper's probabilities for the whole recording."""

from __future__ import annotations

import numpy as np
from faster_whisper.vad import get_vad_model
from hypothesis import given, settings, strategies as st

from bleeper.streaming.vad import WINDOW, StreamingVad

RATE = 16_000


def speechlike(seconds: float) -> np.ndarray:
    """Noise with a voiced stretch (a 150 Hz buzz with harmonics, amplitude-modulated)."""
    rng = np.random.default_rng(3)
    t = np.arange(int(seconds * RATE)) / RATE
    audio = rng.standard_normal(t.shape[0]).astype(np.float32) * 0.01
    voiced = (t > 1.0) & (t < 2.5)
    buzz = sum(np.sin(2 * np.pi * 150 * k * t) / k for k in range(1, 8)) * (0.5 + 0.5 * np.sin(2 * np.pi * 4 * t))
    audio[voiced] += (0.2 * buzz[voiced]).astype(np.float32)
    return audio


AUDIO = speechlike(3.2)
WHOLE = get_vad_model()(AUDIO[: AUDIO.shape[0] // WINDOW * WINDOW]).reshape(-1)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, AUDIO.shape[0] - 1), max_size=20))
def test_frame_by_frame_equals_faster_whispers_batch(cuts):
    vad = StreamingVad()
    probs, at = [], 0
    for cut in sorted(set(cuts)) + [AUDIO.shape[0]]:
        probs.append(vad(AUDIO[at:cut]))
        at = cut
    streamed = np.concatenate(probs)
    assert streamed.shape == WHOLE.shape
    assert np.allclose(streamed, WHOLE, atol=1e-5)


def test_sessions_keep_their_own_state():
    a, b = StreamingVad(), StreamingVad()
    first = a(AUDIO[:RATE])
    b(np.zeros(RATE, dtype=np.float32))
    assert np.allclose(np.concatenate([first, a(AUDIO[RATE:AUDIO.shape[0] // WINDOW * WINDOW])]), WHOLE, atol=1e-5)
