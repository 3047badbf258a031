"""The bench's files: the sample call, longer calls made from it and a video, made once and cached."""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.bench.errors import BenchError

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "sample_call.mp3"

INPUT_RECIPE = "v1"  # bump when the way inputs are made changes (they are cached by this and the sample's hash)
SYNTHETIC_MINUTES = (1, 5, 20)


@dataclass
class BenchFile:
    name: str
    path: Path
    kind: str  # "audio" or "video"
    duration_s: float = 0.0
    codec: str = ""
    container: str = ""


def _ffmpeg(*args: str) -> None:
    from bleeper.media import ffmpeg_exe

    proc = subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *args],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise BenchError(f"ffmpeg {' '.join(args[-1:])} failed: {proc.stderr.strip()[-500:]}")


def _has_encoder(name: str) -> bool:
    from bleeper.media import ffmpeg_exe

    out = subprocess.run([ffmpeg_exe(), "-hide_banner", "-encoders"], capture_output=True, text=True).stdout
    return any(line.split()[1:2] == [name] for line in out.splitlines() if line.strip())


def _atomic(target: Path, make: Any) -> Path:
    """Run make(tmp_path) and rename into place, so an interrupted run leaves no half file."""
    if target.exists():
        return target
    tmp = target.with_name(f".{target.stem}.partial{target.suffix}")
    make(tmp)
    os.replace(tmp, target)
    return target


def input_dir(sample: Path = SAMPLE) -> Path:
    """Cache directory for generated inputs: keyed by the sample's hash and the recipe version."""
    digest = hashlib.sha256(sample.read_bytes()).hexdigest()[:12]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bleeper" / "bench-inputs"
    return base / f"{INPUT_RECIPE}-{digest}"


def long_call(directory: Path, minutes: int, sample: Path = SAMPLE) -> Path:
    """call_<minutes>min.mp3: the sample concatenated with the concat demuxer and cut to length,
    re-encoded to mp3 16 kHz mono (made once, then reused)."""
    from bleeper.media import probe

    seconds = minutes * 60
    copies = math.ceil(seconds / probe(sample).duration_s) + 1
    listing = directory / f"concat-{copies}.txt"
    quoted = str(sample.resolve()).replace("'", "'\\''")
    listing.write_text(f"file '{quoted}'\n" * copies)

    def concat(tmp: Path) -> None:
        _ffmpeg("-f", "concat", "-safe", "0", "-i", str(listing), "-t", str(seconds), "-vn", "-ac", "1",
                "-ar", "16000", "-c:a", "libmp3lame", "-b:a", "48k", "-f", "mp3", str(tmp))

    directory.mkdir(parents=True, exist_ok=True)
    return _atomic(directory / f"call_{minutes}min.mp3", concat)


def make_inputs(directory: Path, *, quick: bool = False, sample: Path = SAMPLE) -> tuple[list[BenchFile], Path]:
    """The bench's files (made once, then reused) and a 9 s warm-up clip.

    sample_call.mp3 (the sample itself), call_{1,5,20}min.mp3 (the sample concatenated with the
    concat demuxer and cut to length, re-encoded to mp3 16 kHz mono), and sample_call.mp4 (a black
    still picture, libx264 if this ffmpeg has it else mpeg4, with the sample's audio as AAC, cut to
    the audio's length: -shortest leaves the picture ~2 s longer).
    `quick`: only the sample and the 1-minute call.
    """
    from bleeper.media import probe

    directory.mkdir(parents=True, exist_ok=True)
    one_call = probe(sample).duration_s
    files = [BenchFile("sample_call.mp3", _atomic(directory / "sample_call.mp3", lambda t: shutil.copyfile(sample, t)),
                   "audio")]
    for minutes in SYNTHETIC_MINUTES[:1] if quick else SYNTHETIC_MINUTES:
        files.append(BenchFile(f"call_{minutes}min.mp3", long_call(directory, minutes, sample), "audio"))
    if not quick:
        vcodec = ["-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage"] if _has_encoder("libx264") \
            else ["-c:v", "mpeg4", "-q:v", "5"]

        def video(tmp: Path) -> None:
            _ffmpeg("-f", "lavfi", "-i", "color=c=black:s=640x360:r=10", "-i", str(sample), "-map", "0:v",
                    "-map", "1:a", "-t", f"{one_call:.3f}", *vcodec, "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
                    "-movflags", "+faststart", "-f", "mp4", str(tmp))

        files.append(BenchFile("sample_call.mp4", _atomic(directory / "sample_call.mp4", video), "video"))
    for f in files:
        info = probe(f.path)
        f.duration_s, f.codec, f.container = info.duration_s, info.codec, info.format
        if (f.kind == "video") != info.has_video:
            raise BenchError(f"{f.name}: expected has_video={f.kind == 'video'}, the probe says {info.has_video}")
    warmup = _atomic(directory / "warmup_9s.mp3",
                     lambda t: _ffmpeg("-i", str(sample), "-t", "9", "-c", "copy", "-f", "mp3", str(t)))
    return files, warmup

