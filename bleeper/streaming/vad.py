"""Voice activity, frame by frame: the Silero VAD that faster-whisper ships (its ONNX model, loaded
once per process), run incrementally with its recurrent state kept per session.

faster-whisper runs the model over a whole recording at once (`SileroVADModel.__call__`: windows of
512 samples, each with the 64 samples before it as context, one (h, c) state carried through the
batch). Feeding the same windows in pieces with the state carried between calls gives the same
probabilities, bit for bit (tests/unit/bleeper/streaming/test_vad.py).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

WINDOW = 512  # samples at 16 kHz: 32 ms
CONTEXT = 64
WINDOW_MS = 32


class SpeechProbabilities(Protocol):
    """What the session needs of a VAD: a probability of speech per whole window fed so far."""

    def __call__(self, samples: np.ndarray) -> np.ndarray: ...


def silero_session():  # noqa: ANN201 — an onnxruntime.InferenceSession
    """faster-whisper's Silero model, one per process (its lru_cache); onnxruntime's telemetry is
    already off (bleeper/privacy.py runs when bleeper is imported)."""
    from faster_whisper.vad import get_vad_model

    return get_vad_model().session


class StreamingVad:
    """Speech probabilities for each 32 ms window, fed any number of samples at a time."""

    def __init__(self, session=None) -> None:  # noqa: ANN001
        self.session = session or silero_session()
        self.h = np.zeros((1, 1, 128), dtype=np.float32)
        self.c = np.zeros((1, 1, 128), dtype=np.float32)
        self.context = np.zeros(CONTEXT, dtype=np.float32)
        self.pending = np.zeros(0, dtype=np.float32)

    def __call__(self, samples: np.ndarray) -> np.ndarray:
        data = np.concatenate([self.pending, samples.astype(np.float32, copy=False)])
        count = data.shape[0] // WINDOW
        self.pending = data[count * WINDOW:]
        if count == 0:
            return np.zeros(0, dtype=np.float32)
        windows = data[:count * WINDOW].reshape(count, WINDOW)
        contexts = np.vstack([self.context[None, :], windows[:-1, -CONTEXT:]])
        self.context = windows[-1, -CONTEXT:].copy()
        batch = np.concatenate([contexts, windows], axis=1)
        probs, self.h, self.c = self.session.run(None, {"input": batch, "h": self.h, "c": self.c})
        return np.asarray(probs, dtype=np.float32).reshape(-1)
