"""A session's audio as the client sends it: binary frames of 16-bit little-endian PCM or 8-bit
G.711 μ-law at the announced rate, turned into 16 kHz mono float32 for the VAD and Whisper.

Frames may be any size up to a second (an odd byte count of 16-bit PCM keeps its last byte for the
next frame); a WAV header at the very start of the stream (a client that sends a file as it is)
is skipped. How fast audio may arrive is checked by `RateCheck`.
"""

from __future__ import annotations

import struct
import time
from collections.abc import Callable

import av
import numpy as np

from bleeper.streaming.protocol import Close, ProtocolError

SAMPLE_RATE = 16_000
MAX_FRAME_MS = 1000
# audio may run this far ahead of the wall clock (a client's buffer after a network stall)
AHEAD_MS = 5000
MAX_WAV_HEADER = 4096


def _mulaw_table() -> np.ndarray:
    """G.711 μ-law byte → 16-bit sample (ITU-T G.711, as ffmpeg's pcm_mulaw decodes it)."""
    codes = ~np.arange(256, dtype=np.int32) & 0xFF
    exponent, mantissa = (codes >> 4) & 0x07, codes & 0x0F
    magnitude = ((mantissa << 3) + 0x84) << exponent
    return np.where(codes & 0x80, 0x84 - magnitude, magnitude - 0x84).astype(np.int16)


MULAW = _mulaw_table()


def wav_header_length(data: bytes) -> int | None:
    """The length of a RIFF/WAVE header at the start of `data` (up to the data chunk's payload),
    0 when `data` does not start like one, None when it does but is cut short."""
    if not data.startswith(b"RIFF"[:len(data)]) or (len(data) >= 12 and data[8:12] != b"WAVE"):
        return 0
    at = 12
    while at + 8 <= min(len(data), MAX_WAV_HEADER):
        chunk, size = data[at:at + 4], struct.unpack("<I", data[at + 4:at + 8])[0]
        if chunk == b"data":
            return at + 8
        at += 8 + size + (size & 1)
    return None if len(data) < MAX_WAV_HEADER else 0


class AudioInput:
    """Bytes in, samples out: `feed` returns (the frame's samples at the client's rate as int16,
    the same at 16 kHz as float32). The first is what the session records for redact_pii_audio."""

    def __init__(self, encoding: str, sample_rate: int) -> None:
        self.encoding = encoding
        self.sample_rate = sample_rate
        self.bytes_per_sample = 1 if encoding == "pcm_mulaw" else 2
        self._carry = b""  # an odd byte of 16-bit PCM, or the first bytes while a WAV header may come
        self._header_done = False
        self._resampler = None if sample_rate == SAMPLE_RATE else av.AudioResampler(
            format="flt", layout="mono", rate=SAMPLE_RATE)
        self.received_samples = 0  # at the client's rate

    def frame_ms(self, data: bytes) -> float:
        return len(data) / self.bytes_per_sample * 1000 / self.sample_rate

    def feed(self, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        data = self._carry + data
        self._carry = b""
        if not self._header_done:
            skip = wav_header_length(data)
            if skip is None:  # a header has begun but not ended: wait for the rest
                self._carry = data
                return _EMPTY_I16, _EMPTY_F32
            data = data[skip:]
            self._header_done = True
        usable = len(data) - len(data) % self.bytes_per_sample
        data, self._carry = data[:usable], data[usable:]
        if self.encoding == "pcm_mulaw":
            pcm = MULAW[np.frombuffer(data, dtype=np.uint8)]
        else:
            pcm = np.frombuffer(data, dtype="<i2").astype(np.int16)
        self.received_samples += pcm.shape[0]
        return pcm, self._to_16k(pcm)

    def flush(self) -> np.ndarray:
        """What the resampler still holds, at the end of the stream."""
        if self._resampler is None:
            return _EMPTY_F32
        return _frames_to_array(self._resampler.resample(None))

    def _to_16k(self, pcm: np.ndarray) -> np.ndarray:
        if pcm.shape[0] == 0:
            return _EMPTY_F32
        if self._resampler is None:
            return pcm.astype(np.float32) / 32768.0
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = self.sample_rate
        return _frames_to_array(self._resampler.resample(frame))


def _frames_to_array(frames: list[av.AudioFrame]) -> np.ndarray:
    if not frames:
        return _EMPTY_F32
    return np.concatenate([f.to_ndarray().reshape(-1) for f in frames]).astype(np.float32, copy=False)


_EMPTY_I16 = np.zeros(0, dtype=np.int16)
_EMPTY_F32 = np.zeros(0, dtype=np.float32)


class RateCheck:
    """AssemblyAI's audio rules (close 3007): a frame holds at most a second of audio, and audio
    does not arrive faster than real time (beyond a few seconds of buffer). The second rule can be
    switched off (BLEEPER_STREAM_REALTIME_CHECK=false), so tests and batch-like clients can stream
    faster than real time."""

    def __init__(self, realtime: bool, clock: Callable[[], float] = time.monotonic) -> None:
        self.realtime = realtime
        self.clock = clock
        self.started: float | None = None
        self.received_ms = 0.0

    def check(self, frame_ms: float) -> None:
        if frame_ms > MAX_FRAME_MS + 1:
            raise ProtocolError(Close.audio_violation, f"an audio frame held {frame_ms:.0f} ms; send 20 ms to "
                                                       f"{MAX_FRAME_MS} ms of audio per message")
        now = self.clock()
        if self.started is None:
            self.started = now
        self.received_ms += frame_ms
        if self.realtime and self.received_ms > (now - self.started) * 1000 + AHEAD_MS:
            raise ProtocolError(Close.audio_violation, "audio is arriving faster than real time; send it as it is "
                                                       "spoken (at most a second per message)")
