"""What the streaming integration tests share: the test call (samples/voices/make_stream_call.py) as
the bytes a client sends, a `bleeper stream` process, and what a client heard."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import av
import numpy as np
import requests

ROOT = Path(__file__).resolve().parents[2]
KEY = "stream-test-key"


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


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def stream_process(home: Path, redis_url: str, **settings: str) -> Iterator[str]:
    """`bleeper stream` in a process of its own; yields its host:port once its models are loaded."""
    port = free_port()
    env = {**os.environ, "BLEEPER_HOME": str(home), "BLEEPER_API_KEY": KEY, "BLEEPER_REDIS_URL": redis_url,
           "BLEEPER_S3_ACCESS_KEY": "unused", "BLEEPER_S3_SECRET_KEY": "unused", "BLEEPER_LOG_FORMAT": "json",
           **{f"BLEEPER_{k.upper()}": v for k, v in settings.items()}}
    log = open(home / "stream.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "bleeper.cli", "stream", "--port", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, f"bleeper stream exited: {(home / 'stream.log').read_text()[-2000:]}"
            assert time.monotonic() < deadline, "bleeper stream did not answer in 120 s"
            try:
                if requests.get(f"http://127.0.0.1:{port}/health", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        yield f"127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log.close()


@contextmanager
def redis_server(home: Path) -> Iterator[str]:
    from bleeper.stack import redis_server_exe

    sock = home / "redis.sock"
    proc = subprocess.Popen([redis_server_exe(), "--port", "0", "--unixsocket", str(sock), "--save", "",
                             "--appendonly", "no", "--dir", str(home)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not sock.exists():
            assert time.monotonic() < deadline and proc.poll() is None, "redis-server did not start"
            time.sleep(0.05)
        yield f"unix://{sock}"
    finally:
        proc.terminate()
        proc.wait(10)
