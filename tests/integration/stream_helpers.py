"""What the streaming integration tests share: the test call (samples/voices/make_stream_call.py) as
the bytes a client sends, and what a client heard (the `bleeper stream` process: tools/stream_server.py)."""

from __future__ import annotations

import importlib.util
import re
import wave
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import av
import numpy as np

from tools.stream_server import KEY, redis_server, stream_process

ROOT = Path(__file__).resolve().parents[2]
__all__ = ["KEY", "Heard", "chunks", "digits", "leaked", "mulaw8k", "pcm16k", "redis_server", "stream_process",
           "the_call"]


def the_call() -> tuple[Path, dict[str, Any]]:
    spec = importlib.util.spec_from_file_location("make_stream_call", ROOT / "samples/voices/make_stream_call.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module.make()


def pcm16k(path: Path) -> bytes:
    with wave.open(str(path)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2)
        return w.readframes(w.getnframes())


def mulaw8k(pcm: bytes) -> bytes:
    """The call as a phone line carries it: 8 kHz G.711 μ-law (ffmpeg's resampler and encoder)."""
    frame = av.AudioFrame.from_ndarray(np.frombuffer(pcm, "<i2").reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = 16000
    resampler = av.AudioResampler(format="s16", layout="mono", rate=8000)
    codec = av.CodecContext.create("pcm_mulaw", "w")
    codec.sample_rate, codec.layout, codec.format = 8000, "mono", "s16"
    out = b""
    for f in resampler.resample(frame) + resampler.resample(None):
        for packet in codec.encode(f):
            out += bytes(packet)
    for packet in codec.encode(None):
        out += bytes(packet)
    return out


def chunks(data: bytes, size: int) -> Iterator[bytes]:
    for i in range(0, len(data), size):
        yield data[i:i + size]


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@dataclass
class Heard:
    """Everything one client session received, as the SDK parsed it."""

    begins: list[Any] = field(default_factory=list)
    turns: list[Any] = field(default_factory=list)
    terminations: list[Any] = field(default_factory=list)
    errors: list[Any] = field(default_factory=list)

    def finals(self, formatted: bool | None = None) -> list[Any]:
        return [t for t in self.turns if t.end_of_turn and (formatted is None or t.turn_is_formatted == formatted)]

    def text(self) -> str:
        return " ".join(t.transcript for t in self.turns)


def leaked(heard: Heard) -> list[str]:
    """The test call's values (or a recognisable part) anywhere in what the client got."""
    said = heard.text()
    found = [v for v in ("2125550147", "5550147", "4111", "1111") if v in digits(said)]
    found += [name for name in ("linda", "okafor", "akafir", "okafur") if name in said.lower()]
    return found
