"""A session's audio kept for `redact_pii_audio`: the samples as the client sent them (16-bit at
its rate; μ-law decoded), written to a WAV in a temporary file as they arrive, so an hour-long
call never sits in memory whole."""

from __future__ import annotations

import tempfile
import wave
from typing import IO

import numpy as np

SPOOL_BYTES = 8 * 1024 * 1024  # in memory below this, on disk above


class Recording:
    def __init__(self, sample_rate: int) -> None:
        self.sample_rate = sample_rate
        self.file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
        self._wav = wave.open(self.file, "wb")  # noqa: SIM115 — closed in finish()
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(sample_rate)
        self.samples = 0

    def write(self, pcm: np.ndarray) -> None:
        self._wav.writeframes(pcm.astype("<i2", copy=False).tobytes())
        self.samples += pcm.shape[0]

    @property
    def seconds(self) -> float:
        return self.samples / self.sample_rate

    def finish(self) -> IO[bytes]:
        """The WAV, header completed, read from its start. Close it when done."""
        self._wav.close()  # writes the final sizes into the header; leaves the file open
        self.file.seek(0)
        return self.file

    def discard(self) -> None:
        if not self.file.closed:
            self._wav.close()  # before the file, or the writer's finaliser writes to a closed file
        self.file.close()
