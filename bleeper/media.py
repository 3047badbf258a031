"""Untrusted media: the one ffmpeg binary bleeper runs, and every way a received file is opened.

A file we receive is opened only as a local file (`protocol_whitelist=file`) and only by a real
audio/video demuxer (`format_whitelist=DEMUXERS`), by PyAV and by the ffmpeg command line alike:
playlists (hls), concat lists, image sequences, lavfi graphs and the like would make the demuxer
open other files or URLs on our behalf. Decoding skips damaged packets instead of giving up.
"""

from __future__ import annotations

import ctypes
import importlib.resources
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

import av

from bleeper.errors import MediaError
from bleeper.models import Probe

# Demuxers a received file may be read with: containers and raw streams that hold audio (and
# video) and nothing else. Names as libavformat's (`mov` covers mp4/m4a/3gp, `matroska` webm).
DEMUXERS = (
    "mp3", "wav", "w64", "flac", "ogg", "mov", "matroska", "aac", "loas", "ac3", "eac3", "dts", "amr", "amrnb",
    "amrwb", "caf", "aiff", "au", "wv", "ape", "tta", "mpc", "mpc8", "asf", "avi", "flv", "mpegts", "mpeg",
)  # fmt: skip
INPUT_OPTIONS = {"protocol_whitelist": "file", "format_whitelist": ",".join(DEMUXERS)}
# for the ffmpeg command line, which would otherwise call an unlabelled 3-channel wav 2.1 (and
# mix into it as if its third channel were LFE) where PyAV sees 3 unnamed channels
CLI_INPUT_OPTIONS = {**INPUT_OPTIONS, "guess_layout_max": 0}
NOT_MEDIA = "the file is not audio or video that ffmpeg can decode"
DAMAGED = "the file is damaged: none of its audio could be decoded"


@lru_cache
def ffmpeg_exe() -> str:
    """The static ffmpeg build pinned by imageio-ffmpeg — never one on PATH or IMAGEIO_FFMPEG_EXE,
    so every machine runs the binary the tests ran."""
    from imageio_ffmpeg._definitions import FNAME_PER_PLATFORM, get_platform

    name = FNAME_PER_PLATFORM.get(get_platform(), "")
    exe = importlib.resources.files("imageio_ffmpeg.binaries") / name
    if not name or not exe.is_file():
        raise RuntimeError(f"imageio-ffmpeg ships no ffmpeg for {get_platform()}")
    return str(exe)


@lru_cache
def ffmpeg_version() -> str:
    """`ffmpeg -version`'s version field, e.g. `n9.0.2-17-g2a571b6068-20260930`."""
    first = run_ffmpeg(["-version"]).stdout.decode(errors="replace").splitlines()[:1]
    return first[0].split(" Copyright")[0].removeprefix("ffmpeg version ") if first else "unknown"


def input_path(path: Path) -> str:
    """A local path as an ffmpeg input or output: `file:` so no part of it reads as a protocol."""
    return f"file:{Path(path).resolve()}"


# --- running ffmpeg ------------------------------------------------------------------------------

_PR_SET_PDEATHSIG = 1
_prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform == "linux" else None


def _dies_with(parent: int) -> Callable[[], None]:
    """preexec_fn: the child gets SIGKILL when the task's process dies, even by SIGKILL (Celery's
    hard time limit), which no Python handler sees."""

    def setup() -> None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return setup


def run_ffmpeg(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run the pinned ffmpeg with `args`, output captured. subprocess.run kills the child on any
    exception in the waiting thread (Celery's SoftTimeLimitExceeded); PR_SET_PDEATHSIG on
    Linux kills it when this process is killed outright."""
    preexec = _dies_with(os.getpid()) if _prctl is not None else None
    return subprocess.run([ffmpeg_exe(), "-nostdin", *args], stdin=subprocess.DEVNULL, capture_output=True,
                          preexec_fn=preexec, check=False)


# --- reading what we received --------------------------------------------------------------------


def open_media(path: Path) -> av.container.InputContainer:
    """Open a received file with PyAV: a local file, read by a whitelisted demuxer only."""
    try:
        return av.open(input_path(path), container_options=INPUT_OPTIONS, metadata_errors="ignore")
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise MediaError(NOT_MEDIA) from exc


def first_audio(container: av.container.InputContainer) -> av.audio.stream.AudioStream:
    """The audio stream bleeper transcribes and redacts (ffmpeg's `0:a:0`)."""
    audio = next((s for s in container.streams if s.type == "audio"), None)
    if audio is None:
        raise MediaError("the file has no audio stream")
    return audio


def decoded(container: av.container.InputContainer, stream: av.stream.Stream) -> Iterator[av.AudioFrame]:
    """The stream's frames, skipping packets the decoder refuses (as the ffmpeg command line
    does; decoders refuse damage with AVERROR_INVALIDDATA, EPERM or AVERROR_UNKNOWN alike); the file is
    damaged when something was refused and nothing decoded. A demuxing error ends the stream
    where ffmpeg ends it too."""
    frames = refused = 0
    try:
        for packet in container.demux(stream):
            try:
                out = packet.decode()
            except av.error.FFmpegError:
                refused += 1
                continue
            frames += len(out)
            yield from out
    except av.error.FFmpegError:
        refused += 1
    if refused and not frames:
        raise MediaError(DAMAGED)


def probe(path: Path) -> Probe:
    """Read duration and streams from the content itself (imageio-ffmpeg ships no ffprobe)."""
    with open_media(path) as container:
        try:
            if not container.streams:
                raise MediaError(NOT_MEDIA)
            audio = first_audio(container)
            video = next((s for s in container.streams if s.type == "video" and not is_cover_art(s)), None)
            return Probe(
                duration_s=round(_duration(container, audio), 3),
                codec=audio.codec_context.name,
                sample_rate=audio.codec_context.sample_rate or 0,
                channels=audio.codec_context.channels or 1,
                has_video=video is not None,
                format=container.format.name,
                # the codec's name (av1), not its decoder's (libdav1d): redact_audio picks the container by it
                video_codec=video.codec_context.codec.canonical_name if video is not None else None,
            )
        except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
            raise MediaError(NOT_MEDIA) from exc


def channel_layout(path: Path) -> str:
    """The first audio stream's channel layout as ffmpeg's filters spell it (`FL+FR+LFE`, or
    `3c` when the file names no channels). The ffmpeg input must not guess one either
    (`guess_layout_max=0`, in INPUT_OPTIONS)."""
    with open_media(path) as container:
        layout = first_audio(container).layout
    names = [c.name for c in layout.channels]
    return f"{layout.nb_channels}c" if "NONE" in names or not names else "+".join(names)


def is_cover_art(stream: av.stream.Stream) -> bool:
    return bool(stream.disposition & av.stream.Disposition.attached_pic)


def _duration(container: av.container.InputContainer, audio: av.audio.stream.AudioStream) -> float:
    if container.duration:
        return container.duration / av.time_base
    if audio.duration and audio.time_base:
        return float(audio.duration * audio.time_base)
    # no header duration (raw streams): decode to count
    seconds = 0.0
    for frame in decoded(container, audio):
        seconds = float(frame.time or 0) + frame.samples / (frame.sample_rate or 1)
    if seconds <= 0:
        raise MediaError("the file's audio is empty")
    return seconds
